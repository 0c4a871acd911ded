import { KEY_PATTERN } from '../../../modules/api-keys/token.js';
import type { App } from '../../env.js';
import type { Json } from './examples.js';
import { withExamples } from './examples.js';
import { API_KEY_SECURITY } from './route.js';
import { sdkCodeSamples } from './sdk-snippets.js';
import { withWebhookEvents } from './webhook-events.js';

/** The `info`, servers and tags of the public OpenAPI document. */
export const OPENAPI_CONFIG = {
  openapi: '3.1.0',
  info: {
    title: 'Klipy API',
    version: '1',
    summary: 'The CRM API for founders and small teams.',
    description: [
      'Read and write people, companies and interactions with a workspace-scoped API key.',
      '',
      'Send the key as `X-Klipy-Api-Key: <key>` or `Authorization: Bearer <key>`. Each operation',
      'declares the scope it needs in `x-required-scope` (null: any valid key). Successes are `{ object: "success", data, meta }`;',
      'lists add `page_info`; errors are `{ object: "error", error: { code, message, details? }, meta }`.',
      'Every POST accepts an `Idempotency-Key` header (replayed for 24 h); `POST /keys/current/roll` needs one of 16+ characters.',
      '',
      "The TypeScript SDK, `@klipy/sdk`, is typed from this document and handles retries, pagination and idempotency: see each operation's TypeScript sample.",
      '',
      `Secret scanners can match keys with the regular expression \`${KEY_PATTERN.source}\`.`,
    ].join('\n'),
    license: { name: 'MIT', identifier: 'MIT' },
  },
  servers: [{ url: '/api/v1', description: 'This server' }],
  // Every operation needs a key: said once for the whole document too, so reference tools
  // show authentication as required rather than optional.
  security: API_KEY_SECURITY,
  tags: [
    { name: 'Authentication', description: 'Check a key and rotate it.' },
    { name: 'People', description: 'Contacts and leads.' },
    { name: 'Companies', description: 'Accounts, unique by domain.' },
    { name: 'Interactions', description: 'Emails, meetings, messages and events with people.' },
  ],
} as const;

/**
 * `GET /api/v1/openapi.json`: the OpenAPI 3.1 document generated from the same zod
 * route objects that validate requests (nothing hand-written). Needs no key.
 */
export const registerOpenApiDocument = (v1: App) => {
  // Built on first request (every operation is registered by then), then served as is.
  let document: Json | undefined;
  v1.get('/openapi.json', (c) => {
    document ??= finishDocument(v1.getOpenAPI31Document(OPENAPI_CONFIG as never) as Json);
    return c.json(document);
  });
};

/** Adds what the route objects do not carry: SDK code samples, composed examples and the webhook events. */
function finishDocument(doc: Json) {
  for (const ops of Object.values<Json>(doc.paths ?? {}))
    for (const op of Object.values<Json>(ops)) {
      const samples = sdkCodeSamples(op.operationId);
      if (samples) op['x-codeSamples'] = samples;
    }
  return withWebhookEvents(withExamples(doc));
}
