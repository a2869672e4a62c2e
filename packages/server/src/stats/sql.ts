// SQL pieces shared by the incidents operation (incidents.ts) and the rollup (rollup.ts), so that
// both count by the same day and the same age groups (core/stats AGE_GROUPS).
import { sql, type SQL } from 'drizzle-orm';

/** The report's receipt in Kazakhstan local time (UTC+5, no daylight saving), for reports aliased `r`. */
export const RECEIVED_LOCAL = sql`(r.received_at at time zone 'UTC' + interval '5 hours')`;

/** The age group of a person (alias `person`) on `day`, from the birth date or the approximate birth year. */
export function ageGroupSql(person: string, day: SQL): SQL {
  const p = sql.raw(person);
  const age = sql`case
    when ${p}.birth_date is not null then extract(year from age(${day}, ${p}.birth_date))::int
    when ${p}.birth_year_approx is not null then extract(year from ${day})::int - ${p}.birth_year_approx
  end`;
  return sql`case when ${age} is null or ${age} < 0 or ${age} > 17 then 'unknown' when ${age} <= 6 then '0-6' when ${age} <= 10 then '7-10' when ${age} <= 14 then '11-14' else '15-17' end`;
}
