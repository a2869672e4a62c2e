import { PROVIDER_KINDS, REFERRAL_DECLINE_REASONS, REFERRAL_OUTCOMES, REFERRAL_STATUSES, SERVICE_CODES } from '@qorgau/core';
import { z } from 'zod';

export const REFERRAL_URGENCIES = ['routine', 'urgent'] as const;
export type ReferralUrgency = (typeof REFERRAL_URGENCIES)[number];

export const createReferralBody = z.object({
  providerId: z.uuid('must be a provider id'),
  service: z.enum(SERVICE_CODES, { message: `must be one of ${SERVICE_CODES.join(', ')}` }),
  /** the household member the referral is for */
  personId: z.uuid('must be the id of a member of the case'),
  urgency: z.enum(REFERRAL_URGENCIES, { message: 'must be routine or urgent' }).default('routine'),
  /** what the provider needs to know to help (the provider sees this, not the case) */
  reason: z.string().trim().min(1, 'say what the provider needs to know').max(5000, 'at most 5,000 characters'),
}).strict();
export type CreateReferralInput = z.infer<typeof createReferralBody>;

export const acceptBody = z.object({
  /** accept although the provider reports no free place */
  overCapacity: z.boolean().default(false),
}).strict();

export const declineBody = z.object({
  reason: z.enum(REFERRAL_DECLINE_REASONS, { message: `must be one of ${REFERRAL_DECLINE_REASONS.join(', ')}` }),
  note: z.string().trim().max(2000, 'at most 2,000 characters').optional(),
}).strict().refine((b) => b.reason !== 'other' || !!b.note, { path: ['note'], message: 'explain the reason when it is "other"' });

export const deliverBody = z.object({}).strict();

export const feedbackBody = z.object({
  outcome: z.enum(REFERRAL_OUTCOMES, { message: `must be one of ${REFERRAL_OUTCOMES.join(', ')}` }),
  feedback: z.string().trim().min(1, 'write what was done and what the case worker should know').max(5000, 'at most 5,000 characters'),
}).strict();

export const cancelBody = z.object({
  note: z.string().trim().min(1, 'say why the referral is cancelled').max(2000, 'at most 2,000 characters'),
}).strict();

export const listQueueQuery = z.object({
  /** 'open': sent, accepted or delivered — what the provider still has to do (answer, deliver, give feedback) */
  status: z.enum([...REFERRAL_STATUSES, 'open']).optional(),
  providerId: z.uuid().optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});
export type ListQueueQuery = z.infer<typeof listQueueQuery>;

const label = z.object({ kk: z.string(), ru: z.string(), en: z.string() });

export const referralSchema = z.object({
  id: z.string(),
  caseId: z.string(),
  caseNumber: z.string(),
  status: z.enum(REFERRAL_STATUSES),
  service: z.enum(SERVICE_CODES),
  urgency: z.enum(REFERRAL_URGENCIES),
  reason: z.string(),
  provider: z.object({ id: z.string(), kind: z.enum(PROVIDER_KINDS), name: label, phone: z.string().nullable(), capacity: z.number().nullable(), occupancy: z.number(), freePlaces: z.number().nullable() }),
  /** the member referred: only what the provider needs (name, birth date, age) */
  person: z.object({ id: z.string(), lastName: z.string(), firstName: z.string(), middleName: z.string().nullable(), birthDate: z.string().nullable(), age: z.number().nullable(), sex: z.string().nullable() }).nullable(),
  referredAt: z.string(),
  referredBy: z.object({ id: z.string(), name: z.string().nullable(), agencyType: z.string().nullable(), unitName: label.nullable(), email: z.string().nullable() }),
  decidedAt: z.string().nullable(),
  decidedByName: z.string().nullable(),
  declineReason: z.enum(REFERRAL_DECLINE_REASONS).nullable(),
  /** the provider's note on a decline, or the case side's note on a cancellation */
  declineNote: z.string().nullable(),
  deliveredAt: z.string().nullable(),
  feedback: z.string().nullable(),
  outcome: z.enum(REFERRAL_OUTCOMES).nullable(),
  feedbackAt: z.string().nullable(),
  updatedAt: z.string(),
  /** what the reader may do now */
  rights: z.object({ accept: z.boolean(), decline: z.boolean(), deliver: z.boolean(), feedback: z.boolean(), cancel: z.boolean() }),
});
export type ReferralDto = z.infer<typeof referralSchema>;

export const caseReferralsInfoSchema = z.object({
  id: z.string(), number: z.string(), regionCode: z.string(), districtCode: z.string().nullable(),
  /** the reader works on the case and it is not closed */
  canRefer: z.boolean(),
});
export type CaseReferralsInfo = z.infer<typeof caseReferralsInfoSchema>;

export const referralListSchema = z.object({ items: z.array(referralSchema), total: z.number(), limit: z.number(), offset: z.number() });

/** Answer of an accept: the referral, and whether the provider was full when it accepted. */
export const acceptResultSchema = referralSchema.extend({ overCapacity: z.boolean() });
