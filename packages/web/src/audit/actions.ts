// The audit actions the server records (packages/server/src/audit/audit.ts). Kept here until the
// list moves to @qorgau/core; the catalogue test checks each has a label.
export const AUDIT_ACTIONS = [
  'read', 'create', 'update', 'delete', 'denied', 'login', 'login_failed', 'logout', 'export', 'download', 'merge', 'unmerge',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export function isAuditAction(value: string): value is AuditAction {
  return (AUDIT_ACTIONS as readonly string[]).includes(value);
}
