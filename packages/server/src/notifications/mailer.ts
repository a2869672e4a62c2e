// Sends the email outbox over SMTP. Every instance runs this job; a row is claimed with
// FOR UPDATE SKIP LOCKED and, in the same statement, leased (next_attempt_at moved past the time
// a send can take), so no two instances or runs ever hold the same mail. The send happens outside
// any transaction: a slow SMTP server never keeps a database connection or PGlite busy.
// Each mail keeps the Message-ID it was queued with, so a resend after a crash between sending and
// marking it sent (the one case of a double delivery) can be dropped by the receiving server.
import { sql } from 'drizzle-orm';
import nodemailer from 'nodemailer';
import { rows } from '../db/client.ts';
import type { Deps } from '../deps.ts';

/** What the job needs from nodemailer; tests may pass their own. */
export type MailTransport = {
  sendMail(message: { from: string; to: string; subject: string; text: string; messageId: string }): Promise<unknown>;
  close?(): void;
};

const BATCH = 10;
const MAX_PER_RUN = 200;
const BACKOFF_START_MS = 30_000;
const BACKOFF_MAX_MS = 15 * 60_000;
/** longer than the worst case of one claimed batch: it stops at the first unreachable-server error */
const LEASE_MS = 15 * 60_000;
// errors of the server or the connection rather than of one message: the rest of the batch would fail alike
const SERVER_ERRORS = new Set(['ECONNECTION', 'ETIMEDOUT', 'ESOCKET', 'EDNS', 'EAUTH', 'ETLS', 'ECONNREFUSED', 'EPROXY', 'ENOAUTH']);

/** Wait after the n-th failed attempt: 30 s, doubling, at most 15 minutes. */
export function backoffMs(attempts: number): number {
  return Math.min(BACKOFF_START_MS * 2 ** Math.max(0, attempts - 1), BACKOFF_MAX_MS);
}

/** An error message fit to store: addresses blanked, bounded. Never logged. */
function describe(err: unknown): string {
  const e = err as { code?: unknown; message?: unknown };
  const parts = [typeof e.code === 'string' ? e.code : null, typeof e.message === 'string' ? e.message : String(err)];
  return parts.filter(Boolean).join(' ').replace(/[^\s<>()"',;:]+@[^\s<>()"',;:]+/g, '[address]').slice(0, 500);
}

type Claimed = { id: number; messageId: string; toAddress: string; subject: string; textBody: string; attempts: number };

async function claim(deps: Deps, now: Date): Promise<Claimed[]> {
  const leaseUntil = new Date(now.getTime() + LEASE_MS).toISOString();
  const found = await rows<{ id: string | number; message_id: string; to_address: string; subject: string; text_body: string; attempts: number }>(deps.db, sql`
    update email_outbox set attempts = attempts + 1, next_attempt_at = ${leaseUntil}::timestamptz
    where id in (
      select id from email_outbox
      where sent_at is null and next_attempt_at <= ${now.toISOString()}::timestamptz
      order by next_attempt_at, id
      limit ${BATCH}
      for update skip locked
    )
    returning id, message_id, to_address, subject, text_body, attempts`);
  return found
    .map((r) => ({ id: Number(r.id), messageId: r.message_id, toAddress: r.to_address, subject: r.subject, textBody: r.text_body, attempts: Number(r.attempts) }))
    .sort((a, b) => a.id - b.id);
}

// the attempts count fences each update: a row re-claimed after its lease ran out is not touched
async function markSent(deps: Deps, m: Claimed): Promise<void> {
  await deps.db.execute(sql`update email_outbox set sent_at = ${deps.clock.now().toISOString()}::timestamptz, last_error = null
    where id = ${m.id} and attempts = ${m.attempts} and sent_at is null`);
}

async function markFailed(deps: Deps, m: Claimed, error: string): Promise<void> {
  const next = new Date(deps.clock.now().getTime() + backoffMs(m.attempts)).toISOString();
  await deps.db.execute(sql`update email_outbox set last_error = ${error}, next_attempt_at = ${next}::timestamptz
    where id = ${m.id} and attempts = ${m.attempts} and sent_at is null`);
}

const warnedNoSmtp = new WeakSet<object>();

function smtpTransport(url: string): MailTransport {
  return nodemailer.createTransport({
    url,
    // fail fast enough to stay well inside the lease
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 60_000,
  });
}

/** Send the due mails of the outbox; without QORGAU_SMTP_URL (and no transport given) they stay queued. */
export async function sendPendingEmails(deps: Deps, transport?: MailTransport): Promise<{ sent: number; failed: number }> {
  let t = transport;
  if (!t) {
    if (!deps.config.smtpUrl) {
      if (!warnedNoSmtp.has(deps.log)) {
        warnedNoSmtp.add(deps.log);
        deps.log.info('QORGAU_SMTP_URL is not set: notification emails stay queued in the outbox');
      }
      return { sent: 0, failed: 0 };
    }
    t = smtpTransport(deps.config.smtpUrl);
  }
  let sent = 0;
  let failed = 0;
  try {
    for (let handled = 0; handled < MAX_PER_RUN;) {
      const batch = await claim(deps, deps.clock.now());
      if (batch.length === 0) break;
      handled += batch.length;
      let serverDown: string | null = null;
      for (const m of batch) {
        if (serverDown) {
          await markFailed(deps, m, serverDown);
          failed += 1;
          continue;
        }
        try {
          await t.sendMail({ from: deps.config.mailFrom, to: m.toAddress, subject: m.subject, text: m.textBody, messageId: m.messageId });
          await markSent(deps, m);
          sent += 1;
        } catch (err) {
          const error = describe(err);
          await markFailed(deps, m, error);
          failed += 1;
          const code = (err as { code?: unknown }).code;
          const responseCode = (err as { responseCode?: unknown }).responseCode;
          // ids and codes only: addresses and contents stay out of the log
          deps.log.warn({ outboxId: m.id, attempts: m.attempts, code: typeof code === 'string' ? code : undefined, responseCode: typeof responseCode === 'number' ? responseCode : undefined }, 'email not sent; will retry');
          if (typeof code === 'string' && SERVER_ERRORS.has(code)) serverDown = error;
        }
      }
      if (serverDown || batch.length < BATCH) break;
    }
  } finally {
    if (!transport) t.close?.();
  }
  if (sent) deps.log.info({ sent }, 'notification emails sent');
  return { sent, failed };
}
