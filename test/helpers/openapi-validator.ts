/**
 * Checks responses against the served OpenAPI document: status, headers, body.
 *
 * Usage: `createTestApp()` wraps every app it builds with `validateResponses(app)`, so
 * every `/api/v1` response any test observes must be one the document declares: an
 * undeclared status, a missing required header, a header of the wrong type, or a body
 * field the schema does not name fails the request (it throws). Set
 * `KLIPY_VALIDATE_RESPONSES=0` to turn it off while debugging, never in CI.
 *
 * The schemas are checked by Ajv in its JSON Schema 2020-12 mode (the dialect of OpenAPI
 * 3.1) with ajv-formats. Response objects are checked closed: a property the document
 * does not declare is an error, so the document cannot fall behind the server.
 */
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import type { App } from '../../src/http/env.js';

const V1 = '/api/v1';
const SKIP = new Set([`${V1}/openapi.json`]);

type Doc = any;

export interface ResponseCheck {
  method: string;
  path: string;
  status: number;
  headers: Headers;
  body: string;
}

/** Marks every object schema that lists its properties as closed (response side only). */
function closeObjects(node: any): any {
  if (Array.isArray(node)) return node.map(closeObjects);
  if (!node || typeof node !== 'object') return node;
  const out: any = {};
  for (const [k, v] of Object.entries(node))
    out[k] = k === 'examples' || k === 'example' ? v : closeObjects(v);
  if (out.properties && out.additionalProperties === undefined && !out.allOf)
    out.additionalProperties = false;
  return out;
}

const pointer = (...parts: string[]) =>
  parts.map((p) => p.replaceAll('~', '~0').replaceAll('/', '~1')).join('/');

/** A validator for one document; `check()` returns the problems of one response (empty: fine). */
export function createResponseValidator(document: Doc) {
  const doc = closeObjects(document);
  const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: true });
  addFormats.default(ajv);
  ajv.addSchema({ ...doc, $id: 'klipy-openapi' }, undefined, undefined, false);
  const routes = Object.entries<any>(doc.paths).map(([template, ops]) => ({
    template,
    ops,
    re: new RegExp(`^${template.replace(/\{[^}]+\}/g, '[^/]+')}$`),
  }));
  const deref = (obj: any) =>
    obj?.$ref
      ? obj.$ref
          .slice(2)
          .split('/')
          .reduce((o: any, k: string) => o?.[k.replaceAll('~1', '/').replaceAll('~0', '~')], doc)
      : obj;

  function validate(where: string, value: unknown): string[] {
    const fn = ajv.getSchema(`klipy-openapi#/${where}`);
    if (!fn) return [`no schema at ${where}`];
    if (fn(value)) return [];
    return (fn.errors ?? []).map(
      (e) => `${e.instancePath || '(root)'} ${e.message}${e.params ? ` ${JSON.stringify(e.params)}` : ''}`,
    );
  }

  return {
    /** Problems of one response, or `null` when the path is not one of the document's. */
    check({ method, path, status, headers, body }: ResponseCheck): string[] | null {
      if (!path.startsWith(`${V1}/`) || SKIP.has(path)) return null;
      const sub = path.slice(V1.length);
      const m = method.toLowerCase();
      const route = routes.find((r) => r.re.test(sub) && r.ops[m]);
      if (!route) return null; // no such operation: the 401/404 of an unknown path
      const op = route.ops[m];
      const key = String(status);
      const declared = op.responses[key] ? key : op.responses.default ? 'default' : null;
      if (!declared)
        return [`status ${status} is not declared (declared: ${Object.keys(op.responses).join(', ')})`];
      const response = deref(op.responses[declared]);
      const problems: string[] = [];
      for (const [name, ref] of Object.entries<any>(response.headers ?? {})) {
        const header = deref(ref);
        const value = headers.get(name);
        if (value === null) {
          if (header.required) problems.push(`required header ${name} is missing`);
          continue;
        }
        const type = header.schema?.type;
        const typed =
          type === 'integer' || type === 'number'
            ? /^-?\d+(\.\d+)?$/.test(value)
              ? Number(value)
              : value
            : value;
        const base = ref.$ref
          ? ref.$ref.slice(2)
          : pointer('paths', route.template, m, 'responses', declared, 'headers', name);
        for (const p of validate(`${base}/schema`, typed)) problems.push(`header ${name}: ${p}`);
      }
      const media = response.content?.['application/json'];
      if (media) {
        let json: unknown;
        try {
          json = JSON.parse(body);
        } catch {
          return [...problems, `body is not JSON: ${body.slice(0, 100)}`];
        }
        const base = op.responses[declared].$ref
          ? op.responses[declared].$ref.slice(2)
          : pointer('paths', route.template, m, 'responses', declared);
        for (const p of validate(`${base}/content/application~1json/schema`, json))
          problems.push(`body ${p}`);
      }
      return problems;
    },
  };
}

let validatorPromise: Promise<ReturnType<typeof createResponseValidator>> | null = null;

/** The validator of the document `app` serves (built once per test process). */
const validatorFor = (app: App) =>
  (validatorPromise ??= (async () => {
    const doc = await (await originalFetch(app)(new Request(`http://localhost${V1}/openapi.json`))).json();
    return createResponseValidator(doc);
  })());

/** Throws when a response does not match the served document; returns the response untouched. */
export async function assertDocumented(app: App, method: string, url: string, res: Response) {
  const validator = await validatorFor(app);
  const path = new URL(url, 'http://localhost').pathname;
  const body = await res.clone().text();
  const problems = validator.check({ method, path, status: res.status, headers: res.headers, body });
  if (problems?.length)
    throw new Error(
      `${method} ${path} → ${res.status} does not match the OpenAPI document:\n  ${problems.join('\n  ')}\n  body: ${body.slice(0, 500)}`,
    );
  return res;
}

const ORIGINAL = Symbol('originalFetch');
const originalFetch = (app: App): App['fetch'] => (app as any)[ORIGINAL] ?? app.fetch;

/**
 * Wraps `app.fetch` (which `app.request` and the Node server both call) so every
 * `/api/v1` response is checked against the document before the test sees it.
 */
export async function validateResponses(app: App): Promise<App> {
  if (process.env.KLIPY_VALIDATE_RESPONSES === '0' || (app as any)[ORIGINAL]) return app;
  const fetch = app.fetch;
  (app as any)[ORIGINAL] = fetch;
  (app as any).fetch = async (request: Request, ...rest: any[]) => {
    const res = await (fetch as any)(request, ...rest);
    return assertDocumented(app, request.method, request.url, res);
  };
  // Built now, so the first request of a test is not slowed by it.
  await validatorFor(app);
  return app;
}
