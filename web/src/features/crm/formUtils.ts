/**
 * Builds a create / update body from string form state: on create, empty fields are
 * omitted; on update, a field the user cleared is sent as null and unchanged ones are
 * left out so a PATCH touches only what changed.
 */
export function buildBody(
  values: Record<string, unknown>,
  initial: Record<string, unknown> | undefined,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(values)) {
    const empty =
      v === '' || v === null || v === undefined || (Array.isArray(v) && v.length === 0 && !initial);
    if (!initial) {
      if (!empty) out[k] = v;
      continue;
    }
    const before = initial[k] ?? (Array.isArray(v) ? [] : '');
    if (JSON.stringify(before) === JSON.stringify(v)) continue;
    out[k] = v === '' ? null : v;
  }
  return out;
}

/** Form state from a record: nulls become empty strings. */
export function toForm<K extends string>(
  keys: readonly K[],
  rec: Partial<Record<K, unknown>> | undefined,
): Record<K, string> {
  const out = {} as Record<K, string>;
  for (const k of keys) out[k] = rec?.[k] == null ? '' : String(rec[k]);
  return out;
}
