/** Who did something: a console user, an API key, or the platform operator at the CLI. */
export type Actor =
  | { type: 'user'; id: string; label: string }
  | { type: 'api_key'; id: string; label: string; keyCreatorId: string | null }
  | { type: 'operator'; id: null; label: string };

export const operatorActor: Actor = { type: 'operator', id: null, label: 'cli' };

/** Request facts an audit row keeps beside the actor. */
export interface RequestContext {
  ip?: string | null;
  requestId?: string | null;
}
