// Hash chain over the audit log. Writers only insert rows; the sealer gives each new row its
// place in the chain (chain_seq) and hash = sha256(canonical(row) ‖ previous hash), in commit
// order, under an advisory lock so that only one instance seals at a time. Editing or deleting a
// sealed row, or cutting the tail, breaks the chain and `qorgau audit:verify` names the entry.
// (Rows are sealed within about a second; the head hash printed by verify can be kept outside
// the database to detect a rewrite of the whole chain.)
import { createHash } from 'node:crypto';
import { and, asc, gt, isNotNull, sql } from 'drizzle-orm';
import { rows, type Db } from '../db/client.ts';
import { auditChainHead, auditLog } from '../db/schema.ts';

const SEAL_LOCK = 720_002;
const GENESIS = '0'.repeat(64);

type Sealable = {
  id: number; at: Date; userId: string | null; username: string | null; action: string; entityType: string;
  entityId: string | null; details: unknown; ip: string | null; requestId: string | null;
};

function canonical(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  const obj = value as Record<string, unknown>;
  return `{${Object.keys(obj).sort().map((k) => `${JSON.stringify(k)}:${canonical(obj[k])}`).join(',')}}`;
}

export function entryHash(seq: number, prevHash: string, r: Sealable): string {
  const body = canonical([seq, prevHash, r.id, r.at.toISOString(), r.userId, r.username, r.action, r.entityType, r.entityId, r.details, r.ip, r.requestId]);
  return createHash('sha256').update(body).digest('hex');
}

/** Seal up to `limit` unsealed rows; returns how many were sealed (0 if another instance is sealing). */
export async function sealAudit(db: Db, now: Date = new Date(), limit = 5000): Promise<number> {
  return db.transaction(async (tx) => {
    const [lock] = await rows<{ ok: boolean }>(tx, sql`select pg_try_advisory_xact_lock(${SEAL_LOCK}) as ok`);
    if (!lock?.ok) return 0;
    const pending = await tx.select().from(auditLog).where(sql`${auditLog.chainSeq} is null`).orderBy(asc(auditLog.id)).limit(limit);
    if (pending.length === 0) return 0;
    const [head] = await tx.select().from(auditChainHead).for('update');
    let seq = head?.seq ?? 0;
    let prev = head?.hash ?? GENESIS;
    const sealed: { id: number; seq: number; prev: string; hash: string }[] = [];
    for (const r of pending) {
      seq += 1;
      const hash = entryHash(seq, prev, r);
      sealed.push({ id: r.id, seq, prev, hash });
      prev = hash;
    }
    await tx.execute(sql`
      update audit_log a set chain_seq = v.seq, prev_hash = v.prev, hash = v.hash
      from jsonb_to_recordset(${JSON.stringify(sealed)}::jsonb) as v(id bigint, seq bigint, prev text, hash text)
      where a.id = v.id`);
    await tx.insert(auditChainHead).values({ id: 1, seq, hash: prev, sealedAt: now })
      .onConflictDoUpdate({ target: auditChainHead.id, set: { seq, hash: prev, sealedAt: now } });
    return sealed.length;
  });
}

export async function sealAll(db: Db, now: Date = new Date()): Promise<void> {
  while ((await sealAudit(db, now)) > 0) { /* until nothing is left */ }
}

export type VerifyResult = { ok: boolean; checked: number; headHash: string | null; firstBadEntryId: string | null; reason: string | null };

export async function verifyAudit(db: Db): Promise<VerifyResult> {
  let expectedSeq = 1;
  let prev = GENESIS;
  let checked = 0;
  let lastSeq = 0;
  const fail = (id: number | null, reason: string): VerifyResult => ({ ok: false, checked, headHash: null, firstBadEntryId: id === null ? null : String(id), reason });
  for (;;) {
    const batch = await db.select().from(auditLog)
      .where(and(isNotNull(auditLog.chainSeq), gt(auditLog.chainSeq, lastSeq)))
      .orderBy(asc(auditLog.chainSeq)).limit(5000);
    if (batch.length === 0) break;
    for (const r of batch) {
      const seq = r.chainSeq ?? 0;
      if (seq !== expectedSeq) return fail(r.id, `entry ${r.id}: chain position ${seq} follows ${expectedSeq - 1}; ${seq - expectedSeq} entr${seq - expectedSeq === 1 ? 'y was' : 'ies were'} deleted before it`);
      if (r.prevHash !== prev) return fail(r.id, `entry ${r.id}: link to the previous entry is broken`);
      if (entryHash(seq, prev, r) !== r.hash) return fail(r.id, `entry ${r.id}: content does not match its hash (edited)`);
      prev = r.hash;
      expectedSeq += 1;
      checked += 1;
    }
    lastSeq = batch[batch.length - 1]?.chainSeq ?? lastSeq;
  }
  const [head] = await db.select().from(auditChainHead);
  const headSeq = head?.seq ?? 0;
  if (headSeq !== expectedSeq - 1 || (head && head.hash !== prev)) {
    return fail(null, `the chain ends at position ${expectedSeq - 1} but the sealed head is at ${headSeq}: entries at the end were deleted or the head was changed`);
  }
  return { ok: true, checked, headHash: head?.hash ?? null, firstBadEntryId: null, reason: null };
}
