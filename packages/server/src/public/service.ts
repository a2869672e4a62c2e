// The public form (API.md "Public side"): anyone, without an account, reports a concern and gets
// a tracking code that shows the status only. The report enters the register like any other,
// channel `online`, for the hotline to triage.
import { LOCALES, newTrackingCode, normalizeTrackingCode, VIOLENCE_TYPES } from '@qorgau/core';
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Actor } from '../access/policy.ts';
import { writeAudit } from '../audit/audit.ts';
import { reports } from '../db/schema.ts';
import type { Deps } from '../deps.ts';
import { auditCtx, type Ctx } from '../http/context.ts';
import { AppError } from '../http/errors.ts';
import type { CreateReportInput } from '../reports/schema.ts';
import { createReport } from '../reports/service.ts';

/** Who the register records as the author of public submissions. */
export const PUBLIC_ACTOR: Actor = {
  id: '00000000-0000-0000-0000-000000000000', username: 'public', fullName: 'Public form', role: 'hotline_operator',
  agencyType: 'hotline', regionCode: null, districtCode: null, schoolId: null, unitId: null, isUnitHead: false, locale: 'ru',
};

/**
 * The submitter's address is not written to the audit trail: the form promises anonymity.
 * Abuse is contained by the per-address rate limits, which are kept in memory only.
 */
const WITHHELD_ADDRESS = '';

export const PUBLIC_NARRATIVE_MAX = 5_000;
export const PUBLIC_BODY_LIMIT = 32 * 1024;

export const publicReportBody = z.object({
  regionCode: z.string().regex(/^KZ-\d{2}$/, 'must be an ISO code like KZ-75'),
  narrative: z.string().trim().min(1, 'required').max(PUBLIC_NARRATIVE_MAX, 'at most 5,000 characters'),
  types: z.array(z.enum(VIOLENCE_TYPES)).min(1, 'at least one type').max(VIOLENCE_TYPES.length)
    .refine((t) => new Set(t).size === t.length, 'types must not repeat').optional(),
  /** how to reach the reporter, if they want to be reached: a phone number, an e-mail address or a few words */
  contact: z.string().trim().max(200, 'at most 200 characters').optional(),
  /** the language the form was filled in */
  locale: z.enum(LOCALES).optional(),
});
export type PublicReportInput = z.infer<typeof publicReportBody>;

const PHONE = /^\+?[\d\s()-]{5,20}$/;
const EMAIL = /^[^\s@<>()[\]\\,;:"]{1,64}@[^\s@<>()[\]\\,;:"]{1,180}\.[^\s@<>()[\]\\,;:".]{2,}$/;

/**
 * The reporter as stored: anonymous, or "someone who left a way to reach them". The contact is
 * kept as typed (control characters removed) with its kind, so the hotline can call or write back.
 */
export function publicReporter(contact: string | undefined, locale?: string): CreateReportInput['reporter'] {
  // eslint-disable-next-line no-control-regex
  const c = (contact ?? '').replace(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]+/g, ' ').trim();
  if (!c) return { anonymous: true };
  const digits = c.replace(/\D/g, '').length;
  const kind = PHONE.test(c) && digits >= 5 ? 'phone' : EMAIL.test(c) ? 'email' : 'text';
  const reporter = {
    anonymous: false as const, lastName: '', firstName: 'contact', middleName: null, relation: 'other' as const, organisation: null,
    phone: kind === 'phone' ? c : null,
    email: kind === 'email' ? c : null,
    contact: c, contactKind: kind, via: 'public_form',
    // the language to answer in
    locale: locale ?? null,
  };
  return reporter;
}

function publicCtx(deps: Deps, requestId: string): Ctx {
  return { ...deps, actor: PUBLIC_ACTOR, ip: WITHHELD_ADDRESS, requestId, now: deps.clock.now() };
}

export async function submitPublicReport(deps: Deps, requestId: string, input: PublicReportInput): Promise<{ trackingCode: string }> {
  const ctx = publicCtx(deps, requestId);
  const trackingCode = newTrackingCode();
  const report: CreateReportInput = {
    channel: 'online',
    regionCode: input.regionCode,
    narrative: input.narrative,
    reporter: publicReporter(input.contact, input.locale),
    screening: {},
    // no victims: a child named on a public form is identified by the hotline, not by the form
    incidents: [{ types: input.types ?? ['other'], victims: [], perpetrators: [] }],
  };
  await createReport(ctx, report, { publicSubmission: { trackingCode } });
  return { trackingCode };
}

const notFound = () => new AppError('not_found', 'No report has this tracking code. Check the code and try again.');

export async function publicReportStatus(deps: Deps, requestId: string, typed: string): Promise<{ status: string }> {
  const code = normalizeTrackingCode(typed);
  if (!code) throw notFound();
  const ctx = publicCtx(deps, requestId);
  const [row] = await ctx.db.select({ id: reports.id, status: reports.status }).from(reports).where(eq(reports.trackingCode, code));
  if (!row) throw notFound();
  await writeAudit(ctx.db, auditCtx(ctx), { action: 'read', entityType: 'report', entityId: row.id, details: { via: 'tracking_code', fields: ['status'] } });
  return { status: row.status };
}
