/**
 * How a CSV row becomes an API item, shared by `klipy import` and the console's import
 * page (which runs it in the browser): pure, no Node APIs.
 */

const NUMERIC = new Set(['employeeCount', 'estimatedRevenue']);

/** `First Name`, `first_name`, `first-name`, `firstName` → `firstName`. */
export function fieldName(header: string): string {
  const camel = header.trim().replace(/[\s_-]+([A-Za-z0-9])/g, (_, c: string) => c.toUpperCase());
  return camel.charAt(0).toLowerCase() + camel.slice(1);
}

/** `customFields.plan`, `custom.plan`, `custom_fields.plan` → `plan`; anything else → undefined. */
export function customFieldName(header: string): string | undefined {
  return /^(?:custom|custom[_ ]?fields)\.(.+)$/i.exec(header.trim())?.[1];
}

/** A `tags` cell as tags: split on `;`, `|` or `,`, trimmed, empty ones dropped. */
export function splitTags(value: string): string[] {
  return value
    .split(/[;|,]/)
    .map((t) => t.trim())
    .filter(Boolean);
}

/**
 * A CSV row as an API item: empty cells are absent, `tags` splits on `;`, `|` or `,`,
 * `customFields.<name>` (or `custom.<name>`) columns become custom fields, numeric
 * columns and epoch-millisecond dates become numbers. Everything else stays a string
 * for the API's own validation to judge.
 */
export function csvItem(row: Record<string, string>): Record<string, unknown> {
  const item: Record<string, unknown> = {};
  const custom: Record<string, string> = {};
  for (const [header, raw] of Object.entries(row)) {
    const value = raw.trim();
    if (value === '') continue;
    const customName = customFieldName(header);
    if (customName) {
      custom[customName] = value;
      continue;
    }
    const key = fieldName(header);
    if (key === 'tags') item.tags = splitTags(value);
    else if (NUMERIC.has(key) && /^-?\d+$/.test(value)) item[key] = Number(value);
    else if (key === 'interactionDate' && /^\d+$/.test(value)) item[key] = Number(value);
    else item[key] = value;
  }
  if (Object.keys(custom).length) item.customFields = custom;
  return item;
}
