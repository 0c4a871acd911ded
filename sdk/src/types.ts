/**
 * Friendly names for the generated types (sdk/src/generated/openapi.ts, written at build
 * time from the document the server serves). Nothing here restates a shape by hand.
 */
import type { components, paths } from './generated/openapi.js';

export type { components, paths };

type Schemas = components['schemas'];

export type Person = Schemas['Person'];
export type PersonInput = Schemas['PersonInput'];
export type PersonPatch = Schemas['PersonPatch'];
export type PeopleQuery = Schemas['PeopleQuery'];
export type Company = Schemas['Company'];
export type CompanyInput = Schemas['CompanyInput'];
export type CompanyUpsertInput = Schemas['CompanyUpsertInput'];
export type CompanyPatch = Schemas['CompanyPatch'];
export type CompaniesQuery = Schemas['CompaniesQuery'];
export type Interaction = Schemas['Interaction'];
export type InteractionInput = Schemas['InteractionInput'];
export type InteractionsQuery = Schemas['InteractionsQuery'];
export type CreatedInteraction = Schemas['CreatedInteraction'];
export type PageInfo = Schemas['PageInfo'];
export type ResponseMeta = Schemas['ResponseMeta'];
export type ErrorCode = Schemas['ErrorCode'];

/** The error envelope of each code, as documented. */
export type ErrorEnvelope =
  | Schemas['BadRequestError']
  | Schemas['UnauthorizedError']
  | Schemas['ForbiddenError']
  | Schemas['NotFoundError']
  | Schemas['ConflictError']
  | Schemas['ValidationError']
  | Schemas['RateLimitedError']
  | Schemas['PayloadTooLargeError']
  | Schemas['InternalError']
  | Schemas['ServiceUnavailableError'];

/** `error.details` of one code (`undefined` for codes without details). */
export type ErrorDetails<C extends ErrorCode> = Extract<
  ErrorEnvelope,
  { error: { code: C } }
>['error'] extends { details?: infer D }
  ? D | undefined
  : undefined;

type Json<R> = R extends { content: { 'application/json': infer B } } ? B : never;
type SuccessBody<P extends keyof paths, M extends keyof paths[P]> = paths[P][M] extends {
  responses: infer R;
}
  ? Json<R[Extract<keyof R, 200 | 201>]>
  : never;

/** `data` of an operation's success response. */
export type DataOf<P extends keyof paths, M extends keyof paths[P]> =
  SuccessBody<P, M> extends {
    data: infer D;
  }
    ? D
    : never;

/** The JSON body an operation takes. */
export type BodyOf<P extends keyof paths, M extends keyof paths[P]> = paths[P][M] extends {
  requestBody: { content: { 'application/json': infer B } };
}
  ? B
  : never;
