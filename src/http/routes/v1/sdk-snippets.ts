/**
 * The @klipy/sdk call of each operation, shown by /docs beside the generated curl
 * (OpenAPI `x-codeSamples`, which Scalar renders as a language tab). A test checks that
 * every operation has one and that each calls a method the SDK has.
 */
const PER = "'per_01J9Z3C4V7Y7R8WG2F5M6NQ5TK'";
const COM = "'com_01J9Z3C4V7Y7R8WG2F5M6NQ5TK'";
const INT = "'int_01J9Z3C4V7Y7R8WG2F5M6NQ5TK'";
const ADA = "email: 'ada@analytical-engines.com'";

export const SDK_SNIPPETS: Record<string, string> = {
  authenticate: 'const { data, rateLimit, keyExpiresAt } = await klipy.authenticate();',
  checkAuthorization:
    "const { data } = await klipy.checkAuthorization({ operationId: 'createPerson' });\nif (!data.allowed) console.log(data.reason, data.missingScopes);",
  rollCurrentKey:
    'const { data } = await klipy.keys.rollCurrent({ gracePeriodSeconds: 3600 });\n// Store data.key now: it is shown once. A retry of this call replays the same new key.',
  queryPeople: `for await (const person of klipy.people.query({ filter: { leadStatus: 'QUALIFIED' } })) {\n  console.log(person.id, person.email);\n}`,
  batchUpsertPeople: `const { data } = await klipy.people.batch([{ ${ADA}, firstName: 'Ada' }]);\nconsole.log(data.summary);`,
  createPerson: `const { data: person } = await klipy.people.create({ ${ADA}, firstName: 'Ada' });`,
  upsertPerson: `const { data } = await klipy.people.upsert({ ${ADA}, title: 'CTO' });\nconsole.log(data.result); // 'created' | 'updated'`,
  getPerson: `const { data: person } = await klipy.people.get(${PER});`,
  updatePerson: `const { data: person } = await klipy.people.update(${PER}, { leadStatus: 'QUALIFIED' });`,
  deletePerson: `await klipy.people.delete(${PER});`,
  queryCompanies: `for await (const company of klipy.companies.query({ filter: { industry: 'Software' } })) {\n  console.log(company.id, company.domain);\n}`,
  batchUpsertCompanies: `const { data } = await klipy.companies.batch([{ domain: 'analytical-engines.com', name: 'Analytical Engines' }]);`,
  createCompany: `const { data: company } = await klipy.companies.create({ name: 'Analytical Engines', domain: 'analytical-engines.com' });`,
  upsertCompany: `const { data } = await klipy.companies.upsert({ domain: 'analytical-engines.com', industry: 'Software' });`,
  getCompany: `const { data: company } = await klipy.companies.get(${COM});`,
  updateCompany: `const { data: company } = await klipy.companies.update(${COM}, { employeeCount: 42 });`,
  deleteCompany: `await klipy.companies.delete(${COM});`,
  queryInteractions: `for await (const interaction of klipy.interactions.query({ filter: { contactId: ${PER} } })) {\n  console.log(interaction.type, interaction.interactionDate);\n}`,
  createInteraction: `const { data } = await klipy.interactions.create({\n  type: 'MEETING',\n  mainContactEmail: 'ada@analytical-engines.com',\n  title: 'Intro call',\n  interactionDate: Date.now(),\n});`,
  getInteraction: `const { data: interaction } = await klipy.interactions.get(${INT});`,
  updateInteraction: `const { data: interaction } = await klipy.interactions.update(${INT}, { title: 'Intro call (moved)' });`,
  deleteInteraction: `await klipy.interactions.delete(${INT});`,
};

const SETUP = [
  "import { Klipy } from '@klipy/sdk';",
  '',
  "const klipy = new Klipy({ apiKey: process.env.KLIPY_API_KEY!, baseUrl: 'https://crm.example.com/api/v1' });",
  '',
].join('\n');

/** The `x-codeSamples` of one operation, or undefined. */
export const sdkCodeSamples = (operationId: string | undefined) => {
  const call = operationId ? SDK_SNIPPETS[operationId] : undefined;
  return call ? [{ lang: 'TypeScript', label: '@klipy/sdk', source: `${SETUP}${call}` }] : undefined;
};
