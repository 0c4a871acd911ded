import { type Command, Option } from 'commander';
import { operatorActor } from '../modules/audit/actor.js';
import { createOrgInTx } from '../modules/orgs/create-org.js';
import { listOrgs } from '../modules/orgs/list-orgs.js';
import { PLANS, type Plan } from '../modules/orgs/roles.js';
import { updateOrg } from '../modules/orgs/update-org.js';
import { printObject, printRows } from './output.js';
import type { ConfigLoader } from './program.js';
import { withDeps } from './with-deps.js';

const orgView = (o: { id: string; name: string; plan: string; apiEnabled: boolean }) => ({
  id: o.id,
  name: o.name,
  plan: o.plan,
  apiEnabled: o.apiEnabled,
});

export function registerOrgs(program: Command, loadConfig: ConfigLoader) {
  const orgs = program.command('orgs').description('Manage organizations (platform operator)');

  orgs
    .command('list')
    .description('List organizations')
    .option('--json', 'print JSON')
    .action((opts: { json?: boolean }) =>
      withDeps(loadConfig, async (deps) => printRows(await listOrgs(deps), Boolean(opts.json))),
    );

  orgs
    .command('create')
    .description('Create an organization (add an owner with `klipy users create --org`)')
    .requiredOption('--name <name>', 'organization name')
    .addOption(new Option('--plan <plan>', 'plan').choices(PLANS))
    .option('--no-api', 'create with the Developer API flag off')
    .option('--json', 'print JSON')
    .action((opts: { name: string; plan?: Plan; api: boolean; json?: boolean }) =>
      withDeps(loadConfig, async (deps) => {
        const org = await deps.database.db.transaction((tx) =>
          createOrgInTx(tx, {
            name: opts.name,
            plan: opts.plan ?? deps.config.KLIPY_DEFAULT_PLAN,
            apiEnabled: opts.api && deps.config.KLIPY_API_ACCESS_DEFAULT,
            ownerId: null,
            actor: operatorActor,
          }),
        );
        printObject(orgView(org), Boolean(opts.json));
      }),
    );

  orgs
    .command('set-plan <orgId> <plan>')
    .description(`Change an organization's plan (${PLANS.join(', ')})`)
    .option('--json', 'print JSON')
    .action((orgId: string, plan: string, opts: { json?: boolean }) =>
      withDeps(loadConfig, async (deps) => {
        if (!PLANS.includes(plan as Plan)) throw new Error(`plan must be one of ${PLANS.join(', ')}`);
        const org = await updateOrg(deps, { orgId, changes: { plan: plan as Plan }, actor: operatorActor });
        printObject(orgView(org), Boolean(opts.json));
      }),
    );

  for (const [name, apiEnabled] of [
    ['enable-api', true],
    ['disable-api', false],
  ] as const) {
    orgs
      .command(`${name} <orgId>`)
      .description(`Turn the Developer API flag ${apiEnabled ? 'on' : 'off'} for an organization`)
      .option('--json', 'print JSON')
      .action((orgId: string, opts: { json?: boolean }) =>
        withDeps(loadConfig, async (deps) => {
          const org = await updateOrg(deps, { orgId, changes: { apiEnabled }, actor: operatorActor });
          printObject(orgView(org), Boolean(opts.json));
        }),
      );
  }
}
