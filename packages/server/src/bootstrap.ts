import { randomBytes } from 'node:crypto';
import { count } from 'drizzle-orm';
import type { Deps } from './deps.ts';
import { users } from './db/schema.ts';
import { insertUser } from './users/service.ts';
import { writeAudit } from './audit/audit.ts';

/** On first start with no users, create `admin` (API.md): the configured password, else a random one printed once. */
export async function ensureAdmin(deps: Deps): Promise<{ created: boolean; generatedPassword: string | null }> {
  const [n] = await deps.db.select({ n: count() }).from(users);
  if ((n?.n ?? 0) > 0) return { created: false, generatedPassword: null };
  const generated = deps.config.adminPassword ? null : `${randomBytes(12).toString('base64url')}-9`;
  const password = deps.config.adminPassword ?? generated ?? '';
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    const admin = await insertUser(tx, { username: 'admin', password, fullName: 'Administrator', role: 'admin', agencyType: null, locale: 'ru' }, now);
    await writeAudit(tx, { userId: null, username: 'system', ip: null, requestId: null, at: now }, { action: 'create', entityType: 'user', entityId: admin.id, details: { role: 'admin', bootstrap: true } });
  });
  return { created: true, generatedPassword: generated };
}
