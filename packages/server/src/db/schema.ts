// The one schema for PGlite and PostgreSQL. `npm run db:generate -w @qorgau/server` turns a
// change here into a new committed SQL migration under packages/server/drizzle/.
import type { AgencyType, Priority, TaskAction, TaskStatus } from '@qorgau/core';
import { sql } from 'drizzle-orm';
import {
  bigint, bigserial, boolean, check, doublePrecision, type AnyPgColumn, date, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid,
} from 'drizzle-orm/pg-core';

const instant = (name: string) => timestamp(name, { withTimezone: true, precision: 3, mode: 'date' });

// ---------------------------------------------------------------- reference data

export const regions = pgTable('regions', {
  code: text('code').primaryKey(), // ISO 3166-2, e.g. KZ-75
  katoPrefix: text('kato_prefix').notNull().unique(),
  kind: text('kind').notNull(), // region | city
  nameKk: text('name_kk').notNull(),
  nameRu: text('name_ru').notNull(),
  nameEn: text('name_en').notNull(),
  formerCode: text('former_code'),
});

export const districts = pgTable('districts', {
  code: text('code').primaryKey(), // KATO, 9 digits
  regionCode: text('region_code').notNull().references(() => regions.code),
  nameKk: text('name_kk').notNull(),
  nameRu: text('name_ru').notNull(),
  nameEn: text('name_en').notNull(),
}, (t) => [index('districts_region_idx').on(t.regionCode)]);

/** The whole KATO classifier down to settlements. */
export const katoUnits = pgTable('kato_units', {
  code: text('code').primaryKey(),
  level: text('level').notNull(),
  regionCode: text('region_code').references(() => regions.code),
  nameKk: text('name_kk').notNull(),
  nameRu: text('name_ru').notNull(),
}, (t) => [index('kato_units_region_idx').on(t.regionCode, t.level)]);

/** Controlled vocabularies (typology, places, relations, channels, agency types…) with labels. */
export const vocabulary = pgTable('vocabulary', {
  kind: text('kind').notNull(),
  code: text('code').notNull(),
  sort: integer('sort').notNull(),
  labelKk: text('label_kk').notNull(),
  labelRu: text('label_ru').notNull(),
  labelEn: text('label_en').notNull(),
}, (t) => [primaryKey({ columns: [t.kind, t.code] })]);

export const calendarDays = pgTable('calendar_days', {
  date: date('date', { mode: 'string' }).primaryKey(),
  kind: text('kind').notNull(), // holiday | day_off_transfer | working_day_transfer
  nameKk: text('name_kk').notNull(),
  nameRu: text('name_ru').notNull(),
  nameEn: text('name_en').notNull(),
  provisional: boolean('provisional').notNull().default(false),
});

/** Which reference file content is loaded, so that a changed file is re-synchronised once. */
export const referenceVersions = pgTable('reference_versions', {
  name: text('name').primaryKey(),
  sha256: text('sha256').notNull(),
  loadedAt: instant('loaded_at').notNull(),
});

export const schools = pgTable('schools', {
  id: uuid('id').primaryKey().defaultRandom(),
  externalId: text('external_id').unique(),
  nameKk: text('name_kk').notNull(),
  nameRu: text('name_ru').notNull(),
  nameEn: text('name_en').notNull(),
  regionCode: text('region_code').notNull().references(() => regions.code),
  districtCode: text('district_code').notNull().references(() => districts.code),
  students: integer('students').notNull().default(0),
  studentsSen: integer('students_sen').notNull().default(0),
  languages: text('languages').array().notNull().default(sql`'{}'::text[]`),
  /** KATO code of the settlement (9 digits), when known */
  settlementCode: text('settlement_code'),
  /** WGS 84, for the map */
  lat: doublePrecision('lat'),
  lon: doublePrecision('lon'),
  /** closed or merged schools stay for history but are not planned for */
  active: boolean('active').notNull().default(true),
  updatedAt: instant('updated_at'),
}, (t) => [index('schools_district_idx').on(t.districtCode), index('schools_region_idx').on(t.regionCode)]);

export const systemState = pgTable('system_state', {
  key: text('key').primaryKey(),
  value: jsonb('value').notNull(),
});

// ---------------------------------------------------------------- accounts

export const users = pgTable('users', {
  id: uuid('id').primaryKey().defaultRandom(),
  username: text('username').notNull(),
  fullName: text('full_name').notNull(),
  passwordHash: text('password_hash').notNull(),
  role: text('role').notNull(),
  agencyType: text('agency_type'),
  regionCode: text('region_code').references(() => regions.code),
  districtCode: text('district_code').references(() => districts.code),
  schoolId: uuid('school_id').references(() => schools.id),
  /** the unit (agency office) the user works in; tasks are routed to units */
  unitId: uuid('unit_id').references((): AnyPgColumn => units.id),
  /** heads assign their unit's tasks and are the first step of escalation */
  isUnitHead: boolean('is_unit_head').notNull().default(false),
  /** for notifications by email (per-kind preferences in notification_preferences) */
  email: text('email'),
  locale: text('locale').notNull().default('ru'),
  active: boolean('active').notNull().default(true),
  totpSecret: text('totp_secret'),
  totpEnabled: boolean('totp_enabled').notNull().default(false),
  createdAt: instant('created_at').notNull(),
  updatedAt: instant('updated_at').notNull(),
  lastLoginAt: instant('last_login_at'),
  passwordChangedAt: instant('password_changed_at').notNull(),
}, (t) => [uniqueIndex('users_username_idx').on(sql`lower(${t.username})`)]);

export const roleSettings = pgTable('role_settings', {
  role: text('role').primaryKey(),
  requireTotp: boolean('require_totp').notNull().default(false),
});

export const sessions = pgTable('sessions', {
  id: uuid('id').primaryKey().defaultRandom(),
  tokenHash: text('token_hash').notNull().unique(),
  userId: uuid('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
  csrfToken: text('csrf_token').notNull(),
  createdAt: instant('created_at').notNull(),
  lastSeenAt: instant('last_seen_at').notNull(),
  expiresAt: instant('expires_at').notNull(),
  /** set when the role requires TOTP and the user has not enrolled yet: only enrolment is allowed */
  totpEnrollmentRequired: boolean('totp_enrollment_required').notNull().default(false),
  ip: text('ip'),
  userAgent: text('user_agent'),
}, (t) => [index('sessions_user_idx').on(t.userId), index('sessions_expires_idx').on(t.expiresAt)]);

export const loginAttempts = pgTable('login_attempts', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  username: text('username').notNull(),
  ip: text('ip').notNull(),
  at: instant('at').notNull(),
  success: boolean('success').notNull(),
}, (t) => [index('login_attempts_username_idx').on(t.username, t.at), index('login_attempts_ip_idx').on(t.ip, t.at)]);

// ---------------------------------------------------------------- audit

export const auditLog = pgTable('audit_log', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  at: instant('at').notNull(),
  userId: uuid('user_id'),
  username: text('username'),
  action: text('action').notNull(),
  entityType: text('entity_type').notNull(),
  entityId: text('entity_id'),
  details: jsonb('details').$type<Record<string, unknown>>().notNull().default({}),
  ip: text('ip'),
  requestId: text('request_id'),
  /** position in the hash chain, assigned by the sealer (audit/chain.ts) */
  chainSeq: bigint('chain_seq', { mode: 'number' }).unique(),
  prevHash: text('prev_hash'),
  hash: text('hash'),
}, (t) => [
  index('audit_entity_idx').on(t.entityId, t.id),
  index('audit_user_idx').on(t.userId, t.id),
  index('audit_unsealed_idx').on(t.id).where(sql`${t.chainSeq} is null`),
]);

export const auditChainHead = pgTable('audit_chain_head', {
  id: integer('id').primaryKey(),
  seq: bigint('seq', { mode: 'number' }).notNull(),
  hash: text('hash').notNull(),
  sealedAt: instant('sealed_at').notNull(),
}, (t) => [check('audit_chain_head_single', sql`${t.id} = 1`)]);

// ---------------------------------------------------------------- register

export const persons = pgTable('persons', {
  id: uuid('id').primaryKey().defaultRandom(),
  iin: text('iin'),
  lastName: text('last_name').notNull(),
  firstName: text('first_name').notNull(),
  middleName: text('middle_name'),
  birthDate: date('birth_date', { mode: 'string' }),
  /** birth year when only an approximate age is known */
  birthYearApprox: integer('birth_year_approx'),
  sex: text('sex'),
  /** transliteration-folded "last first middle" for trigram search (core/names) */
  nameKey: text('name_key').notNull(),
  regionCode: text('region_code').references(() => regions.code),
  districtCode: text('district_code'),
  externalId: text('external_id').unique(),
  /** where the person lives, as written (record linkage compares it) */
  address: text('address'),
  /** set when this record was merged into another (record linkage); the survivor carries the references */
  mergedInto: uuid('merged_into').references((): AnyPgColumn => persons.id),
  createdBy: uuid('created_by'),
  createdAt: instant('created_at').notNull(),
  updatedAt: instant('updated_at').notNull(),
}, (t) => [
  index('persons_iin_idx').on(t.iin),
  index('persons_birth_idx').on(t.birthDate),
  // exact folded words: every spelling of a full name, without trigram rechecks
  index('persons_name_tokens_gin').using('gin', sql`string_to_array(${t.nameKey}, ' ')`),
  // duplicate checks with a birth date look at the same birth date (btree) and at persons without one (this)
  index('persons_name_tokens_nobirth_gin').using('gin', sql`string_to_array(${t.nameKey}, ' ')`).where(sql`${t.birthDate} is null`),
]);

/**
 * The dictionary of folded name words in the register (a few tens of thousands at national
 * scale). Typos and partly typed words are corrected against it by trigram similarity, then
 * persons are found by whole words — far cheaper than trigram scans over every person.
 */
export const nameWords = pgTable('name_words', {
  word: text('word').primaryKey(),
}, (t) => [index('name_words_trgm').using('gin', sql`${t.word} gin_trgm_ops`)]);

export const reports = pgTable('reports', {
  id: uuid('id').primaryKey().defaultRandom(),
  number: text('number').notNull().unique(),
  regionCode: text('region_code').notNull().references(() => regions.code),
  districtCode: text('district_code'),
  channel: text('channel').notNull(),
  status: text('status').notNull(),
  priority: text('priority').notNull(),
  receivedAt: instant('received_at').notNull(),
  narrative: text('narrative').notNull(),
  reporter: jsonb('reporter').$type<Record<string, unknown>>().notNull(),
  screening: jsonb('screening').$type<Record<string, boolean>>().notNull().default({}),
  /** true when any incident has a type whose details are restricted (SENSITIVE_VIOLENCE_TYPES) */
  sensitive: boolean('sensitive').notNull().default(false),
  /** agencies involved (registering agency, then agencies with tasks): agency-scoped reads */
  agencyTypes: text('agency_types').array().notNull().default(sql`'{}'::text[]`),
  schoolIds: uuid('school_ids').array().notNull().default(sql`'{}'::uuid[]`),
  externalId: text('external_id').unique(),
  trackingCode: text('tracking_code').unique(),
  /** why the status last changed (closure reason, reopening) */
  statusReason: text('status_reason'),
  /** the response protocol version in force when the report was registered */
  protocolVersion: integer('protocol_version'),
  closedAt: instant('closed_at'),
  createdBy: uuid('created_by'),
  createdAt: instant('created_at').notNull(),
  updatedAt: instant('updated_at').notNull(),
}, (t) => [
  index('reports_region_received_idx').on(t.regionCode, t.receivedAt, t.id),
  index('reports_received_idx').on(t.receivedAt, t.id),
  index('reports_status_idx').on(t.status, t.receivedAt),
]);

export const reportCounters = pgTable('report_counters', {
  regionCode: text('region_code').notNull(),
  year: integer('year').notNull(),
  last: integer('last').notNull(),
}, (t) => [primaryKey({ columns: [t.regionCode, t.year] })]);

export const incidents = pgTable('incidents', {
  id: uuid('id').primaryKey().defaultRandom(),
  reportId: uuid('report_id').notNull().references(() => reports.id, { onDelete: 'cascade' }),
  /** order within the report: 1, 2, … as registered */
  position: integer('position').notNull().default(1),
  types: text('types').array().notNull(),
  occurredOn: date('occurred_on', { mode: 'string' }),
  place: text('place'),
  regionCode: text('region_code').notNull(),
  districtCode: text('district_code'),
  settlementCode: text('settlement_code'),
  schoolId: uuid('school_id').references(() => schools.id),
  injuries: text('injuries'),
  legalQualification: jsonb('legal_qualification').$type<{ code: 'criminal' | 'administrative'; article: string }[]>().notNull().default([]),
}, (t) => [index('incidents_report_idx').on(t.reportId), index('incidents_region_idx').on(t.regionCode, t.occurredOn)]);

export const incidentPersons = pgTable('incident_persons', {
  incidentId: uuid('incident_id').notNull().references(() => incidents.id, { onDelete: 'cascade' }),
  personId: uuid('person_id').notNull().references(() => persons.id),
  role: text('role').notNull(), // victim | perpetrator
  relation: text('relation'),
}, (t) => [primaryKey({ columns: [t.incidentId, t.personId, t.role] }), index('incident_persons_person_idx').on(t.personId)]);

// ---------------------------------------------------------------- single window (issue 3)

/** Child Helpline International categories of a contact's subject, with our kk/ru labels and the typology they map to. */
export const chiCategories = pgTable('chi_categories', {
  code: text('code').primaryKey(), // category/subcategory slug
  category: text('category').notNull(),
  sort: integer('sort').notNull(),
  labelKk: text('label_kk').notNull(),
  labelRu: text('label_ru').notNull(),
  labelEn: text('label_en').notNull(),
  categoryLabelKk: text('category_label_kk').notNull(),
  categoryLabelRu: text('category_label_ru').notNull(),
  categoryLabelEn: text('category_label_en').notNull(),
  /** violence typology codes a report that follows from such a contact starts with */
  violenceTypes: text('violence_types').array().notNull().default(sql`'{}'::text[]`),
});

/** Every helpline contact, also those that give only information or counselling. */
export const contacts = pgTable('contacts', {
  id: uuid('id').primaryKey().defaultRandom(),
  /** the console's id for the draft: a retried save does not create a second contact */
  clientId: text('client_id').unique(),
  channel: text('channel').notNull(), // hotline | chat
  regionCode: text('region_code').references(() => regions.code),
  startedAt: instant('started_at').notNull(),
  endedAt: instant('ended_at'),
  durationSeconds: integer('duration_seconds'),
  callerType: text('caller_type').notNull(),
  childPersonId: uuid('child_person_id').references(() => persons.id),
  childFirstName: text('child_first_name'),
  childApproxAge: integer('child_approx_age'),
  childSex: text('child_sex'),
  chiCode: text('chi_code').notNull().references(() => chiCategories.code),
  screening: jsonb('screening').$type<Record<string, boolean>>().notNull().default({}),
  outcome: text('outcome').notNull(),
  reportId: uuid('report_id').references(() => reports.id),
  /** counsellor's summary: sensitive, never logged */
  summary: text('summary'),
  operatorId: uuid('operator_id').notNull(),
  createdAt: instant('created_at').notNull(),
  updatedAt: instant('updated_at').notNull(),
}, (t) => [index('contacts_started_idx').on(t.startedAt), index('contacts_operator_idx').on(t.operatorId, t.startedAt)]);

/** Files attached to reports; the bytes live in the data directory, outside the web root. */
export const attachments = pgTable('attachments', {
  id: uuid('id').primaryKey().defaultRandom(),
  reportId: uuid('report_id').notNull().references(() => reports.id, { onDelete: 'cascade' }),
  fileName: text('file_name').notNull(),
  mimeType: text('mime_type').notNull(),
  sizeBytes: integer('size_bytes').notNull(),
  sha256: text('sha256').notNull(),
  storageKey: text('storage_key').notNull().unique(),
  /** set when the file documents a task's action */
  taskId: uuid('task_id'),
  uploadedBy: uuid('uploaded_by'),
  uploadedAt: instant('uploaded_at').notNull(),
}, (t) => [index('attachments_report_idx').on(t.reportId)]);

/** Articles of the Criminal and Administrative Codes used to qualify incidents; editable by administrators. */
export const legalArticles = pgTable('legal_articles', {
  code: text('code').notNull(), // criminal | administrative
  article: text('article').notNull(),
  titleKk: text('title_kk').notNull(),
  titleRu: text('title_ru').notNull(),
  titleEn: text('title_en').notNull(),
  active: boolean('active').notNull().default(true),
}, (t) => [primaryKey({ columns: [t.code, t.article] })]);

/** One legacy import (dry run or committed). */
export const importBatches = pgTable('import_batches', {
  id: uuid('id').primaryKey().defaultRandom(),
  kind: text('kind').notNull(), // reports
  fileName: text('file_name').notNull(),
  dryRun: boolean('dry_run').notNull(),
  rows: integer('rows').notNull(),
  created: integer('created').notNull(),
  skipped: integer('skipped').notNull(),
  errors: integer('errors').notNull(),
  userId: uuid('user_id').notNull(),
  at: instant('at').notNull(),
});

// ---------------------------------------------------------------- response (issue 4)

/** Versions of the response protocol (core/protocol). One is active; reports keep the one they were registered under. */
export const protocolVersions = pgTable('protocol_versions', {
  version: integer('version').primaryKey(),
  status: text('status').notNull(), // draft | active | retired
  definition: jsonb('definition').$type<Record<string, unknown>>().notNull(),
  note: text('note'),
  createdBy: uuid('created_by'),
  createdAt: instant('created_at').notNull(),
  activatedAt: instant('activated_at'),
  activatedBy: uuid('activated_by'),
}, (t) => [uniqueIndex('protocol_versions_one_active').on(t.status).where(sql`${t.status} = 'active'`)]);

/** An office of an agency (district police department, regional guardianship body, a school…). */
export const units = pgTable('units', {
  id: uuid('id').primaryKey().defaultRandom(),
  agencyType: text('agency_type').$type<AgencyType>().notNull(),
  nameKk: text('name_kk').notNull(),
  nameRu: text('name_ru').notNull(),
  nameEn: text('name_en').notNull(),
  regionCode: text('region_code').references(() => regions.code),
  districtCode: text('district_code').references(() => districts.code),
  email: text('email'),
  active: boolean('active').notNull().default(true),
  createdAt: instant('created_at').notNull(),
}, (t) => [index('units_agency_region_idx').on(t.agencyType, t.regionCode)]);

/** Routing table: which unit of an agency takes tasks for a territory (a district row beats the region row). */
export const routingRules = pgTable('routing_rules', {
  id: uuid('id').primaryKey().defaultRandom(),
  agencyType: text('agency_type').$type<AgencyType>().notNull(),
  regionCode: text('region_code').notNull().references(() => regions.code),
  /** null: the whole region */
  districtCode: text('district_code').references(() => districts.code),
  unitId: uuid('unit_id').notNull().references(() => units.id),
}, (t) => [uniqueIndex('routing_rules_key').on(t.agencyType, t.regionCode, sql`coalesce(${t.districtCode}, '')`)]);

export const tasks = pgTable('tasks', {
  id: uuid('id').primaryKey().defaultRandom(),
  reportId: uuid('report_id').notNull().references(() => reports.id, { onDelete: 'cascade' }),
  /** follow-up tasks decided at a case conference */
  conferenceId: uuid('conference_id'),
  protocolVersion: integer('protocol_version'),
  ruleId: text('rule_id'),
  agencyType: text('agency_type').$type<AgencyType>().notNull(),
  action: text('action').$type<TaskAction>().notNull(),
  /** free text for follow-up tasks of a conference */
  instructions: text('instructions'),
  mandatory: boolean('mandatory').notNull(),
  priority: text('priority').$type<Priority>().notNull(),
  regionCode: text('region_code').notNull(),
  districtCode: text('district_code'),
  unitId: uuid('unit_id').references(() => units.id),
  assigneeId: uuid('assignee_id').references(() => users.id),
  status: text('status').$type<TaskStatus>().notNull(),
  dueAt: instant('due_at').notNull(),
  createdAt: instant('created_at').notNull(),
  updatedAt: instant('updated_at').notNull(),
  acceptedAt: instant('accepted_at'),
  completedAt: instant('completed_at'),
  outcome: text('outcome'),
  /** why it was cancelled */
  statusReason: text('status_reason'),
  /** escalation steps taken so far, and when the next one falls due (null: none left or task closed) */
  escalationStep: integer('escalation_step').notNull().default(0),
  nextEscalationAt: instant('next_escalation_at'),
  /** when the "due soon" reminder went out (once per task) */
  remindedAt: instant('reminded_at'),
}, (t) => [
  index('tasks_reminder_idx').on(t.dueAt).where(sql`${t.remindedAt} is null and ${t.status} in ('open', 'accepted')`),
  index('tasks_report_idx').on(t.reportId),
  index('tasks_escalation_idx').on(t.nextEscalationAt).where(sql`${t.nextEscalationAt} is not null`),
  index('tasks_unit_idx').on(t.unitId, t.dueAt).where(sql`${t.status} in ('open', 'accepted')`),
  index('tasks_assignee_idx').on(t.assigneeId, t.dueAt).where(sql`${t.status} in ('open', 'accepted')`),
  index('tasks_due_idx').on(t.dueAt),
  index('tasks_conference_idx').on(t.conferenceId),
]);

/** Everything done on a task: accepted, assigned, action recorded, completed, escalated… (the timeline's rows). */
export const taskEvents = pgTable('task_events', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  taskId: uuid('task_id').notNull().references(() => tasks.id, { onDelete: 'cascade' }),
  reportId: uuid('report_id').notNull(),
  at: instant('at').notNull(),
  userId: uuid('user_id'),
  kind: text('kind').notNull(), // created | accepted | assigned | action | completed | cancelled | reopened | escalated
  /** what was done (sensitive: shown to the task's agency and those with need-to-know) */
  note: text('note'),
  details: jsonb('details').$type<Record<string, unknown>>().notNull().default({}),
}, (t) => [index('task_events_task_idx').on(t.taskId, t.id), index('task_events_report_idx').on(t.reportId, t.id)]);

/** One row per escalation step taken: the primary key makes a step happen once, whatever the number of sweepers. */
export const taskEscalations = pgTable('task_escalations', {
  taskId: uuid('task_id').notNull().references(() => tasks.id, { onDelete: 'cascade' }),
  step: integer('step').notNull(),
  level: text('level').notNull(),
  at: instant('at').notNull(),
  recipients: uuid('recipients').array().notNull().default(sql`'{}'::uuid[]`),
}, (t) => [primaryKey({ columns: [t.taskId, t.step] })]);

export const notifications = pgTable('notifications', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  userId: uuid('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
  kind: text('kind').notNull(),
  /** ids and codes only (report number, task action, due time): the text is composed in the reader's language */
  params: jsonb('params').$type<Record<string, unknown>>().notNull().default({}),
  reportId: uuid('report_id'),
  taskId: uuid('task_id'),
  createdAt: instant('created_at').notNull(),
  readAt: instant('read_at'),
}, (t) => [index('notifications_user_idx').on(t.userId, t.id)]);

export const notificationPreferences = pgTable('notification_preferences', {
  userId: uuid('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
  kind: text('kind').notNull(),
  inApp: boolean('in_app').notNull(),
  email: boolean('email').notNull(),
}, (t) => [primaryKey({ columns: [t.userId, t.kind] })]);

/** Email waiting to be sent (or sent): written in the transaction of what it reports, sent by a background job with retries. */
export const emailOutbox = pgTable('email_outbox', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  /** Message-ID; a retried delivery carries the same one, so receivers can drop a duplicate */
  messageId: text('message_id').notNull().unique(),
  toAddress: text('to_address').notNull(),
  subject: text('subject').notNull(),
  textBody: text('text_body').notNull(),
  notificationId: bigint('notification_id', { mode: 'number' }),
  createdAt: instant('created_at').notNull(),
  attempts: integer('attempts').notNull().default(0),
  nextAttemptAt: instant('next_attempt_at').notNull(),
  sentAt: instant('sent_at'),
  lastError: text('last_error'),
}, (t) => [index('email_outbox_pending_idx').on(t.nextAttemptAt).where(sql`${t.sentAt} is null`)]);

/** Case conference: the commission on juvenile affairs or an interagency meeting on a report. */
export const conferences = pgTable('conferences', {
  id: uuid('id').primaryKey().defaultRandom(),
  reportId: uuid('report_id').references(() => reports.id, { onDelete: 'cascade' }),
  kind: text('kind').notNull(), // commission | interagency
  regionCode: text('region_code').notNull(),
  scheduledAt: instant('scheduled_at').notNull(),
  location: text('location'),
  agenda: text('agenda'),
  status: text('status').notNull(), // scheduled | held | cancelled
  /** [{ userId?, agencyType, name?, attended? }] */
  participants: jsonb('participants').$type<{ userId?: string | null; agencyType: string; name?: string | null; attended?: boolean | null }[]>().notNull().default([]),
  /** decisions recorded when the conference is held */
  decisions: text('decisions'),
  organiserId: uuid('organiser_id').notNull(),
  createdAt: instant('created_at').notNull(),
  updatedAt: instant('updated_at').notNull(),
  heldAt: instant('held_at'),
}, (t) => [index('conferences_report_idx').on(t.reportId), index('conferences_region_idx').on(t.regionCode, t.scheduledAt)]);

// ---------------------------------------------------------------- statistics (issue 6)

/**
 * Incidents pre-counted per day, region, district and one dimension (stats/rollup.ts), so that
 * dashboards over millions of incidents sum a few thousand rows. dim 'all' (key '') also counts
 * reports and victims.
 */
export const statsRollup = pgTable('stats_rollup', {
  dim: text('dim').notNull(), // all | type | channel | place | sex | age_group | relation
  key: text('key').notNull(),
  regionCode: text('region_code').notNull(),
  /** '' when the incident has no district */
  districtCode: text('district_code').notNull(),
  /** the day the report was received, in Kazakhstan time */
  day: date('day', { mode: 'string' }).notNull(),
  incidents: integer('incidents').notNull(),
  reports: integer('reports').notNull().default(0),
  victims: integer('victims').notNull().default(0),
}, (t) => [
  // region and day first: a month of a region is deleted and recounted as one range
  primaryKey({ columns: [t.regionCode, t.day, t.dim, t.districtCode, t.key] }),
  index('stats_rollup_day_idx').on(t.dim, t.day),
]);

/** (region, day) pairs whose rollup must be recomputed: marked in the transaction of the change. */
export const statsDirty = pgTable('stats_dirty', {
  regionCode: text('region_code').notNull(),
  day: date('day', { mode: 'string' }).notNull(),
}, (t) => [primaryKey({ columns: [t.regionCode, t.day] })]);

/** Number of children (0–17) per region or district and year, loaded from CSV, for rates per 10,000. */
export const childPopulation = pgTable('child_population', {
  year: integer('year').notNull(),
  regionCode: text('region_code').notNull().references(() => regions.code),
  /** '' for the whole region */
  districtCode: text('district_code').notNull().default(''),
  children: integer('children').notNull(),
  source: text('source'),
  loadedAt: instant('loaded_at').notNull(),
}, (t) => [primaryKey({ columns: [t.year, t.regionCode, t.districtCode] })]);

// ---------------------------------------------------------------- schools: safeguarding, workforce, prevention

/** A teacher's safeguarding concern about a pupil: below the threshold of a report, reviewed by the school's lead. */
export const concerns = pgTable('concerns', {
  id: uuid('id').primaryKey().defaultRandom(),
  schoolId: uuid('school_id').notNull().references(() => schools.id),
  /** the pupil, resolved in the register from what the teacher typed (the teacher never searches the register) */
  personId: uuid('person_id').notNull().references(() => persons.id),
  /** class, e.g. "7Б" */
  grade: text('grade'),
  categories: text('categories').array().notNull(),
  observedAt: instant('observed_at').notNull(),
  /** what was seen or said (never logged) */
  description: text('description').notNull(),
  /** the child's own words, verbatim */
  childWords: text('child_words'),
  /** marks on a body map: [{ view: 'front'|'back', region, x, y, note }] */
  bodyMap: jsonb('body_map').$type<{ view: 'front' | 'back'; region: string; x: number; y: number; note?: string }[]>().notNull().default([]),
  status: text('status').notNull(),
  createdBy: uuid('created_by').notNull(),
  createdAt: instant('created_at').notNull(),
  updatedAt: instant('updated_at').notNull(),
  /** the safeguarding lead who took it */
  reviewerId: uuid('reviewer_id'),
  /** the report it was escalated to */
  reportId: uuid('report_id').references(() => reports.id),
  closedAt: instant('closed_at'),
  closeReason: text('close_reason'),
}, (t) => [
  index('concerns_school_idx').on(t.schoolId, t.createdAt),
  index('concerns_person_idx').on(t.personId),
  index('concerns_author_idx').on(t.createdBy, t.createdAt),
]);

export const concernActions = pgTable('concern_actions', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  concernId: uuid('concern_id').notNull().references(() => concerns.id),
  kind: text('kind').notNull(),
  note: text('note'),
  at: instant('at').notNull(),
  userId: uuid('user_id').notNull(),
}, (t) => [index('concern_actions_concern_idx').on(t.concernId, t.id)]);

/** School psychologists and social pedagogues: positions (FTE) by school. */
export const specialists = pgTable('specialists', {
  id: uuid('id').primaryKey().defaultRandom(),
  schoolId: uuid('school_id').notNull().references(() => schools.id),
  kind: text('kind').notNull(),
  fullName: text('full_name').notNull(),
  /** full-time equivalent of the position, 0.25–2 */
  fte: doublePrecision('fte').notNull(),
  /** the account of the specialist, when they have one */
  userId: uuid('user_id').references(() => users.id),
  active: boolean('active').notNull().default(true),
  createdAt: instant('created_at').notNull(),
  updatedAt: instant('updated_at').notNull(),
}, (t) => [index('specialists_school_idx').on(t.schoolId), check('specialists_fte_range', sql`${t.fte} > 0 and ${t.fte} <= 2`)]);

/** Staffing norms per specialist kind (default: one psychologist per 500 students). */
export const workforceNorms = pgTable('workforce_norms', {
  kind: text('kind').primaryKey(),
  studentsPerFte: integer('students_per_fte').notNull(),
  /** open cases one full-time specialist can carry */
  casesPerFte: integer('cases_per_fte'),
  updatedAt: instant('updated_at').notNull(),
  updatedBy: uuid('updated_by'),
});

export const preventionProgrammes = pgTable('prevention_programmes', {
  id: uuid('id').primaryKey().defaultRandom(),
  code: text('code').notNull().unique(),
  nameKk: text('name_kk').notNull(),
  nameRu: text('name_ru').notNull(),
  nameEn: text('name_en').notNull(),
  description: text('description'),
  organiser: text('organiser'),
  startsOn: date('starts_on', { mode: 'string' }).notNull(),
  endsOn: date('ends_on', { mode: 'string' }),
  active: boolean('active').notNull().default(true),
  createdAt: instant('created_at').notNull(),
});

export const preventionSessions = pgTable('prevention_sessions', {
  id: uuid('id').primaryKey().defaultRandom(),
  programmeId: uuid('programme_id').notNull().references(() => preventionProgrammes.id),
  schoolId: uuid('school_id').references(() => schools.id),
  regionCode: text('region_code').notNull().references(() => regions.code),
  districtCode: text('district_code').notNull().references(() => districts.code),
  heldOn: date('held_on', { mode: 'string' }).notNull(),
  topic: text('topic').notNull(),
  facilitatorType: text('facilitator_type').notNull(),
  facilitatorName: text('facilitator_name'),
  /** participants by grade: { "7": 25, "8": 22 } */
  participants: jsonb('participants').$type<Record<string, number>>().notNull().default({}),
  participantsTotal: integer('participants_total').notNull(),
  createdBy: uuid('created_by').notNull(),
  createdAt: instant('created_at').notNull(),
}, (t) => [
  index('prevention_sessions_school_idx').on(t.schoolId, t.heldOn),
  index('prevention_sessions_region_idx').on(t.regionCode, t.heldOn),
  index('prevention_sessions_programme_idx').on(t.programmeId, t.heldOn),
]);

/** Trainings of school psychologists and social pedagogues. */
export const trainings = pgTable('trainings', {
  id: uuid('id').primaryKey().defaultRandom(),
  programmeId: uuid('programme_id').references(() => preventionProgrammes.id),
  title: text('title').notNull(),
  heldOn: date('held_on', { mode: 'string' }).notNull(),
  hours: doublePrecision('hours').notNull(),
  organiser: text('organiser'),
  regionCode: text('region_code').notNull().references(() => regions.code),
  districtCode: text('district_code').references(() => districts.code),
  createdBy: uuid('created_by').notNull(),
  createdAt: instant('created_at').notNull(),
}, (t) => [index('trainings_region_idx').on(t.regionCode, t.heldOn)]);

export const trainingParticipants = pgTable('training_participants', {
  trainingId: uuid('training_id').notNull().references(() => trainings.id),
  specialistId: uuid('specialist_id').notNull().references(() => specialists.id),
}, (t) => [primaryKey({ columns: [t.trainingId, t.specialistId] }), index('training_participants_specialist_idx').on(t.specialistId)]);

export const volunteerGroups = pgTable('volunteer_groups', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull(),
  programmeId: uuid('programme_id').references(() => preventionProgrammes.id),
  schoolId: uuid('school_id').references(() => schools.id),
  regionCode: text('region_code').notNull().references(() => regions.code),
  districtCode: text('district_code').notNull().references(() => districts.code),
  members: integer('members').notNull(),
  leader: text('leader'),
  active: boolean('active').notNull().default(true),
  createdAt: instant('created_at').notNull(),
}, (t) => [index('volunteer_groups_region_idx').on(t.regionCode)]);

// ---------------------------------------------------------------- family case files (issue 5)

/** A family case file: social patronage of the whole family, opened from a report or directly. */
export const cases = pgTable('cases', {
  id: uuid('id').primaryKey().defaultRandom(),
  /** CF-75-2026-000123: region, year, sequence; unique and never reused */
  number: text('number').notNull().unique(),
  kind: text('kind').notNull(), // protection | patronage
  status: text('status').notNull(), // open | assessment | plan | in_progress | review | closed
  regionCode: text('region_code').notNull().references(() => regions.code),
  districtCode: text('district_code').references(() => districts.code),
  /** schools of the children in the household (school-scoped access and the risk register) */
  schoolIds: uuid('school_ids').array().notNull().default(sql`'{}'::uuid[]`),
  /** the lead agency and the contributing ones (agency-scoped reads) */
  agencyTypes: text('agency_types').array().notNull().default(sql`'{}'::text[]`),
  leadAgencyType: text('lead_agency_type').notNull(),
  leadUnitId: uuid('lead_unit_id').references(() => units.id),
  leadUserId: uuid('lead_user_id').notNull().references(() => users.id),
  /** why the case exists (sensitive: never logged) */
  summary: text('summary'),
  /** the household's address (sensitive) */
  address: text('address'),
  /** the latest assessed risk level (after overrides) */
  riskLevel: text('risk_level'),
  /** reviews on a schedule: the next one falls due then */
  reviewIntervalDays: integer('review_interval_days').notNull().default(90),
  nextReviewOn: date('next_review_on', { mode: 'string' }),
  openedAt: instant('opened_at').notNull(),
  closedAt: instant('closed_at'),
  closeReason: text('close_reason'),
  /** how many times it was reopened */
  reopenCount: integer('reopen_count').notNull().default(0),
  createdBy: uuid('created_by').notNull(),
  createdAt: instant('created_at').notNull(),
  updatedAt: instant('updated_at').notNull(),
}, (t) => [
  index('cases_region_idx').on(t.regionCode, t.openedAt, t.id),
  index('cases_lead_idx').on(t.leadUserId, t.status),
  index('cases_status_idx').on(t.status, t.nextReviewOn),
]);

export const caseCounters = pgTable('case_counters', {
  regionCode: text('region_code').notNull(),
  year: integer('year').notNull(),
  last: integer('last').notNull(),
}, (t) => [primaryKey({ columns: [t.regionCode, t.year] })]);

/** Reports the case was opened from or linked to later. */
export const caseReports = pgTable('case_reports', {
  caseId: uuid('case_id').notNull().references(() => cases.id, { onDelete: 'cascade' }),
  reportId: uuid('report_id').notNull().references(() => reports.id),
  linkedAt: instant('linked_at').notNull(),
  linkedBy: uuid('linked_by'),
}, (t) => [primaryKey({ columns: [t.caseId, t.reportId] }), index('case_reports_report_idx').on(t.reportId)]);

/** Household members and their relation to the children of concern. */
export const caseMembers = pgTable('case_members', {
  id: uuid('id').primaryKey().defaultRandom(),
  caseId: uuid('case_id').notNull().references(() => cases.id, { onDelete: 'cascade' }),
  personId: uuid('person_id').notNull().references(() => persons.id),
  /** child | mother | father | step_parent | sibling | grandparent | guardian | relative | other_adult */
  relation: text('relation').notNull(),
  /** a child the case is about (the others are household members) */
  subject: boolean('subject').notNull().default(false),
  livesInHousehold: boolean('lives_in_household').notNull().default(true),
  /** preschool | studying | working | neither | retired | unknown: for early warning (teenager neither studying nor working) */
  occupation: text('occupation').notNull().default('unknown'),
  schoolId: uuid('school_id').references(() => schools.id),
  addedAt: instant('added_at').notNull(),
  addedBy: uuid('added_by'),
  removedAt: instant('removed_at'),
}, (t) => [
  index('case_members_case_idx').on(t.caseId),
  index('case_members_person_idx').on(t.personId),
  uniqueIndex('case_members_active_key').on(t.caseId, t.personId).where(sql`${t.removedAt} is null`),
]);

/** Agencies contributing to a case (the lead agency has a row too). */
export const caseAgencies = pgTable('case_agencies', {
  caseId: uuid('case_id').notNull().references(() => cases.id, { onDelete: 'cascade' }),
  agencyType: text('agency_type').notNull(),
  unitId: uuid('unit_id').references(() => units.id),
  role: text('role').notNull(), // lead | contributing
  addedAt: instant('added_at').notNull(),
}, (t) => [primaryKey({ columns: [t.caseId, t.agencyType] })]);

/** Everything that happened to a case: status changes, approvals, reopening, transfers (the history). */
export const caseEvents = pgTable('case_events', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  caseId: uuid('case_id').notNull().references(() => cases.id, { onDelete: 'cascade' }),
  at: instant('at').notNull(),
  userId: uuid('user_id'),
  kind: text('kind').notNull(),
  fromStatus: text('from_status'),
  toStatus: text('to_status'),
  /** why (sensitive: shown to those who read the case, never logged) */
  note: text('note'),
  details: jsonb('details').$type<Record<string, unknown>>().notNull().default({}),
}, (t) => [index('case_events_case_idx').on(t.caseId, t.id)]);

/** A request for a supervisor's approval of the plan or of closure, and the decision. */
export const caseApprovals = pgTable('case_approvals', {
  id: uuid('id').primaryKey().defaultRandom(),
  caseId: uuid('case_id').notNull().references(() => cases.id, { onDelete: 'cascade' }),
  kind: text('kind').notNull(), // plan | closure
  /** for closure: the reason code */
  closeReason: text('close_reason'),
  note: text('note'),
  requestedBy: uuid('requested_by').notNull(),
  requestedAt: instant('requested_at').notNull(),
  decision: text('decision'), // approved | rejected (null: pending)
  decidedBy: uuid('decided_by'),
  decidedAt: instant('decided_at'),
  decisionNote: text('decision_note'),
}, (t) => [
  index('case_approvals_case_idx').on(t.caseId),
  uniqueIndex('case_approvals_one_pending').on(t.caseId).where(sql`${t.decision} is null`),
]);

/** Versions of the structured safety and risk assessment (items, weights, thresholds as data). */
export const assessmentInstruments = pgTable('assessment_instruments', {
  version: integer('version').primaryKey(),
  status: text('status').notNull(), // draft | active | retired
  definition: jsonb('definition').$type<Record<string, unknown>>().notNull(),
  note: text('note'),
  createdBy: uuid('created_by'),
  createdAt: instant('created_at').notNull(),
  activatedAt: instant('activated_at'),
}, (t) => [uniqueIndex('assessment_instruments_one_active').on(t.status).where(sql`${t.status} = 'active'`)]);

export const caseAssessments = pgTable('case_assessments', {
  id: uuid('id').primaryKey().defaultRandom(),
  /** order of recording: the latest assessment is the one with the highest seq, also when two share a time */
  seq: bigserial('seq', { mode: 'number' }).notNull(),
  caseId: uuid('case_id').notNull().references(() => cases.id, { onDelete: 'cascade' }),
  instrumentVersion: integer('instrument_version').notNull().references(() => assessmentInstruments.version),
  /** item code → answer (boolean or option code) */
  answers: jsonb('answers').$type<Record<string, unknown>>().notNull(),
  /** safety threats present */
  threats: text('threats').array().notNull().default(sql`'{}'::text[]`),
  safetyDecision: text('safety_decision').notNull(), // safe | conditionally_safe | unsafe
  score: integer('score').notNull(),
  /** level by score and thresholds, before overrides */
  scoredLevel: text('scored_level').notNull(),
  /** after policy and discretionary overrides */
  level: text('level').notNull(),
  overrideReason: text('override_reason'),
  /** why: items and their weights, thresholds, overrides (codes and numbers) */
  reasons: jsonb('reasons').$type<Record<string, unknown>[]>().notNull().default([]),
  assessedBy: uuid('assessed_by').notNull(),
  assessedAt: instant('assessed_at').notNull(),
}, (t) => [index('case_assessments_case_idx').on(t.caseId, t.assessedAt)]);

/** The plan: goals and the actions under them, with who is responsible and by when. */
export const casePlanItems = pgTable('case_plan_items', {
  id: uuid('id').primaryKey().defaultRandom(),
  caseId: uuid('case_id').notNull().references(() => cases.id, { onDelete: 'cascade' }),
  kind: text('kind').notNull(), // goal | action
  goalId: uuid('goal_id').references((): AnyPgColumn => casePlanItems.id),
  title: text('title').notNull(),
  responsibleAgency: text('responsible_agency'),
  responsibleUserId: uuid('responsible_user_id').references(() => users.id),
  dueOn: date('due_on', { mode: 'string' }),
  status: text('status').notNull(), // open | done | dropped
  doneAt: instant('done_at'),
  createdBy: uuid('created_by').notNull(),
  createdAt: instant('created_at').notNull(),
  updatedAt: instant('updated_at').notNull(),
}, (t) => [index('case_plan_items_case_idx').on(t.caseId)]);

export const caseVisits = pgTable('case_visits', {
  id: uuid('id').primaryKey().defaultRandom(),
  caseId: uuid('case_id').notNull().references(() => cases.id, { onDelete: 'cascade' }),
  visitedOn: date('visited_on', { mode: 'string' }).notNull(),
  /** who went (names as written: workers of several agencies) */
  visitors: text('visitors').notNull(),
  childrenSeen: boolean('children_seen').notNull(),
  observations: text('observations').notNull(),
  nextVisitOn: date('next_visit_on', { mode: 'string' }),
  createdBy: uuid('created_by').notNull(),
  createdAt: instant('created_at').notNull(),
}, (t) => [index('case_visits_case_idx').on(t.caseId, t.visitedOn)]);

export const caseNotes = pgTable('case_notes', {
  id: uuid('id').primaryKey().defaultRandom(),
  caseId: uuid('case_id').notNull().references(() => cases.id, { onDelete: 'cascade' }),
  /** normal: everyone on the case; restricted: the lead, the author's agency and territory-wide roles; confidential: the lead and the author */
  sensitivity: text('sensitivity').notNull(),
  body: text('body').notNull(),
  createdBy: uuid('created_by').notNull(),
  createdAt: instant('created_at').notNull(),
}, (t) => [index('case_notes_case_idx').on(t.caseId, t.createdAt)]);

/** Social and medical facts of the family, by section; each section is visible to the roles that need it. */
export const caseFacts = pgTable('case_facts', {
  id: uuid('id').primaryKey().defaultRandom(),
  caseId: uuid('case_id').notNull().references(() => cases.id, { onDelete: 'cascade' }),
  /** the member the fact is about; null: the household */
  personId: uuid('person_id').references(() => persons.id),
  section: text('section').notNull(), // social | housing | education | health | legal
  topic: text('topic').notNull(),
  body: text('body').notNull(),
  recordedOn: date('recorded_on', { mode: 'string' }).notNull(),
  createdBy: uuid('created_by').notNull(),
  createdAt: instant('created_at').notNull(),
}, (t) => [index('case_facts_case_idx').on(t.caseId, t.section)]);

export const caseReviews = pgTable('case_reviews', {
  id: uuid('id').primaryKey().defaultRandom(),
  caseId: uuid('case_id').notNull().references(() => cases.id, { onDelete: 'cascade' }),
  dueOn: date('due_on', { mode: 'string' }),
  heldOn: date('held_on', { mode: 'string' }).notNull(),
  /** continue | close | step_up | step_down */
  decision: text('decision').notNull(),
  summary: text('summary').notNull(),
  heldBy: uuid('held_by').notNull(),
  createdAt: instant('created_at').notNull(),
}, (t) => [index('case_reviews_case_idx').on(t.caseId, t.heldOn)]);

/** Transfer of case responsibility to another agency, with the family's consent recorded. */
export const caseTransfers = pgTable('case_transfers', {
  id: uuid('id').primaryKey().defaultRandom(),
  caseId: uuid('case_id').notNull().references(() => cases.id, { onDelete: 'cascade' }),
  fromAgencyType: text('from_agency_type').notNull(),
  fromUserId: uuid('from_user_id').notNull(),
  toAgencyType: text('to_agency_type').notNull(),
  toUnitId: uuid('to_unit_id').references(() => units.id),
  toUserId: uuid('to_user_id').references(() => users.id),
  reason: text('reason').notNull(),
  /** { given, givenBy (member person id or name), method: written | verbal, on (date) } */
  consent: jsonb('consent').$type<Record<string, unknown>>().notNull(),
  status: text('status').notNull(), // pending | accepted | declined | cancelled
  requestedBy: uuid('requested_by').notNull(),
  requestedAt: instant('requested_at').notNull(),
  decidedBy: uuid('decided_by'),
  decidedAt: instant('decided_at'),
  decisionNote: text('decision_note'),
}, (t) => [
  index('case_transfers_case_idx').on(t.caseId),
  uniqueIndex('case_transfers_one_pending').on(t.caseId).where(sql`${t.status} = 'pending'`),
]);

// ---------------------------------------------------------------- service network (issue 5)

/** Rehabilitation, crisis and psychological support centres, PMPK, shelters, legal aid… */
export const serviceProviders = pgTable('service_providers', {
  id: uuid('id').primaryKey().defaultRandom(),
  externalId: text('external_id').unique(),
  kind: text('kind').notNull(),
  nameKk: text('name_kk').notNull(),
  nameRu: text('name_ru').notNull(),
  nameEn: text('name_en').notNull(),
  /** service codes offered */
  services: text('services').array().notNull().default(sql`'{}'::text[]`),
  regionCode: text('region_code').notNull().references(() => regions.code),
  districtCode: text('district_code').references(() => districts.code),
  address: text('address'),
  phone: text('phone'),
  email: text('email'),
  lat: doublePrecision('lat'),
  lon: doublePrecision('lon'),
  ageMin: integer('age_min').notNull().default(0),
  ageMax: integer('age_max').notNull().default(18),
  languages: text('languages').array().notNull().default(sql`'{}'::text[]`),
  /** places (beds or weekly slots); null: not limited */
  capacity: integer('capacity'),
  /** places taken, as the provider last reported */
  occupancy: integer('occupancy').notNull().default(0),
  occupancyUpdatedAt: instant('occupancy_updated_at'),
  /** the provider's unit: its staff (service_provider role) answer referrals */
  unitId: uuid('unit_id').references(() => units.id),
  active: boolean('active').notNull().default(true),
  createdAt: instant('created_at').notNull(),
  updatedAt: instant('updated_at').notNull(),
}, (t) => [
  index('service_providers_region_idx').on(t.regionCode, t.kind),
  index('service_providers_unit_idx').on(t.unitId),
  check('service_providers_ages', sql`${t.ageMin} >= 0 and ${t.ageMax} <= 25 and ${t.ageMin} <= ${t.ageMax}`),
  check('service_providers_occupancy', sql`${t.occupancy} >= 0`),
]);

/** A referral from a case to a provider: sent → accepted | declined → delivered → feedback. */
export const referrals = pgTable('referrals', {
  id: uuid('id').primaryKey().defaultRandom(),
  caseId: uuid('case_id').notNull().references(() => cases.id),
  providerId: uuid('provider_id').notNull().references(() => serviceProviders.id),
  service: text('service').notNull(),
  /** the member the referral is for */
  personId: uuid('person_id').references(() => persons.id),
  urgency: text('urgency').notNull(), // routine | urgent
  /** what the provider needs to know (sensitive) */
  reason: text('reason').notNull(),
  status: text('status').notNull(), // sent | accepted | declined | delivered | completed | cancelled
  referredBy: uuid('referred_by').notNull(),
  referredAt: instant('referred_at').notNull(),
  decidedBy: uuid('decided_by'),
  decidedAt: instant('decided_at'),
  declineReason: text('decline_reason'),
  declineNote: text('decline_note'),
  deliveredAt: instant('delivered_at'),
  /** the provider's feedback to the case */
  feedback: text('feedback'),
  outcome: text('outcome'),
  feedbackAt: instant('feedback_at'),
  updatedAt: instant('updated_at').notNull(),
}, (t) => [
  index('referrals_case_idx').on(t.caseId),
  index('referrals_provider_idx').on(t.providerId, t.status),
  // one open referral per person, provider and service: two workers referring at once cannot both succeed
  uniqueIndex('referrals_open_key').on(t.caseId, t.personId, t.providerId, t.service).where(sql`${t.status} in ('sent', 'accepted')`),
]);

// ---------------------------------------------------------------- record linkage and early warning (issue 5)

/** One run of record linkage over the register. */
export const linkageRuns = pgTable('linkage_runs', {
  id: uuid('id').primaryKey().defaultRandom(),
  startedAt: instant('started_at').notNull(),
  finishedAt: instant('finished_at'),
  persons: integer('persons').notNull().default(0),
  pairsCompared: bigint('pairs_compared', { mode: 'number' }).notNull().default(0),
  candidates: integer('candidates').notNull().default(0),
  /** weights and thresholds used */
  params: jsonb('params').$type<Record<string, unknown>>().notNull().default({}),
  startedBy: uuid('started_by'),
});

/** A pair of person records that may be the same person, with each field's contribution. */
export const linkCandidates = pgTable('link_candidates', {
  id: uuid('id').primaryKey().defaultRandom(),
  /** the pair is stored once: personA < personB */
  personA: uuid('person_a').notNull().references(() => persons.id),
  personB: uuid('person_b').notNull().references(() => persons.id),
  score: doublePrecision('score').notNull(),
  /** field → { agreement, weight } */
  fields: jsonb('fields').$type<Record<string, unknown>>().notNull(),
  status: text('status').notNull(), // pending | merged | distinct
  runId: uuid('run_id').references(() => linkageRuns.id),
  createdAt: instant('created_at').notNull(),
  decidedBy: uuid('decided_by'),
  decidedAt: instant('decided_at'),
}, (t) => [
  uniqueIndex('link_candidates_pair').on(t.personA, t.personB),
  index('link_candidates_pending_idx').on(t.score).where(sql`${t.status} = 'pending'`),
  check('link_candidates_order', sql`${t.personA} < ${t.personB}`),
]);

/** A merge of one person record into another; `moved` lists every reference re-pointed, so it can be undone. */
export const personMerges = pgTable('person_merges', {
  id: uuid('id').primaryKey().defaultRandom(),
  survivorId: uuid('survivor_id').notNull().references(() => persons.id),
  mergedId: uuid('merged_id').notNull().references(() => persons.id),
  candidateId: uuid('candidate_id').references(() => linkCandidates.id),
  /** table → row keys re-pointed from merged to survivor */
  moved: jsonb('moved').$type<Record<string, unknown>>().notNull(),
  reason: text('reason'),
  mergedBy: uuid('merged_by').notNull(),
  mergedAt: instant('merged_at').notNull(),
  undoneBy: uuid('undone_by'),
  undoneAt: instant('undone_at'),
}, (t) => [index('person_merges_survivor_idx').on(t.survivorId), index('person_merges_merged_idx').on(t.mergedId)]);

/** Early-warning flags computed for children (the job recomputes them; each says why). */
export const riskFlags = pgTable('risk_flags', {
  personId: uuid('person_id').notNull().references(() => persons.id),
  kind: text('kind').notNull(), // repeat_report | sibling_reports | neet_teen | recent_case_closed | high_risk | school_absence
  /** the case or report the flag comes from, when there is one */
  caseId: uuid('case_id'),
  /** codes, numbers and ids that explain it (never names or narrative) */
  explanation: jsonb('explanation').$type<Record<string, unknown>>().notNull(),
  schoolId: uuid('school_id'),
  regionCode: text('region_code'),
  districtCode: text('district_code'),
  since: instant('since').notNull(),
  computedAt: instant('computed_at').notNull(),
}, (t) => [
  primaryKey({ columns: [t.personId, t.kind] }),
  index('risk_flags_school_idx').on(t.schoolId),
  index('risk_flags_district_idx').on(t.regionCode, t.districtCode),
]);
