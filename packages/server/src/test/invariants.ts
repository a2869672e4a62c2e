// What must hold of the stored data whatever a test threw at the API: well-formed report numbers,
// known regions, task agencies and statuses, concern categories and person IINs from the
// vocabularies, and an audit chain that verifies once everything is sealed.
import { AGENCY_TYPES, CONCERN_CATEGORIES, parseIin, TASK_STATUSES } from '@qorgau/core';
import { sql } from 'drizzle-orm';
import { sealAll, verifyAudit } from '../audit/chain.ts';
import { rows, type Db } from '../db/client.ts';

const list = (values: readonly string[]) => sql.raw(`array[${values.map((v) => `'${v}'`).join(',')}]::text[]`);

/** Every violation found, as readable lines; empty when the register is intact. */
export async function registerViolations(db: Db): Promise<string[]> {
  const [bad] = await rows<Record<string, number>>(db, sql`select
    (select count(*)::int from reports where number !~ '^[0-9]{2}-[0-9]{4}-[0-9]{6}$') as "report numbers",
    (select count(*)::int from reports r where not exists (select 1 from regions g where g.code = r.region_code)) as "report regions",
    (select count(*)::int from tasks where not (agency_type = any(${list(AGENCY_TYPES)}))) as "task agencies",
    (select count(*)::int from tasks where not (status = any(${list(TASK_STATUSES)}))) as "task statuses",
    (select count(*)::int from concerns where not (categories <@ ${list(CONCERN_CATEGORIES)})) as "concern categories"`);
  const problems = Object.entries(bad ?? {}).filter(([, n]) => n > 0).map(([what, n]) => `${n} rows with bad ${what}`);
  const iins = await rows<{ iin: string }>(db, sql`select iin from persons where iin is not null`);
  for (const { iin } of iins) if (!parseIin(iin).ok) problems.push(`a person with the invalid IIN ${iin}`);
  await sealAll(db);
  const chain = await verifyAudit(db);
  if (!chain.ok) problems.push(`the audit chain does not verify: ${JSON.stringify(chain)}`);
  return problems;
}
