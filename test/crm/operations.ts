import type { ApiClient } from './helpers.js';
import { uniqueDomain } from './helpers.js';

export interface DocOperation {
  method: string;
  template: string;
  scope: string;
}

/** Every operation of the OpenAPI document that declares a resource scope. */
export function crmOperationsOf(doc: any): DocOperation[] {
  const ops: DocOperation[] = [];
  for (const [template, item] of Object.entries<any>(doc.paths)) {
    for (const [method, op] of Object.entries<any>(item)) {
      const scope = op['x-required-scope'];
      if (typeof scope === 'string' && scope.includes(':'))
        ops.push({ method: method.toUpperCase(), template, scope });
    }
  }
  return ops;
}

/** Records of one organization for every id-taking route. */
export async function seedRecords(api: ApiClient) {
  const d = uniqueDomain();
  const person = (await api.post('/people', { email: `seed@${d}` })).body.data;
  const company = (await api.get(`/companies/${person.companyId}`)).body.data;
  const interaction = (await api.post('/interactions', { type: 'MEMO', mainContact: person.id })).body.data;
  return {
    personId: person.id as string,
    companyId: company.id as string,
    interactionId: interaction.id as string,
  };
}

/** A path with its `{param}` replaced from `ids`. */
export const fillPath = (template: string, ids: Record<string, string>) =>
  template.replace(/\{(\w+)\}/g, (_, name: string) => ids[name] ?? 'missing');

/** A small valid body for each write operation (query bodies are `{}`). */
export function validBody(method: string, template: string): unknown {
  if (method === 'GET' || method === 'DELETE') return undefined;
  if (template.endsWith('/query')) return {};
  const d = uniqueDomain();
  if (template.startsWith('/people/batch')) return { items: [{ firstName: 'Batch' }] };
  if (template.startsWith('/companies/batch')) return { items: [{ domain: d }] };
  if (template.startsWith('/people'))
    return { firstName: 'Valid', email: `v-${Math.random().toString(36).slice(2)}@gmail.com` };
  if (template.startsWith('/companies')) return { name: 'Valid', domain: d };
  if (method === 'PATCH') return { title: 'Valid' };
  return { type: 'MEMO', mainContactEmail: `v-${Math.random().toString(36).slice(2)}@gmail.com` };
}
