/**
 * Request and response examples for every operation, built from the documented schemas:
 * each field's own `example` (the values the Klipy documents use), composed into a whole
 * body. Explicit examples (the error responses') are kept. Nothing here is hand-written
 * per operation, so the examples cannot drift from the schemas; a test validates each
 * against its schema.
 */
/** A JSON object of the document (JSON Schema and OpenAPI objects, walked generically). */
// biome-ignore lint/suspicious/noExplicitAny: arbitrary JSON
export type Json = Record<string, any>;
type Schema = Json;
type Doc = Json;

const MAX_DEPTH = 8;

function resolve(doc: Doc, schema: Schema): Schema {
  let s = schema;
  for (let i = 0; s?.$ref && i < 10; i++)
    s = s.$ref
      .slice(2)
      .split('/')
      .reduce((o: Schema | undefined, k: string) => o?.[k.replaceAll('~1', '/').replaceAll('~0', '~')], doc);
  return s ?? {};
}

const typeOf = (s: Schema): string | undefined =>
  Array.isArray(s.type) ? s.type.find((t: string) => t !== 'null') : s.type;

/** An example value for `schema` (undefined when nothing sensible can be said). */
export function exampleOf(doc: Doc, schema: Schema, depth = 0): unknown {
  const s = resolve(doc, schema);
  if (depth > MAX_DEPTH) return undefined;
  if (s.example !== undefined) return s.example;
  if (Array.isArray(s.examples) && s.examples.length) return s.examples[0];
  if (s.const !== undefined) return s.const;
  if (Array.isArray(s.enum) && s.enum.length) return s.enum[0];
  if (!s.properties && (s.anyOf || s.oneOf)) {
    const branch = (s.anyOf ?? s.oneOf).find((b: Schema) => resolve(doc, b).type !== 'null');
    return branch ? exampleOf(doc, branch, depth + 1) : null;
  }
  switch (typeOf(s)) {
    case 'object': {
      const out: Record<string, unknown> = {};
      const required = new Set<string>(s.required ?? []);
      for (const [name, prop] of Object.entries<Schema>(s.properties ?? {})) {
        const value = exampleOf(doc, prop, depth + 1);
        if (value !== undefined || required.has(name)) out[name] = value ?? null;
      }
      // A one-of body: keep the first branch, drop the fields it says must be null.
      const branch = s.oneOf?.[0];
      for (const [name, prop] of Object.entries<Schema>(branch?.properties ?? {}))
        if (prop.type === 'null') delete out[name];
      return out;
    }
    case 'array': {
      const item = s.items ? exampleOf(doc, s.items, depth + 1) : undefined;
      return item === undefined ? [] : [item];
    }
    case 'string':
      return s.format === 'date-time'
        ? '2026-03-01T14:00:00.000Z'
        : s.format === 'email'
          ? 'ada@analytical-engines.com'
          : undefined;
    case 'integer':
    case 'number':
      return s.minimum ?? 0;
    case 'boolean':
      return true;
    default:
      return undefined;
  }
}

function addExample(doc: Doc, media: Schema | undefined, summary: string) {
  if (!media?.schema || media.examples || media.example !== undefined) return;
  const value = exampleOf(doc, media.schema);
  if (value !== undefined) media.examples = { example: { summary, value } };
}

/** Adds an example to every request body and success response that has none. */
export function withExamples(doc: Doc): Doc {
  for (const ops of Object.values<Record<string, Schema>>(doc.paths ?? {})) {
    for (const op of Object.values(ops)) {
      addExample(doc, op.requestBody?.content?.['application/json'], op.summary ?? 'Request');
      for (const [status, response] of Object.entries<Schema>(op.responses ?? {}))
        if (status.startsWith('2'))
          addExample(doc, response.content?.['application/json'], response.description);
    }
  }
  return doc;
}
