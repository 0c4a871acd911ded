/**
 * Event payloads are snake_case, as Klipy's webhook documents show them. Only the top
 * level is converted: `custom_fields` keeps the keys its owner chose.
 */
const snakeNames = new Map<string, string>();
const snake = (key: string) => {
  let name = snakeNames.get(key);
  if (name === undefined) {
    name = key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
    // Keys come from column names, a fixed set; anything else is converted but not kept.
    if (snakeNames.size < 1000) snakeNames.set(key, name);
  }
  return name;
};

/** `{ firstName, createdAt: Date }` → `{ first_name, created_at: "…Z" }`, minus `orgId`. */
export function snakeSnapshot(record: object): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(record)) {
    if (key === 'orgId') continue;
    out[snake(key)] = value instanceof Date ? value.toISOString() : value;
  }
  return out;
}

/** The keys of `after` whose value differs from `before`, with the old values (snake_case). */
export function previousAttributes(
  before: Record<string, unknown>,
  after: Record<string, unknown>,
  ignore: string[] = ['updatedAt'],
): Record<string, unknown> {
  const prev: Record<string, unknown> = {};
  for (const key of Object.keys(after)) {
    if (ignore.includes(key)) continue;
    const a = before[key] instanceof Date ? (before[key] as Date).toISOString() : before[key];
    const b = after[key] instanceof Date ? (after[key] as Date).toISOString() : after[key];
    if (JSON.stringify(a) !== JSON.stringify(b)) prev[snake(key)] = a ?? null;
  }
  return prev;
}
