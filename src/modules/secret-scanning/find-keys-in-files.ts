/**
 * Finds Klipy key-shaped strings in files and folders, respecting `.gitignore`.
 * File system only, no database: each finding says whether its CRC-32 checksum holds
 * (a real key's does; a typo or a made-up example's almost never does).
 *
 * Usage:
 *   for await (const f of findKeysInFiles(['.'], { onProgress })) …
 *
 * Folders: `.git` is skipped, symbolic links are not followed, and the `.gitignore` files
 * of each folder and of its parents up to the repository root apply (a deeper file's `!`
 * cannot re-include what a parent ignores: the folder is never entered). A path given
 * explicitly is scanned even if ignored. Files over MAX_FILE_BYTES are skipped and counted.
 */
import { existsSync } from 'node:fs';
import { lstat, readdir, readFile } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
import ignore, { type Ignore } from 'ignore';
import { hashKey, KEY_PATTERN, parseKey } from '../api-keys/token.js';
import { AppError } from '../errors.js';

export const MAX_FILE_BYTES = 20 * 1024 * 1024;

export interface KeyFinding {
  file: string;
  line: number;
  column: number;
  /** The display prefix `klipy_api_<public id>`: safe to print. */
  prefix: string;
  /** SHA-256 hex of the whole string (what reports and the database compare). */
  tokenHash: string;
  checksumValid: boolean;
  /** The string itself: kept in memory to look it up, never printed. */
  token: string;
}

export interface ScanProgress {
  files: number;
  bytes: number;
  findings: number;
  skipped: number;
}

interface Rules {
  base: string;
  ig: Ignore;
}

const GLOBAL_PATTERN = new RegExp(KEY_PATTERN.source, 'g');

async function loadRules(dir: string): Promise<Rules | null> {
  const file = join(dir, '.gitignore');
  if (!existsSync(file)) return null;
  return { base: dir, ig: ignore().add(await readFile(file, 'utf8')) };
}

/** `.gitignore` rules of `dir`'s parents up to the repository root (the folder with `.git`). */
async function parentRules(dir: string): Promise<Rules[]> {
  const out: Rules[] = [];
  let current = dir;
  while (!existsSync(join(current, '.git'))) {
    const parent = dirname(current);
    if (parent === current) return []; // not in a repository: parents' rules do not apply
    current = parent;
    const rules = await loadRules(current);
    if (rules) out.unshift(rules);
  }
  return out;
}

function isIgnored(rules: readonly Rules[], path: string, isDir: boolean): boolean {
  return rules.some((r) => {
    const rel = relative(r.base, path).split(sep).join('/');
    if (!rel || rel.startsWith('..')) return false;
    return r.ig.ignores(isDir ? `${rel}/` : rel);
  });
}

/** Key-shaped strings of one text, with line and column (1-based). */
export function findKeysInText(text: string, file: string): KeyFinding[] {
  const out: KeyFinding[] = [];
  for (const m of text.matchAll(GLOBAL_PATTERN)) {
    const token = m[0];
    const before = text.slice(0, m.index);
    const line = before.split('\n').length;
    const column = m.index - before.lastIndexOf('\n');
    const parsed = parseKey(token);
    out.push({
      file,
      line,
      column,
      prefix: token.slice(0, 22),
      tokenHash: hashKey(token),
      checksumValid: parsed.ok,
      token,
    });
  }
  return out;
}

/** Walks `paths` and yields every key-shaped string found; `onProgress` hears after each file. */
export async function* findKeysInFiles(
  paths: string[],
  opts: { onProgress?: (p: ScanProgress) => void } = {},
): AsyncGenerator<KeyFinding> {
  const progress: ScanProgress = { files: 0, bytes: 0, findings: 0, skipped: 0 };

  async function* scanFile(path: string, size: number): AsyncGenerator<KeyFinding> {
    if (size > MAX_FILE_BYTES) {
      progress.skipped++;
      return;
    }
    // latin1 keeps every byte one character: keys are ASCII, binary files cannot trip the decoder.
    const text = (await readFile(path)).toString('latin1');
    progress.files++;
    progress.bytes += size;
    const found = findKeysInText(text, path);
    progress.findings += found.length;
    opts.onProgress?.({ ...progress });
    yield* found;
  }

  async function* walk(dir: string, rules: Rules[]): AsyncGenerator<KeyFinding> {
    const own = await loadRules(dir);
    const all = own ? [...rules, own] : rules;
    const entries = await readdir(dir, { withFileTypes: true });
    entries.sort((a, b) => (a.name < b.name ? -1 : 1));
    for (const entry of entries) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name === '.git' || isIgnored(all, path, true)) continue;
        yield* walk(path, all);
      } else if (entry.isFile() && !isIgnored(all, path, false)) {
        yield* scanFile(path, (await lstat(path)).size);
      }
    }
  }

  for (const given of paths) {
    const path = resolve(given);
    const stat = await lstat(path).catch(() => {
      throw new AppError('not_found', `No such file or folder: ${given}`);
    });
    if (stat.isDirectory()) yield* walk(path, await parentRules(path));
    else if (stat.isFile()) yield* scanFile(path, stat.size);
  }
}
