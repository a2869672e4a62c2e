// Notifications: in-app rows and queued emails, written in the transaction of what they report.
// They carry codes and ids only (report number, task action, agency, times, escalation level);
// the words are composed in each reader's language by core's notificationText, so a child's
// name or the narrative can never reach a notification, an email or a log line.
import { randomUUID } from 'node:crypto';
import {
  AGENCY_TYPES, CONCERN_CATEGORIES, ESCALATION_LEVELS, LOCALES, NOTIFICATION_KINDS, PRIORITIES, TASK_ACTIONS, notificationEmail,
  type AgencyType, type ConcernCategory, type EscalationLevel, type Locale, type NotificationKind, type Priority, type TaskAction,
} from '@qorgau/core';
import { and, count, desc, eq, inArray, isNull, lt, sql } from 'drizzle-orm';
import { z } from 'zod';
import { writeAudit } from '../audit/audit.ts';
import type { Config } from '../config/config.ts';
import { rows, type Executor } from '../db/client.ts';
import { emailOutbox, notificationPreferences, notifications, users } from '../db/schema.ts';
import { auditCtx, type Ctx } from '../http/context.ts';
import { notFound, validation } from '../http/errors.ts';

/** The PostgreSQL channel on which a committed notification is announced; the payload is the user id. */
export const NOTIFY_CHANNEL = 'qorgau_notifications';

export type NotificationParams = {
  reportNumber?: string;
  action?: TaskAction;
  agencyType?: AgencyType;
  dueAt?: string;
  level?: EscalationLevel;
  step?: number;
  priority?: Priority;
  conferenceAt?: string;
  /** a school's safeguarding concern: its id and category codes, never the child or the narrative */
  concernId?: string;
  categories?: ConcernCategory[];
  /** a family case: its id and number, never the family's names */
  caseId?: string;
  caseNumber?: string;
  /** a referral to a provider (its id opens the provider's queue) */
  referralId?: string;
};

export type NotificationInput = {
  userId: string;
  kind: NotificationKind;
  params: NotificationParams;
  reportId?: string | null;
  taskId?: string | null;
};

/** Kinds that are emailed unless the user turned them off; the rest only when turned on. */
export const EMAIL_BY_DEFAULT: readonly NotificationKind[] = [
  'task_assigned', 'task_escalated', 'conference_invited', 'concern_new', 'case_assigned', 'case_approval_requested', 'case_transfer_requested', 'referral_new',
];

export type Preference = { kind: NotificationKind; inApp: boolean; email: boolean };

export function defaultPreference(kind: NotificationKind): Preference {
  return { kind, inApp: true, email: EMAIL_BY_DEFAULT.includes(kind) };
}

// at most this many rows per statement: a national sweep stays a handful of queries, far below
// PostgreSQL's limit of 65 535 parameters
const CHUNK = 1000;

function chunks<T>(list: T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}

const iso = (v: unknown) => (typeof v === 'string' && !Number.isNaN(Date.parse(v)) ? new Date(v).toISOString() : undefined);
const oneOf = <T extends string>(values: readonly T[], v: unknown): T | undefined => (values as readonly unknown[]).includes(v) ? (v as T) : undefined;

const isUuidText = (v: unknown): v is string => typeof v === 'string' && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(v);

/** Keep only the known parameters with valid values: nothing else (a name, say) is ever stored. */
export function cleanParams(p: NotificationParams): NotificationParams {
  const out: NotificationParams = {};
  if (typeof p.reportNumber === 'string' && /^[\w-]{1,40}$/.test(p.reportNumber)) out.reportNumber = p.reportNumber;
  const action = oneOf(TASK_ACTIONS, p.action);
  if (action) out.action = action;
  const agencyType = oneOf(AGENCY_TYPES, p.agencyType);
  if (agencyType) out.agencyType = agencyType;
  const dueAt = iso(p.dueAt);
  if (dueAt) out.dueAt = dueAt;
  const level = oneOf(ESCALATION_LEVELS, p.level);
  if (level) out.level = level;
  if (typeof p.step === 'number' && Number.isInteger(p.step) && p.step > 0 && p.step < 100) out.step = p.step;
  const priority = oneOf(PRIORITIES, p.priority);
  if (priority) out.priority = priority;
  const conferenceAt = iso(p.conferenceAt);
  if (conferenceAt) out.conferenceAt = conferenceAt;
  if (isUuidText(p.concernId)) out.concernId = p.concernId;
  if (isUuidText(p.caseId)) out.caseId = p.caseId;
  if (typeof p.caseNumber === 'string' && /^[\w-]{1,40}$/.test(p.caseNumber)) out.caseNumber = p.caseNumber;
  if (isUuidText(p.referralId)) out.referralId = p.referralId;
  if (Array.isArray(p.categories)) {
    const categories = [...new Set(p.categories.filter((c) => oneOf(CONCERN_CATEGORIES, c)))];
    if (categories.length) out.categories = categories;
  }
  return out;
}

/** Where an email's link leads: the report, the family case, the referral queue, the school's concern, or the inbox. */
export function linkFor(publicUrl: string, reportId: string | null | undefined, params: Pick<NotificationParams, 'concernId' | 'caseId' | 'referralId'> = {}): string {
  const base = publicUrl.replace(/\/+$/, '');
  if (params.caseId) return `${base}/cases/${params.caseId}`;
  if (reportId) return `${base}/reports/${reportId}`;
  if (params.referralId) return `${base}/referrals`;
  return params.concernId ? `${base}/concerns/${params.concernId}` : `${base}/inbox`;
}

function messageIdFor(publicUrl: string): string {
  let host = 'qorgau.local';
  try {
    host = new URL(publicUrl).hostname || host;
  } catch {
    // keep the default
  }
  return `<${randomUUID()}@${host}>`;
}

/**
 * Insert in-app notifications and queue emails, in the caller's transaction; respects each user's
 * preferences (defaults: in-app for every kind, email for task_assigned, task_escalated,
 * conference_invited and concern_new). Set-based: a few statements whatever the number of entries. Inactive and
 * unknown users are skipped, and so are repeats of the same (user, kind, report, task) in one call.
 * Live listeners are signalled with pg_notify, which PostgreSQL delivers on commit.
 */
export async function notify(tx: Executor, now: Date, config: Pick<Config, 'publicUrl'>, entries: NotificationInput[]): Promise<void> {
  if (entries.length === 0) return;
  const seen = new Set<string>();
  const unique = entries.filter((e) => {
    const key = `${e.userId}|${e.kind}|${e.reportId ?? ''}|${e.taskId ?? ''}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  const userIds = [...new Set(unique.map((e) => e.userId))];
  const kinds = [...new Set(unique.map((e) => e.kind))];

  const recipients = new Map<string, { email: string | null; locale: Locale }>();
  const prefs = new Map<string, { inApp: boolean; email: boolean }>();
  for (const ids of chunks(userIds)) {
    const found = await tx.select({ id: users.id, email: users.email, locale: users.locale }).from(users)
      .where(and(inArray(users.id, ids), eq(users.active, true)));
    for (const u of found) recipients.set(u.id, { email: u.email?.trim() || null, locale: oneOf(LOCALES, u.locale) ?? 'ru' });
    const set = await tx.select().from(notificationPreferences)
      .where(and(inArray(notificationPreferences.userId, ids), inArray(notificationPreferences.kind, kinds)));
    for (const p of set) prefs.set(`${p.userId}|${p.kind}`, { inApp: p.inApp, email: p.email });
  }

  type Planned = { entry: NotificationInput; params: NotificationParams; inApp: boolean; emailTo: string | null; locale: Locale; id: number | null };
  const planned: Planned[] = [];
  for (const entry of unique) {
    const r = recipients.get(entry.userId);
    if (!r) continue;
    const pref = prefs.get(`${entry.userId}|${entry.kind}`) ?? defaultPreference(entry.kind);
    const emailTo = pref.email ? r.email : null;
    if (!pref.inApp && !emailTo) continue;
    planned.push({ entry, params: cleanParams(entry.params), inApp: pref.inApp, emailTo, locale: r.locale, id: null });
  }

  const inApp = planned.filter((p) => p.inApp);
  if (inApp.length) {
    // ids drawn first so that each email can point at its notification without relying on the
    // order of RETURNING
    const ids = await rows<{ id: string | number }>(tx, sql`select nextval(pg_get_serial_sequence('notifications', 'id')) as id from generate_series(1, ${inApp.length}::int)`);
    inApp.forEach((p, i) => { p.id = Number(ids[i]?.id); });
    for (const part of chunks(inApp)) {
      await tx.insert(notifications).values(part.map((p) => ({
        id: p.id as number,
        userId: p.entry.userId,
        kind: p.entry.kind,
        params: p.params,
        reportId: p.entry.reportId ?? null,
        taskId: p.entry.taskId ?? null,
        createdAt: now,
      })));
    }
  }

  const emails = planned.filter((p) => p.emailTo);
  for (const part of chunks(emails)) {
    await tx.insert(emailOutbox).values(part.map((p) => {
      const mail = notificationEmail(p.entry.kind, p.params, p.locale, linkFor(config.publicUrl, p.entry.reportId, p.params));
      return {
        messageId: messageIdFor(config.publicUrl),
        toAddress: p.emailTo as string,
        subject: mail.subject,
        textBody: mail.text,
        notificationId: p.id,
        createdAt: now,
        nextAttemptAt: now,
      };
    }));
  }

  const signalled = [...new Set(inApp.map((p) => p.entry.userId))];
  for (const ids of chunks(signalled)) {
    await tx.execute(sql`select pg_notify(${NOTIFY_CHANNEL}, ${users.id}::text) from ${users} where ${inArray(users.id, ids)}`);
  }
}

// ---------------------------------------------------------------- the reader's side

export const notificationSchema = z.object({
  id: z.number().int(),
  kind: z.enum(NOTIFICATION_KINDS),
  params: z.record(z.string(), z.unknown()),
  reportId: z.string().nullable(),
  taskId: z.string().nullable(),
  createdAt: z.string(),
  readAt: z.string().nullable(),
});
export type NotificationDto = z.infer<typeof notificationSchema>;

type NotificationRow = typeof notifications.$inferSelect;

export function toNotificationDto(n: NotificationRow): NotificationDto {
  return {
    id: n.id,
    kind: oneOf(NOTIFICATION_KINDS, n.kind) ?? 'task_new',
    params: n.params,
    reportId: n.reportId,
    taskId: n.taskId,
    createdAt: n.createdAt.toISOString(),
    readAt: n.readAt?.toISOString() ?? null,
  };
}

export const listNotificationsQuery = z.object({
  unread: z.enum(['true', 'false'], 'must be true or false').transform((v) => v === 'true').optional(),
  cursor: z.string().regex(/^\d{1,18}$/, 'must be a cursor returned by a previous page').optional(),
  limit: z.coerce.number().int().min(1).max(100).default(30),
});
export type ListNotificationsQuery = z.infer<typeof listNotificationsQuery>;

export async function unreadCount(ex: Executor, userId: string): Promise<number> {
  const [r] = await ex.select({ n: count() }).from(notifications).where(and(eq(notifications.userId, userId), isNull(notifications.readAt)));
  return r?.n ?? 0;
}

/** The signed-in user's own notifications, newest first. */
export async function listNotifications(ctx: Ctx, q: ListNotificationsQuery): Promise<{ items: NotificationDto[]; nextCursor: string | null; unread: number }> {
  const where = and(
    eq(notifications.userId, ctx.actor.id),
    q.unread ? isNull(notifications.readAt) : undefined,
    q.cursor ? lt(notifications.id, Number(q.cursor)) : undefined,
  );
  const found = await ctx.db.select().from(notifications).where(where).orderBy(desc(notifications.id)).limit(q.limit + 1);
  const page = found.slice(0, q.limit);
  const last = page[page.length - 1];
  return {
    items: page.map(toNotificationDto),
    nextCursor: found.length > q.limit && last ? String(last.id) : null,
    unread: await unreadCount(ctx.db, ctx.actor.id),
  };
}

/** Mark one of the user's notifications read; someone else's is "not found". */
export async function markRead(ctx: Ctx, id: number): Promise<NotificationDto> {
  const [row] = await ctx.db.update(notifications)
    .set({ readAt: sql`coalesce(${notifications.readAt}, ${ctx.now.toISOString()}::timestamptz)` })
    .where(and(eq(notifications.id, id), eq(notifications.userId, ctx.actor.id)))
    .returning();
  if (!row) throw notFound('notification');
  return toNotificationDto(row);
}

export async function markAllRead(ctx: Ctx): Promise<{ updated: number }> {
  const done = await ctx.db.update(notifications).set({ readAt: ctx.now })
    .where(and(eq(notifications.userId, ctx.actor.id), isNull(notifications.readAt)))
    .returning({ id: notifications.id });
  return { updated: done.length };
}

export const preferenceSchema = z.object({ kind: z.enum(NOTIFICATION_KINDS), inApp: z.boolean(), email: z.boolean() });

export const putPreferencesBody = z.array(preferenceSchema).min(1, 'send at least one kind').max(NOTIFICATION_KINDS.length * 2);

/** One row per kind, the user's choice or the default. */
export async function getPreferences(ex: Executor, userId: string): Promise<Preference[]> {
  const set = await ex.select().from(notificationPreferences).where(eq(notificationPreferences.userId, userId));
  return NOTIFICATION_KINDS.map((kind) => {
    const p = set.find((s) => s.kind === kind);
    return p ? { kind, inApp: p.inApp, email: p.email } : defaultPreference(kind);
  });
}

export async function setPreferences(ctx: Ctx, input: Preference[]): Promise<Preference[]> {
  const kinds = input.map((p) => p.kind);
  const twice = kinds.find((k, i) => kinds.indexOf(k) !== i);
  if (twice) throw validation([{ path: 'body', message: `the kind ${twice} is listed twice` }], `The kind ${twice} is listed twice.`);
  await ctx.db.insert(notificationPreferences)
    .values(input.map((p) => ({ userId: ctx.actor.id, kind: p.kind, inApp: p.inApp, email: p.email })))
    .onConflictDoUpdate({
      target: [notificationPreferences.userId, notificationPreferences.kind],
      set: { inApp: sql`excluded.in_app`, email: sql`excluded.email` },
    });
  return getPreferences(ctx.db, ctx.actor.id);
}

export const emailBody = z.object({
  email: z.preprocess(
    (v) => (typeof v === 'string' ? v.trim() || null : v),
    z.email('must be an email address such as name@example.kz').max(254, 'at most 254 characters').nullable(),
  ),
});

export async function getOwnEmail(ctx: Ctx): Promise<{ email: string | null }> {
  const [u] = await ctx.db.select({ email: users.email }).from(users).where(eq(users.id, ctx.actor.id));
  if (!u) throw notFound('account');
  return { email: u.email };
}

/** A user sets (or clears, with null) the address their notification emails go to. */
export async function setOwnEmail(ctx: Ctx, email: string | null): Promise<{ email: string | null }> {
  return ctx.db.transaction(async (tx) => {
    const [u] = await tx.update(users).set({ email, updatedAt: ctx.now }).where(eq(users.id, ctx.actor.id)).returning({ email: users.email });
    if (!u) throw notFound('account');
    // the address itself stays out of the audit log, which every auditor reads
    await writeAudit(tx, auditCtx(ctx), { action: 'update', entityType: 'user', entityId: ctx.actor.id, details: { fields: ['email'] } });
    return { email: u.email };
  });
}
