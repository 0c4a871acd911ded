/** The scope catalogue (PRODUCT.md §3.4); descriptions are refined by GET /scopes when available. */
export const RESOURCES = [
  { id: 'people', label: 'People' },
  { id: 'companies', label: 'Companies' },
  { id: 'interactions', label: 'Interactions' },
] as const;

export const ACTIONS = [
  { id: 'read', label: 'Read' },
  { id: 'write', label: 'Write' },
  { id: 'remove', label: 'Remove' },
] as const;

export const COARSE = [
  { scope: 'ALL', description: 'Full read and write access to every resource (not key management)' },
  { scope: 'read', description: 'Every *:read scope' },
  { scope: 'write', description: 'Every *:write and *:remove scope, plus reads' },
] as const;

export const DEFAULT_DESCRIPTIONS: Record<string, string> = {
  ...Object.fromEntries(COARSE.map((c) => [c.scope, c.description])),
  'people:read': 'Read person records',
  'people:write': 'Create, update and upsert person records',
  'people:remove': 'Delete person records',
  'companies:read': 'Read company records',
  'companies:write': 'Create, update and upsert company records',
  'companies:remove': 'Delete company records',
  'interactions:read': 'Read interaction records',
  'interactions:write': 'Create interaction records',
  'interactions:remove': 'Delete interaction records',
};

export const scopeColor = (scope: string): string => {
  if (scope === 'ALL') return 'grape';
  if (scope === 'read' || scope.endsWith(':read')) return 'blue';
  if (scope.endsWith(':remove')) return 'red';
  return 'orange';
};
