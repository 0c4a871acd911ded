import { existsSync } from 'node:fs';
import { relative } from 'node:path';
import type { Command } from 'commander';
import type { Deps } from '../deps.js';
import { keyStatus } from '../modules/api-keys/api-key-view.js';
import { operatorActor } from '../modules/audit/actor.js';
import {
  findKeysInFiles,
  type KeyFinding,
  type ScanProgress,
} from '../modules/secret-scanning/find-keys-in-files.js';
import { matchKey } from '../modules/secret-scanning/match-key.js';
import { revokeLeakedKey } from '../modules/secret-scanning/revoke-leaked-key.js';
import type { ConfigLoader } from './program.js';
import { withDeps } from './with-deps.js';

/** Exit codes of `klipy keys scan` (1 stays "the command failed"). */
export const SCAN_EXIT = {
  /** Key-shaped strings with a valid checksum that are not live: unknown here, ended, or not checked (--offline). */
  unverified: 2,
  /** Live keys found (revoked now with --revoke, but they did leak). */
  live: 3,
} as const;

/** What the scan concluded about one finding. */
export type ScanStatus = 'malformed' | 'unchecked' | 'unknown' | 'live' | 'revoked' | 'expired';

export interface ScanResult {
  file: string;
  line: number;
  column: number;
  prefix: string;
  tokenHash: string;
  status: ScanStatus;
  /** True when this scan revoked it (--revoke). */
  revokedNow: boolean;
  keyId: string | null;
  orgId: string | null;
}

/** stderr progress: a rewritten line on a terminal, a line per 2 s otherwise; silent for small trees. */
function progressReporter() {
  let last = 0;
  const tty = process.stderr.isTTY;
  const started = Date.now();
  return {
    update(p: ScanProgress) {
      const now = Date.now();
      if (now - last < (tty ? 200 : 2000) || now - started < 500) return;
      last = now;
      const text = `scanning: ${p.files} files, ${(p.bytes / 1_048_576).toFixed(1)} MiB, ${p.findings} key-shaped strings`;
      process.stderr.write(tty ? `\r${text}` : `${text}\n`);
    },
    done(p: ScanProgress) {
      if (tty && last) process.stderr.write('\n');
      if (last || p.skipped)
        process.stderr.write(
          `scanned ${p.files} files${p.skipped ? `, ${p.skipped} larger than 20 MiB skipped` : ''}\n`,
        );
    },
  };
}

async function classify(deps: Deps | null, f: KeyFinding, revoke: boolean): Promise<ScanResult> {
  const base = {
    file: relative(process.cwd(), f.file) || f.file,
    line: f.line,
    column: f.column,
    prefix: f.prefix,
    tokenHash: f.tokenHash,
    revokedNow: false,
    keyId: null,
    orgId: null,
  };
  if (!f.checksumValid) return { ...base, status: 'malformed' };
  if (!deps) return { ...base, status: 'unchecked' };
  const row = await matchKey(deps, f.token);
  if (!row) return { ...base, status: 'unknown' };
  const status = keyStatus(row, deps.clock.now());
  const found = { ...base, keyId: row.id, orgId: row.orgId };
  if (status !== 'active') return { ...found, status };
  if (revoke) {
    const leak = { url: `file://${f.file}#L${f.line}`, source: 'klipy keys scan', scanner: 'cli' };
    const revokedNow = await revokeLeakedKey(deps, row, leak, operatorActor);
    return { ...found, status: 'live', revokedNow };
  }
  return { ...found, status: 'live' };
}

/** `klipy keys scan <path…> [--revoke] [--json] [--offline]` */
export function registerKeysScan(keys: Command, loadConfig: ConfigLoader) {
  keys
    .command('scan <paths...>')
    .description(
      `Find Klipy keys in files and folders (respecting .gitignore); exit ${SCAN_EXIT.live} if live keys are found, ${SCAN_EXIT.unverified} for real-looking keys that are not live or not checked`,
    )
    .option('--revoke', 'revoke the live keys found (audited as cli, reason leaked)')
    .option('--offline', 'check checksums only, without the database')
    .option('--json', 'print JSON')
    .action(async (paths: string[], opts: { revoke?: boolean; offline?: boolean; json?: boolean }) => {
      const progress = progressReporter();
      let last: ScanProgress = { files: 0, bytes: 0, findings: 0, skipped: 0 };
      const findings: KeyFinding[] = [];
      for await (const f of findKeysInFiles(paths, {
        onProgress: (p) => {
          last = p;
          progress.update(p);
        },
      }))
        findings.push(f);
      progress.done(last);

      const config = loadConfig();
      // "A database is configured": DATABASE_URL, or an embedded data folder that exists.
      const online =
        !opts.offline && (config.DATABASE_URL !== undefined || existsSync(config.KLIPY_DATA_DIR));
      const needsDb = online && findings.some((f) => f.checksumValid);
      const results = needsDb
        ? await withDeps(loadConfig, async (deps) => {
            const out: ScanResult[] = [];
            for (const f of findings) out.push(await classify(deps, f, Boolean(opts.revoke)));
            return out;
          })
        : await Promise.all(findings.map((f) => classify(null, f, false)));

      const count = (s: ScanStatus) => results.filter((r) => r.status === s).length;
      const summary = {
        files: last.files,
        live: count('live'),
        revokedNow: results.filter((r) => r.revokedNow).length,
        ended: count('revoked') + count('expired'),
        unknown: count('unknown'),
        unchecked: count('unchecked'),
        malformed: count('malformed'),
      };
      if (opts.json) console.log(JSON.stringify({ findings: results, summary }, null, 2));
      else {
        for (const r of results)
          console.log(
            `${r.file}:${r.line}:${r.column}  ${r.prefix}…  ${r.status}${r.revokedNow ? ' → revoked now' : ''}${r.keyId ? `  (${r.keyId}, ${r.orgId})` : ''}`,
          );
        console.log(
          `${results.length} key-shaped strings in ${summary.files} files: ${summary.live} live${opts.revoke ? ` (${summary.revokedNow} revoked now)` : ''}, ${summary.ended} ended, ${summary.unknown} unknown, ${summary.unchecked} not checked, ${summary.malformed} with a wrong checksum`,
        );
      }
      if (summary.live) process.exitCode = SCAN_EXIT.live;
      else if (summary.ended + summary.unknown + summary.unchecked) process.exitCode = SCAN_EXIT.unverified;
    });
}
