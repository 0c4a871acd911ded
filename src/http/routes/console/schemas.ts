import type { ZodType } from 'zod';

/** A required JSON request body (a missing or non-JSON body is refused, not skipped). */
export const jsonBody = <T extends ZodType>(schema: T) => ({
  body: { required: true, content: { 'application/json': { schema } } },
});

/** Console responses are documented by description only; the shapes live in docs/console-api.md. */
export const described = (status: 200 | 201, description: string) => ({ [status]: { description } });
