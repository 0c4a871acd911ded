/** CRM records as the public API (and its console mirror) return them. */
import type { LeadStatus } from '../../../../src/modules/crm-common/enums';

// One copy of the value lists, shared with the server's schemas.
export {
  DIRECTIONS,
  INTERACTION_TYPES,
  LEAD_STATUSES,
  type LeadStatus,
} from '../../../../src/modules/crm-common/enums';

export interface Person {
  id: string;
  firstName: string | null;
  lastName: string | null;
  email: string | null;
  phone: string | null;
  title: string | null;
  linkedinUrl: string | null;
  companyId: string | null;
  leadStatus: LeadStatus | null;
  leadSource?: string | null;
  remarks?: string | null;
  tags: string[] | null;
  createdAt: string;
  updatedAt: string;
}

export interface Company {
  id: string;
  name: string | null;
  domain: string | null;
  website: string | null;
  industry: string | null;
  employeeCount: number | null;
  city: string | null;
  country: string | null;
  description: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface RefLike {
  id?: string;
  name?: string | null;
  email?: string | null;
  firstName?: string | null;
  lastName?: string | null;
}

export interface Interaction {
  id: string;
  type: string;
  direction: string | null;
  title: string | null;
  summary: string | null;
  interactionDate: string | null;
  mainContact?: string | RefLike | null;
  mainContactEmail?: string | null;
  companies?: (string | RefLike)[];
  contacts?: (string | RefLike)[];
  createdBy?: string | RefLike | null;
  creationTime?: string;
  createdAt: string;
}

export const personName = (p: Pick<Person, 'firstName' | 'lastName' | 'email'>): string =>
  [p.firstName, p.lastName].filter(Boolean).join(' ') || p.email || 'Unnamed person';

export const refLabel = (r: string | RefLike | null | undefined): string => {
  if (!r) return '';
  if (typeof r === 'string') return r;
  return r.name || [r.firstName, r.lastName].filter(Boolean).join(' ') || r.email || r.id || '';
};

export const humanize = (s: string) => s.charAt(0) + s.slice(1).toLowerCase().replace(/_/g, ' ');
