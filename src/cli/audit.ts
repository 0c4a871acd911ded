import type { Command } from 'commander';
import { eq } from 'drizzle-orm';
import { auditChainHeads } from '../db/schema/index.js';
import type { Deps } from '../deps.js';
import {
  type ChainHead,
  type ChainVerification,
  verifyAuditChain,
} from '../modules/audit/verify-audit-chain.js';
import { AppError } from '../modules/errors.js';
import { listOrgs } from '../modules/orgs/list-orgs.js';
import type { ConfigLoader } from './program.js';
import { withDeps } from './with-deps.js';

/** Exit code of `klipy audit verify` when a chain is broken. */
export const EXIT_CHAIN_BROKEN = 3;

/** `<seq>:<hash>` as printed by `klipy audit head`. */
function parseHead(text: string): ChainHead {
  const m = /^(\d+):([0-9a-f]{64})$/.exec(text.trim());
  if (!m)
    throw new AppError('bad_request', '--expect-head must be <seq>:<hash>, as `klipy audit head` prints it.');
  return { seq: Number(m[1]), hash: m[2] as string };
}

const orgIdsOf = async (deps: Deps, org?: string) => (org ? [org] : (await listOrgs(deps)).map((o) => o.id));

function describe(v: ChainVerification): string {
  const head = v.head ? `head ${v.head.seq}:${v.head.hash}` : 'no head yet';
  const before = v.uncovered ? `; ${v.uncovered} events before the chain began (not covered)` : '';
  if (v.ok) {
    const through = v.verifiedThrough ? `, verified through ${v.verifiedThrough.toISOString()}` : '';
    return `${v.orgId}: intact, ${v.events} events${through}; ${head}${before}`;
  }
  const b = v.firstBreak;
  return `${v.orgId}: BROKEN at seq ${b?.seq}${b?.rowId ? ` (row ${b.rowId})` : ''}: ${b?.problem}: ${b?.detail}; ${v.events} events intact before it; ${head}${before}`;
}

/** `klipy audit verify|head`: check and publish the audit hash chains (docs/audit-chain.md). */
export function registerAudit(program: Command, loadConfig: ConfigLoader) {
  const audit = program.command('audit').description('Check and publish the tamper-evident audit log');

  audit
    .command('verify')
    .description(
      `Recompute every organization's audit hash chain; exit 0 when intact, ${EXIT_CHAIN_BROKEN} at the first broken link`,
    )
    .option('--org <orgId>', 'only this organization')
    .option(
      '--expect-head <seq:hash>',
      'a head published earlier (needs --org): fails if the chain no longer holds it',
    )
    .option('--json', 'print JSON')
    .action((opts: { org?: string; expectHead?: string; json?: boolean }) =>
      withDeps(loadConfig, async (deps) => {
        if (opts.expectHead && !opts.org) throw new AppError('bad_request', '--expect-head needs --org.');
        const expectHead = opts.expectHead ? parseHead(opts.expectHead) : undefined;
        const results: ChainVerification[] = [];
        for (const orgId of await orgIdsOf(deps, opts.org))
          results.push(await verifyAuditChain(deps, orgId, expectHead ? { expectHead } : {}));
        if (opts.json) console.log(JSON.stringify(results, null, 2));
        else for (const r of results) console.log(describe(r));
        if (results.some((r) => !r.ok)) process.exitCode = EXIT_CHAIN_BROKEN;
      }),
    );

  audit
    .command('head')
    .description(
      'Print the chain head (seq:hash) of each organization, to publish or keep outside the database',
    )
    .option('--org <orgId>', 'only this organization')
    .option('--json', 'print JSON')
    .action((opts: { org?: string; json?: boolean }) =>
      withDeps(loadConfig, async (deps) => {
        const rows = [];
        for (const orgId of await orgIdsOf(deps, opts.org)) {
          const [head] = await deps.database.db
            .select()
            .from(auditChainHeads)
            .where(eq(auditChainHeads.orgId, orgId));
          rows.push({ orgId, seq: head?.seq ?? 0, hash: head?.hash ?? null, at: head?.updatedAt ?? null });
        }
        if (opts.json) console.log(JSON.stringify(rows, null, 2));
        else
          for (const r of rows)
            console.log(`${r.orgId} ${r.seq}:${r.hash ?? '-'} ${r.at?.toISOString() ?? ''}`);
      }),
    );
}
