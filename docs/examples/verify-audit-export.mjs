#!/usr/bin/env node
// Verifies a Klipy audit-log JSON export offline (docs/audit-chain.md). No dependencies.
// Usage: node verify-audit-export.mjs audit-log.json [<seq>:<hash> published head]
// Exit 0: every row hashes to its `hash` and every consecutive pair links; 1 otherwise.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';

// JSON, keys sorted at every depth, no whitespace.
const canon = (v) =>
  v === null || typeof v !== 'object'
    ? JSON.stringify(v)
    : Array.isArray(v)
      ? `[${v.map(canon).join(',')}]`
      : `{${Object.keys(v)
          .sort()
          .map((k) => `${JSON.stringify(k)}:${canon(v[k])}`)
          .join(',')}}`;

const rowHash = (e) =>
  createHash('sha256')
    .update(
      canon({
        id: e.id,
        org_id: e.orgId,
        seq: e.seq,
        prev_hash: e.prevHash,
        created_at: e.createdAt,
        action: e.action,
        actor_type: e.actor.type,
        actor_id: e.actor.id,
        actor_label: e.actor.label,
        key_creator_id: e.keyCreatorId,
        target_type: e.target.type,
        target_id: e.target.id,
        target_label: e.target.label,
        metadata: e.metadata,
        ip: e.ip,
        request_id: e.requestId,
      }),
    )
    .digest('hex');

const [file, head] = process.argv.slice(2);
const all = JSON.parse(readFileSync(file, 'utf8'));
const events = all.filter((e) => e.seq !== null).sort((a, b) => a.seq - b.seq);
const problems = [];
let gaps = 0;
for (const [i, e] of events.entries()) {
  const prev = events[i - 1];
  if (rowHash(e) !== e.hash) problems.push(`seq ${e.seq} (${e.id}): content does not match its hash`);
  if (e.seq === 1 && e.prevHash !== '0'.repeat(64))
    problems.push(`seq 1 (${e.id}): prev_hash is not 64 zeros`);
  if (prev && prev.seq + 1 === e.seq && e.prevHash !== prev.hash)
    problems.push(`seq ${e.seq} (${e.id}): prev_hash does not match row ${prev.seq}`);
  if (prev && prev.seq + 1 !== e.seq) gaps++;
}
if (head) {
  const [seq, hash] = head.split(':');
  const at = events.find((e) => e.seq === Number(seq));
  if (!at) problems.push(`published head ${seq} is not in the export`);
  else if (at.hash !== hash) problems.push(`seq ${seq}: hash differs from the published head`);
}
const last = events.at(-1);
console.log(
  `${events.length} chained events (${all.length - events.length} before the chain), ` +
    `${gaps} gaps (a filtered export has gaps), last ${last ? `${last.seq}:${last.hash}` : 'none'}`,
);
for (const p of problems) console.log(`BROKEN ${p}`);
process.exit(problems.length ? 1 : 0);
