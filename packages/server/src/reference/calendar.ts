// Kazakhstan's working-day calendar (holidays and transferred days, reference/calendar-kz.csv),
// loaded from the database and kept for a few minutes: deadlines are computed on every intake.
import { WorkingCalendar, type CalendarDayKind } from '@qorgau/core';
import type { Executor } from '../db/client.ts';
import { calendarDays } from '../db/schema.ts';

const TTL_MS = 5 * 60_000;
const cache = new WeakMap<object, { at: number; calendar: Promise<WorkingCalendar> }>();

export function workingCalendar(db: Executor): Promise<WorkingCalendar> {
  const hit = cache.get(db);
  if (hit && Date.now() - hit.at < TTL_MS) return hit.calendar;
  const calendar = db.select({ date: calendarDays.date, kind: calendarDays.kind }).from(calendarDays)
    .then((rows) => new WorkingCalendar(rows.map((r) => ({ date: r.date, kind: r.kind as CalendarDayKind }))));
  cache.set(db, { at: Date.now(), calendar });
  calendar.catch(() => cache.delete(db));
  return calendar;
}
