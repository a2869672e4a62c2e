import { CHANNELS, PERPETRATOR_RELATIONS, PLACES, PRIORITIES, REPORTER_RELATIONS, SEXES, VIOLENCE_TYPES } from '@qorgau/core';
import { z } from 'zod';
import { isoDate, newPersonSchema, personRefSchema, personSchema } from '../persons/schema.ts';
import { taskSchema } from '../tasks/schema.ts';

export const REPORT_STATUSES = ['registered', 'in_progress', 'closed'] as const;

const regionCode = z.string().regex(/^KZ-\d{2}$/, 'must be an ISO code like KZ-75');
const districtCode = z.string().regex(/^\d{9}$/, 'must be a 9-digit KATO code');
const instant = z.iso.datetime({ offset: true, message: 'must be an ISO 8601 instant with offset, e.g. 2026-11-20T10:15:00+05:00' });

const reporterSchema = z.union([
  z.object({ anonymous: z.literal(true) }).strict(),
  z.object({
    anonymous: z.literal(false).optional(),
    lastName: z.string().trim().max(100).default(''),
    firstName: z.string().trim().min(1, 'required').max(100),
    middleName: z.string().trim().max(100).nullable().optional(),
    relation: z.enum(REPORTER_RELATIONS),
    phone: z.string().trim().regex(/^\+?[\d\s()-]{5,20}$/, 'must be a phone number').nullable().optional(),
    organisation: z.string().trim().max(200).nullable().optional(),
  }),
]);

const perpetratorSchema = z.union([
  z.object({ id: z.string().uuid('must be a person id'), relation: z.enum(PERPETRATOR_RELATIONS) }).strict(),
  // an alleged perpetrator who is not identified: only the relation (and sex) is known
  z.object({ relation: z.enum(PERPETRATOR_RELATIONS), sex: z.enum(SEXES).nullable().optional() }).strict(),
  z.intersection(newPersonSchema, z.object({ relation: z.enum(PERPETRATOR_RELATIONS) })),
]);

const qualificationSchema = z.object({
  code: z.enum(['criminal', 'administrative']),
  article: z.string().trim().regex(/^\d{1,3}(-\d{1,2})?( ч\.\s?\d| part \d)?$/, 'must be an article number such as 120 or 109-1'),
});

export const incidentInput = z.object({
  types: z.array(z.enum(VIOLENCE_TYPES)).min(1, 'at least one type').max(VIOLENCE_TYPES.length)
    .refine((t) => new Set(t).size === t.length, 'types must not repeat'),
  occurredOn: isoDate.nullable().optional(),
  place: z.enum(PLACES).nullable().optional(),
  districtCode: districtCode.nullable().optional(),
  settlementCode: districtCode.nullable().optional(),
  schoolId: z.string().uuid().nullable().optional(),
  injuries: z.string().trim().max(5000).nullable().optional(),
  legalQualification: z.array(qualificationSchema).max(10).optional(),
  victims: z.array(personRefSchema).min(1, 'at least one victim').max(30),
  perpetrators: z.array(perpetratorSchema).max(30).default([]),
});

export const createReportBody = z.object({
  channel: z.enum(CHANNELS),
  regionCode,
  districtCode: districtCode.nullable().optional(),
  receivedAt: instant.optional(),
  narrative: z.string().trim().min(1, 'required').max(20_000, 'at most 20,000 characters'),
  reporter: reporterSchema,
  screening: z.object({
    immediateDanger: z.boolean().optional(),
    childInjured: z.boolean().optional(),
    perpetratorHasAccess: z.boolean().optional(),
  }).catchall(z.boolean()).default({}),
  incidents: z.array(incidentInput).min(1, 'at least one incident').max(20),
  externalId: z.string().trim().min(1).max(100).optional(),
});
export type CreateReportInput = z.infer<typeof createReportBody>;

const personInReport = personSchema.extend({ relation: z.string().nullable() });

export const incidentSchema = z.object({
  id: z.string(),
  types: z.array(z.string()),
  occurredOn: z.string().nullable(),
  place: z.string().nullable(),
  regionCode: z.string(),
  districtCode: z.string().nullable(),
  settlementCode: z.string().nullable(),
  schoolId: z.string().nullable(),
  injuries: z.string().nullable(),
  legalQualification: z.array(z.object({ code: z.string(), article: z.string() })),
  victims: z.array(personInReport),
  perpetrators: z.array(personInReport),
});


export const reportSchema = z.object({
  id: z.string(),
  number: z.string(),
  status: z.enum(REPORT_STATUSES),
  priority: z.enum(PRIORITIES),
  channel: z.enum(CHANNELS),
  regionCode: z.string(),
  districtCode: z.string().nullable(),
  receivedAt: z.string(),
  /** null when withheld from the caller (sensitive details, see `redacted`) */
  narrative: z.string().nullable(),
  reporter: z.record(z.string(), z.unknown()).nullable(),
  screening: z.record(z.string(), z.boolean()),
  sensitive: z.boolean(),
  redacted: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
  incidents: z.array(incidentSchema),
  /** the response protocol version the report follows */
  protocolVersion: z.number().nullable(),
  tasks: z.array(taskSchema),
});
export type ReportDto = z.infer<typeof reportSchema>;

export const reportSummarySchema = reportSchema
  .pick({ id: true, number: true, status: true, priority: true, channel: true, regionCode: true, districtCode: true, receivedAt: true })
  .extend({ types: z.array(z.string()), victimCount: z.number() });
export type ReportSummary = z.infer<typeof reportSummarySchema>;

export const listReportsQuery = z.object({
  regionCode: regionCode.optional(),
  districtCode: districtCode.optional(),
  status: z.enum(REPORT_STATUSES).optional(),
  type: z.enum(VIOLENCE_TYPES).optional(),
  channel: z.enum(CHANNELS).optional(),
  priority: z.enum(PRIORITIES).optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type ListReportsQuery = z.infer<typeof listReportsQuery>;
