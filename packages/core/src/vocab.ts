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

/** What a response task asks an agency to do (the response protocol's actions). */
export const TASK_ACTIONS = [
  'decide_report', 'immediate_response', 'home_visit', 'safety_assessment', 'criminal_check', 'medical_examination',
  'mental_health_assessment', 'psychological_support', 'school_response', 'family_support', 'legal_aid',
  'commission_review', 'follow_up',
] as const;
export type TaskAction = (typeof TASK_ACTIONS)[number];

/** open → accepted (someone works on it) → done; cancelled when no longer needed (with a reason). */
export const TASK_STATUSES = ['open', 'accepted', 'done', 'cancelled'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

/** How a task ended. */
export const TASK_OUTCOMES = [
  'child_safe', 'protective_measures', 'referred_to_service', 'criminal_case_opened', 'administrative_case',
  'no_grounds', 'child_not_found', 'other',
] as const;
export type TaskOutcome = (typeof TASK_OUTCOMES)[number];

/** The escalation chain of an overdue task, in the order the default protocol climbs it. */
export const ESCALATION_LEVELS = ['unit_head', 'regional_coordinator', 'juvenile_commission', 'prosecutor'] as const;
export type EscalationLevel = (typeof ESCALATION_LEVELS)[number];

/** Kinds of in-app and email notifications (per-user preferences are kept per kind). */
export const NOTIFICATION_KINDS = [
  'task_new', 'task_assigned', 'task_escalated', 'task_due_soon', 'conference_invited', 'report_closed', 'concern_new',
  'case_assigned', 'case_approval_requested', 'case_approval_decided', 'case_transfer_requested', 'case_review_due', 'referral_new', 'referral_answered',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

// ---------------------------------------------------------------- schools, workforce, prevention

/** What a teacher saw or heard that worries them (a safeguarding concern, below the threshold of a report). */
export const CONCERN_CATEGORIES = [
  'injury', 'disclosure', 'behaviour_change', 'neglect_signs', 'absence', 'bullying', 'online_risk', 'self_harm',
  'family_situation', 'substance_use', 'other',
] as const;
export type ConcernCategory = (typeof CONCERN_CATEGORIES)[number];

/** new → under_review (the safeguarding lead looks at it) → monitoring | escalated (a report) | closed. */
export const CONCERN_STATUSES = ['new', 'under_review', 'monitoring', 'escalated', 'closed'] as const;
export type ConcernStatus = (typeof CONCERN_STATUSES)[number];

/** What the school did about a concern. */
export const CONCERN_ACTIONS = [
  'note', 'talked_with_child', 'contacted_parents', 'observed', 'internal_support', 'referred', 'escalated', 'closed',
] as const;
export type ConcernAction = (typeof CONCERN_ACTIONS)[number];

/** Body-map regions where an injury is marked (front and back views). */
export const BODY_REGIONS = [
  'head', 'face', 'neck', 'chest', 'abdomen', 'back_upper', 'back_lower', 'buttocks', 'genital_area',
  'arm_left', 'arm_right', 'hand_left', 'hand_right', 'leg_left', 'leg_right', 'foot_left', 'foot_right',
] as const;
export type BodyRegion = (typeof BODY_REGIONS)[number];

/** School support specialists counted against staffing norms. */
export const SPECIALIST_KINDS = ['psychologist', 'social_pedagogue'] as const;
export type SpecialistKind = (typeof SPECIALIST_KINDS)[number];

/** Who runs a prevention session. */
export const FACILITATOR_TYPES = ['school', 'police', 'ngo', 'volunteers', 'health', 'other'] as const;
export type FacilitatorType = (typeof FACILITATOR_TYPES)[number];
