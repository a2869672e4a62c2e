import type { AgencyType } from './vocab.ts';

// Roles of API.md. What each role may do is decided here once, for the server's access
// policy and for the web's navigation alike.
export const ROLES = [
  'admin', 'hotline_operator', 'supervisor', 'school_specialist', 'teacher', 'police_inspector', 'health_worker',
  'guardianship_officer', 'service_provider', 'commission_member', 'regional_coordinator', 'analyst', 'auditor',
] as const;
export type Role = (typeof ROLES)[number];

export const CAPABILITIES = [
  /** manage user accounts and role settings */
  'users.manage',
  /** browse the audit trail */
  'audit.read',
  /** register reports through the single window */
  'reports.create',
  /** read reports and the persons in them (within territory and agency scope) */
  'reports.read',
  /** change reports (status, facts) */
  'reports.update',
  /** register reports with a past receivedAt and import legacy records */
  'reports.import',
  /** hotline console: contacts */
  'contacts.handle',
  /** details of sexual violence and medical facts */
  'sensitive_details',
  /** aggregate statistics without personal data */
  'stats.read',
  /** family case files: read those of one's territory and agency; open and work on them */
  'cases.read',
  'cases.manage',
  /** approve a case's plan and its closure (also the head of the lead's unit) */
  'cases.approve',
  /** the service directory: edit providers, their services and capacity */
  'services.manage',
  /** answer referrals to one's own provider (accept, decline, delivered, feedback) */
  'referrals.handle',
  /** record linkage: review candidate pairs, merge and unmerge person records */
  'linkage.review',
  /** response tasks in the inbox */
  'tasks.handle',
  /** the response protocol: read is for everyone signed in, edit for administrators */
  'protocol.edit',
  /** schedule and record case conferences (commission on juvenile affairs, interagency meetings) */
  'conferences.manage',
  /** log a safeguarding concern about a pupil of one's school (teachers and school staff) */
  'concerns.create',
  /** review concerns of one's school, act on them and escalate them to reports (safeguarding lead) */
  'concerns.review',
  /** the school registry: edit and import schools */
  'schools.manage',
  /** workforce: specialists, norms, caseloads, under-served schools and recommended allocations */
  'workforce.read',
  'workforce.manage',
  /** prevention programmes, sessions, trainings and volunteer groups */
  'prevention.read',
  'prevention.manage',
] as const;
export type Capability = (typeof CAPABILITIES)[number];

const ROLE_CAPABILITIES: Record<Role, readonly Capability[]> = {
  admin: ['users.manage', 'audit.read', 'protocol.edit', 'stats.read', 'schools.manage', 'workforce.read', 'workforce.manage', 'prevention.read', 'prevention.manage', 'services.manage'],
  auditor: ['audit.read', 'stats.read'],
  hotline_operator: ['contacts.handle', 'reports.create', 'reports.read', 'tasks.handle'],
  supervisor: ['contacts.handle', 'reports.create', 'reports.read', 'reports.update', 'reports.import', 'sensitive_details', 'tasks.handle', 'stats.read', 'cases.read', 'conferences.manage', 'linkage.review'],
  school_specialist: ['reports.create', 'reports.read', 'tasks.handle', 'cases.read', 'cases.manage', 'concerns.create', 'concerns.review', 'workforce.read', 'prevention.read', 'prevention.manage'],
  teacher: ['concerns.create'],
  police_inspector: ['reports.create', 'reports.read', 'reports.update', 'sensitive_details', 'tasks.handle', 'cases.read', 'prevention.read', 'prevention.manage'],
  health_worker: ['reports.create', 'reports.read', 'sensitive_details', 'tasks.handle', 'cases.read'],
  guardianship_officer: ['reports.create', 'reports.read', 'reports.update', 'sensitive_details', 'tasks.handle', 'cases.read', 'cases.manage', 'conferences.manage'],
  service_provider: ['reports.read', 'tasks.handle', 'cases.read', 'referrals.handle'],
  commission_member: ['reports.read', 'sensitive_details', 'tasks.handle', 'cases.read', 'stats.read', 'conferences.manage'],
  regional_coordinator: [
    'reports.create', 'reports.read', 'reports.update', 'reports.import', 'sensitive_details', 'tasks.handle', 'cases.read', 'cases.manage', 'cases.approve', 'stats.read',
    'conferences.manage', 'services.manage', 'linkage.review', 'schools.manage', 'workforce.read', 'workforce.manage', 'prevention.read', 'prevention.manage',
  ],
  analyst: ['stats.read', 'workforce.read', 'prevention.read'],
};

export function capabilitiesOf(role: Role): readonly Capability[] {
  return ROLE_CAPABILITIES[role];
}

export function roleHas(role: Role, capability: Capability): boolean {
  return ROLE_CAPABILITIES[role].includes(capability);
}

/** The agency a role normally belongs to; an administrator may set another. */
export const DEFAULT_AGENCY: Record<Role, AgencyType | null> = {
  admin: null,
  auditor: null,
  hotline_operator: 'hotline',
  supervisor: 'hotline',
  school_specialist: 'education',
  teacher: 'education',
  police_inspector: 'police',
  health_worker: 'health',
  guardianship_officer: 'social_protection',
  service_provider: 'service_provider',
  commission_member: 'juvenile_commission',
  regional_coordinator: 'akimat',
  analyst: null,
};

/** Where a user works: the whole country, a region (ISO code), a district (KATO) or a school. */
export type TerritoryScope =
  | { level: 'national' }
  | { level: 'region'; regionCode: string }
  | { level: 'district'; regionCode: string; districtCode: string }
  | { level: 'school'; regionCode: string; districtCode: string; schoolId: string };
