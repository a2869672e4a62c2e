// Controlled vocabularies of the public API (../../shared/API.md). The codes are a fixed
// contract; their kk/ru/en labels live in vocab-labels.ts.

export const LOCALES = ['kk', 'ru', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

export const CHANNELS = [
  'hotline', 'chat', 'school', 'psc', 'police', 'health', 'guardianship', 'ngo', 'online', 'email', 'walk_in', 'other',
] as const;
export type Channel = (typeof CHANNELS)[number];

export const VIOLENCE_TYPES = [
  'physical', 'sexual', 'psychological', 'neglect', 'bullying', 'cyberbullying', 'domestic_violence_witness',
  'trafficking', 'labour_exploitation', 'sexual_exploitation', 'online_sexual_abuse', 'involvement_in_crime',
  'self_harm', 'suicide_attempt', 'substance_use', 'child_marriage', 'other',
] as const;
export type ViolenceType = (typeof VIOLENCE_TYPES)[number];

/** Types whose details are sensitive: visible only to roles with the `sensitive_details` capability. */
export const SENSITIVE_VIOLENCE_TYPES: readonly ViolenceType[] = [
  'sexual', 'sexual_exploitation', 'online_sexual_abuse', 'child_marriage', 'trafficking',
];

export const PLACES = ['home', 'school', 'preschool', 'street', 'public_place', 'institution', 'online', 'other'] as const;
export type Place = (typeof PLACES)[number];

export const PERPETRATOR_RELATIONS = [
  'mother', 'father', 'stepparent', 'sibling', 'grandparent', 'other_relative', 'caregiver', 'school_staff', 'peer',
  'partner', 'neighbour', 'acquaintance', 'stranger', 'online_contact', 'unknown', 'other',
] as const;
export type PerpetratorRelation = (typeof PERPETRATOR_RELATIONS)[number];

export const REPORTER_RELATIONS = ['self', 'parent', 'relative', 'neighbour', 'teacher', 'professional', 'other'] as const;
export type ReporterRelation = (typeof REPORTER_RELATIONS)[number];

export const AGENCY_TYPES = [
  'hotline', 'education', 'police', 'health', 'social_protection', 'juvenile_commission', 'prosecutor', 'ombudsman',
  'akimat', 'service_provider', 'ngo',
] as const;
export type AgencyType = (typeof AGENCY_TYPES)[number];

export const PRIORITIES = ['P1', 'P2', 'P3', 'P4'] as const;
export type Priority = (typeof PRIORITIES)[number];

export const SEXES = ['female', 'male'] as const;
export type Sex = (typeof SEXES)[number];

/** Who calls or writes to the helpline. */
export const CALLER_TYPES = ['child', 'parent', 'relative', 'neighbour', 'teacher', 'professional', 'anonymous', 'other'] as const;
export type CallerType = (typeof CALLER_TYPES)[number];

/** How a helpline contact ended. */
export const CONTACT_OUTCOMES = [
  'advice', 'information', 'report_registered', 'added_to_report', 'referred', 'transferred_police', 'transferred_ambulance',
  'transferred_other', 'silent', 'prank',
] as const;
export type ContactOutcome = (typeof CONTACT_OUTCOMES)[number];

/** The screening questions of the response protocol, in the order they are asked. */
export const SCREENING_QUESTIONS = ['immediateDanger', 'childInjured', 'perpetratorHasAccess'] as const;
export type ScreeningQuestion = (typeof SCREENING_QUESTIONS)[number];
