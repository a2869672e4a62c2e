import { AGE_GROUPS, FACTOR_DOMAINS, LOCALES, RISK_FLAG_KINDS, RISK_LEVELS } from '@qorgau/core';
import { z } from 'zod';

const regionCode = z.string().regex(/^KZ-\d{2}$/, 'must be an ISO code like KZ-75');
const districtCode = z.string().regex(/^\d{9}$/, 'must be a 9-digit KATO code');
const isoDate = z.iso.date('must be a date YYYY-MM-DD');
const label = z.object({ kk: z.string(), ru: z.string(), en: z.string() });

// ---------------------------------------------------------------- a flag and why (codes, numbers, ids, dates: never names)

const reportRef = z.object({ id: z.string(), number: z.string(), receivedAt: z.string() });

export const explanationSchemas = {
  repeat_report: z.object({ windowMonths: z.number(), count: z.number(), reports: z.array(reportRef) }),
  sibling_reports: z.object({
    windowMonths: z.number(), count: z.number(), siblingIds: z.array(z.string()), caseIds: z.array(z.string()),
    reports: z.array(reportRef.extend({ siblingId: z.string() })),
  }),
  neet_teen: z.object({ age: z.number(), ageMin: z.number(), ageMax: z.number(), occupation: z.string(), caseId: z.string(), caseNumber: z.string() }),
  recent_case_closed: z.object({
    withinMonths: z.number(), previousCaseId: z.string(), previousCaseNumber: z.string(), closedAt: z.string(), closeReason: z.string().nullable(),
    trigger: z.enum(['case', 'report']), triggerId: z.string(), triggerNumber: z.string(), triggerAt: z.string(), days: z.number(),
  }),
  high_risk: z.object({
    level: z.enum(RISK_LEVELS), scoredLevel: z.string(), score: z.number(), assessedAt: z.string(), assessmentId: z.string(), caseId: z.string(), caseNumber: z.string(),
  }),
  school_absence: z.object({
    windowDays: z.number(), minConcerns: z.number(), count: z.number(),
    concerns: z.array(z.object({ id: z.string(), observedAt: z.string(), schoolId: z.string() })),
    assessment: z.object({ caseId: z.string(), caseNumber: z.string(), assessedAt: z.string(), item: z.string(), option: z.string() }).nullable(),
  }),
};

const common = { caseId: z.string().nullable(), schoolId: z.string().nullable(), since: z.string(), computedAt: z.string() };
export const flagSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('repeat_report'), explanation: explanationSchemas.repeat_report, ...common }),
  z.object({ kind: z.literal('sibling_reports'), explanation: explanationSchemas.sibling_reports, ...common }),
  z.object({ kind: z.literal('neet_teen'), explanation: explanationSchemas.neet_teen, ...common }),
  z.object({ kind: z.literal('recent_case_closed'), explanation: explanationSchemas.recent_case_closed, ...common }),
  z.object({ kind: z.literal('high_risk'), explanation: explanationSchemas.high_risk, ...common }),
  z.object({ kind: z.literal('school_absence'), explanation: explanationSchemas.school_absence, ...common }),
]);
export type FlagDto = z.infer<typeof flagSchema>;

export const personFlagsSchema = z.object({ personId: z.string(), items: z.array(flagSchema) });

export const caseFlagsSchema = z.object({
  caseId: z.string(),
  items: z.array(z.object({
    personId: z.string(), lastName: z.string(), firstName: z.string(), relation: z.string(), subject: z.boolean(), flags: z.array(flagSchema),
  })),
});

// ---------------------------------------------------------------- the risk register

export const registerQuery = z.object({
  regionCode: regionCode.optional(),
  districtCode: districtCode.optional(),
  schoolId: z.uuid('must be a school id').optional(),
  kind: z.enum(RISK_FLAG_KINDS).optional(),
  limit: z.coerce.number().int().min(1, 'from 1').max(200, 'at most 200').default(50),
  offset: z.coerce.number().int().min(0, 'from 0').max(1_000_000).default(0),
}).strict();
export type RegisterQuery = z.infer<typeof registerQuery>;

const byKind = z.object(Object.fromEntries(RISK_FLAG_KINDS.map((k) => [k, z.number()])) as Record<(typeof RISK_FLAG_KINDS)[number], z.ZodNumber>);

export const registerItemSchema = z.object({
  personId: z.string(), lastName: z.string(), firstName: z.string(), middleName: z.string().nullable(),
  birthDate: z.string().nullable(), birthYearApprox: z.number().nullable(), age: z.number().nullable(), sex: z.string().nullable(),
  schoolId: z.string().nullable(), schoolName: label.nullable(), regionCode: z.string().nullable(), districtCode: z.string().nullable(),
  flags: z.array(flagSchema),
});

export const registerSchema = z.object({
  /** analysts (statistics without case files) get the counts only, never names */
  countsOnly: z.boolean(),
  /** children with at least one flag (of `kind`, when given) */
  total: z.number(),
  byKind,
  byDistrict: z.array(z.object({ regionCode: z.string().nullable(), districtCode: z.string().nullable(), name: label.nullable(), children: z.number(), byKind })),
  bySchool: z.array(z.object({ schoolId: z.string(), name: label, districtCode: z.string(), children: z.number(), byKind })),
  /** more schools have flagged children than are listed (the largest are) */
  schoolsTruncated: z.boolean(),
  items: z.array(registerItemSchema).nullable(),
  nextOffset: z.number().nullable(),
  /** when the flags were last recomputed for everyone */
  computedAt: z.string().nullable(),
});
export type RegisterDto = z.infer<typeof registerSchema>;

// ---------------------------------------------------------------- profiles over closed cases

export const profilesQuery = z.object({
  from: isoDate,
  to: isoDate,
  regionCode: regionCode.optional(),
  format: z.enum(['json', 'csv', 'xlsx']).default('json'),
  locale: z.enum(LOCALES).default('ru'),
}).strict();
export type ProfilesQuery = z.infer<typeof profilesQuery>;

/** A published count: null with a mark where suppressed ('small': 1–4; 'protect': hidden so that a small one cannot be worked out). */
export const markedCount = z.object({ value: z.number().nullable(), mark: z.enum(['small', 'protect']).nullable() });

export const profileGroupSchema = z.object({
  /** all | age:<group> | sex:<sex> | <group>|<sex> */
  key: z.string(),
  ageGroup: z.enum(AGE_GROUPS).nullable(),
  sex: z.string().nullable(),
  children: markedCount,
  factors: z.array(z.object({ item: z.string(), domain: z.enum(FACTOR_DOMAINS), count: markedCount, share: z.number().nullable() })),
  domains: z.array(z.object({ domain: z.enum(FACTOR_DOMAINS), count: markedCount, share: z.number().nullable() })),
  /** the pairs of factors seen together most often (shown counts only), with lift = P(a∧b) / (P(a)·P(b)) */
  pairs: z.array(z.object({
    a: z.string(), b: z.string(), domainA: z.enum(FACTOR_DOMAINS), domainB: z.enum(FACTOR_DOMAINS),
    count: markedCount, share: z.number().nullable(), lift: z.number().nullable(),
  })),
});
export type ProfileGroup = z.infer<typeof profileGroupSchema>;

export const profilesSchema = z.object({
  from: z.string(), to: z.string(), regionCode: z.string().nullable(),
  /** values below this are never shown */
  threshold: z.number(),
  /** subject children of the cases closed in the period whose case had an assessment */
  children: markedCount,
  /** of those children, how many had no assessment (not in the profiles) */
  unassessed: markedCount,
  items: z.array(z.object({ code: z.string(), domain: z.enum(FACTOR_DOMAINS), label })),
  ageGroups: z.array(z.enum(AGE_GROUPS)),
  sexes: z.array(z.string()),
  groups: z.array(profileGroupSchema),
});
export type ProfilesDto = z.infer<typeof profilesSchema>;
