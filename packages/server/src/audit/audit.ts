// Every create, update, read and denied access of a person, report or case is written here, in
// the transaction of the action it records. Details carry ids and field names only — never
// names or narratives. The hash chain is added afterwards by the sealer (chain.ts).
import type { Executor } from '../db/client.ts';
import { auditLog } from '../db/schema.ts';

export const AUDIT_ACTIONS = [
  'read', 'create', 'update', 'delete', 'denied', 'login', 'login_failed', 'logout', 'export', 'download', 'merge', 'unmerge',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export type AuditContext = { userId: string | null; username: string | null; ip: string | null; requestId: string | null; at: Date };

export type AuditEntry = {
  action: AuditAction;
  entityType: string;
  entityId: string | null;
  details?: Record<string, unknown>;
};

export async function writeAudit(ex: Executor, ctx: AuditContext, entries: AuditEntry | AuditEntry[]): Promise<void> {
  const list = Array.isArray(entries) ? entries : [entries];
  if (list.length === 0) return;
  await ex.insert(auditLog).values(list.map((e) => ({
    at: ctx.at,
    userId: ctx.userId,
    username: ctx.username,
    action: e.action,
    entityType: e.entityType,
    entityId: e.entityId,
    details: e.details ?? {},
    ip: ctx.ip,
    requestId: ctx.requestId,
  })));
}
