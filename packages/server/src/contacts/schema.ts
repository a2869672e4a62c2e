import { CALLER_TYPES, CONTACT_OUTCOMES, SEXES } from '@qorgau/core';
import { z } from 'zod';
import { createReportBody, incidentInput } from '../reports/schema.ts';

export const CONTACT_CHANNELS = ['hotline', 'chat'] as const;

const instant = z.iso.datetime({ offset: true, message: 'must be an ISO 8601 instant with offset' });

export const createContactBody = z.object({
  /** the console's draft id: saving twice (retry after a network error) keeps one contact */
  clientId: z.string().trim().min(8).max(64).regex(/^[\w-]+$/, 'letters, digits, - and _').optional(),
  channel: z.enum(CONTACT_CHANNELS).default('hotline'),
  regionCode: z.string().regex(/^KZ-\d{2}$/, 'must be an ISO code like KZ-75').nullable().optional(),
  startedAt: instant,
  endedAt: instant.nullable().optional(),
  callerType: z.enum(CALLER_TYPES),
  child: z.union([
    z.object({ personId: z.string().uuid('must be a person id') }).strict(),
    z.object({
      firstName: z.string().trim().max(100).nullable().optional(),
      approxAge: z.number().int().min(0).max(25).nullable().optional(),
      sex: z.enum(SEXES).nullable().optional(),
    }).strict(),
  ]).nullable().optional(),
  chiCode: z.string().trim().min(3).max(120),
  screening: z.record(z.string().max(60), z.boolean()).default({}),
  outcome: z.enum(CONTACT_OUTCOMES),
  /** the report that the contact led to: registered together with the contact */
  report: createReportBody.optional(),
  /** an existing report the contact added to (outcome added_to_report) */
  reportId: z.string().uuid().nullable().optional(),
  /** with outcome added_to_report: the incident added to that report, in the contact's transaction */
  incident: incidentInput.optional(),
  summary: z.string().trim().max(10_000).nullable().optional(),
}).superRefine((b, ctx) => {
  if (b.endedAt && b.endedAt < b.startedAt) ctx.addIssue({ code: 'custom', path: ['endedAt'], message: 'must not be before startedAt' });
  if (b.outcome === 'report_registered' && !b.report) ctx.addIssue({ code: 'custom', path: ['report'], message: 'required when the outcome is report_registered' });
  if (b.outcome !== 'report_registered' && b.report) ctx.addIssue({ code: 'custom', path: ['outcome'], message: 'must be report_registered when a report is included' });
  if (b.outcome === 'added_to_report' && !b.reportId) ctx.addIssue({ code: 'custom', path: ['reportId'], message: 'required when the outcome is added_to_report' });
  if (b.incident && b.outcome !== 'added_to_report') ctx.addIssue({ code: 'custom', path: ['incident'], message: 'only with the outcome added_to_report' });
});
export type CreateContactInput = z.infer<typeof createContactBody>;

export const contactSchema = z.object({
  id: z.string(),
  channel: z.string(),
  regionCode: z.string().nullable(),
  startedAt: z.string(),
  endedAt: z.string().nullable(),
  durationSeconds: z.number().nullable(),
  callerType: z.string(),
  childPersonId: z.string().nullable(),
  childFirstName: z.string().nullable(),
  childApproxAge: z.number().nullable(),
  childSex: z.string().nullable(),
  chiCode: z.string(),
  screening: z.record(z.string(), z.boolean()),
  outcome: z.string(),
  reportId: z.string().nullable(),
  reportNumber: z.string().nullable(),
  summary: z.string().nullable(),
  operatorId: z.string(),
  createdAt: z.string(),
});
export type ContactDto = z.infer<typeof contactSchema>;

export const listContactsQuery = z.object({
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
  mine: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
  outcome: z.enum(CONTACT_OUTCOMES).optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
