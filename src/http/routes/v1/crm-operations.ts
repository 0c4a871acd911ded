import { batchCompaniesOperation } from './companies/batch-companies.js';
import { createCompanyOperation } from './companies/create-company.js';
import { deleteCompanyOperation } from './companies/delete-company.js';
import { getCompanyOperation } from './companies/get-company.js';
import { queryCompaniesOperation } from './companies/query-companies.js';
import { updateCompanyOperation } from './companies/update-company.js';
import { upsertCompanyOperation } from './companies/upsert-company.js';
import type { CrmOperation } from './crm-operation.js';
import { createInteractionOperation } from './interactions/create-interaction.js';
import { deleteInteractionOperation } from './interactions/delete-interaction.js';
import { getInteractionOperation } from './interactions/get-interaction.js';
import { queryInteractionsOperation } from './interactions/query-interactions.js';
import { updateInteractionOperation } from './interactions/update-interaction.js';
import { batchPeopleOperation } from './people/batch-people.js';
import { createPersonOperation } from './people/create-person.js';
import { deletePersonOperation } from './people/delete-person.js';
import { getPersonOperation } from './people/get-person.js';
import { queryPeopleOperation } from './people/query-people.js';
import { updatePersonOperation } from './people/update-person.js';
import { upsertPersonOperation } from './people/upsert-person.js';

/**
 * Every CRM operation, mounted on /api/v1 (API key) and /console/api/crm (session).
 * Static paths (`/people/query`, `/people/batch`) come before `/people/{personId}`.
 */
export const CRM_OPERATIONS: CrmOperation[] = [
  queryPeopleOperation,
  batchPeopleOperation,
  createPersonOperation,
  upsertPersonOperation,
  getPersonOperation,
  updatePersonOperation,
  deletePersonOperation,
  queryCompaniesOperation,
  batchCompaniesOperation,
  createCompanyOperation,
  upsertCompanyOperation,
  getCompanyOperation,
  updateCompanyOperation,
  deleteCompanyOperation,
  queryInteractionsOperation,
  createInteractionOperation,
  getInteractionOperation,
  updateInteractionOperation,
  deleteInteractionOperation,
];
