// Kazakhstan's working-day calendar (holidays and transferred days, reference/calendar-kz.csv),
// loaded from the database and kept for a few minutes: deadlines are computed on every intake.
import { WorkingCalendar, type CalendarDayKind } from '@qorgau/core';
import type { Executor } from '../db/client.ts';
import { calendarDays } from '../db/schema.ts';
import { TtlCache } from '../db/ttl-cache.ts';

const cache = new TtlCache<WorkingCalendar>(5 * 60_000);

export function workingCalendar(db: Executor): Promise<WorkingCalendar> {
  return cache.get(db, () => db.select({ date: calendarDays.date, kind: calendarDays.kind }).from(calendarDays)
    .then((rows) => new WorkingCalendar(rows.map((r) => ({ date: r.date, kind: r.kind as CalendarDayKind })))));
}
