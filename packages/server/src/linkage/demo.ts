// Demo duplicates across agencies, so that the review queue of a fresh demo is not empty: the same
// children registered by the police (passport Latin spelling), the school (Kazakh Cyrillic), the
// helpline (first name and approximate age only) and the guardianship body (Russian Cyrillic,
// first and last name the other way round); and twins, who must not be merged. Then one run.
// Names are invented. Call after the demo users exist (demo/seed.ts).
import { eq, inArray } from 'drizzle-orm';
import { persons, users } from '../db/schema.ts';
import type { Deps } from '../deps.ts';
import type { Ctx } from '../http/context.ts';
import { createReportBody } from '../reports/schema.ts';
import { createReport } from '../reports/service.ts';
import { toActor } from '../users/dto.ts';
import { runLinkage, type RunSummary } from './run.ts';

type Child = { lastName: string; firstName: string; middleName?: string; birthDate?: string; approxAge?: number; sex?: 'female' | 'male' };
type Entry = { by: string; channel: string; child: Child; address?: string; types: string[]; narrative: string };

const DISTRICT = '751110000'; // Алмалинский район, Алматы

const ENTRIES: Entry[] = [
  // Seitkali Aruzhan: police (passport), school (Kazakh Cyrillic, with the address)
  { by: 'police.almaty', channel: 'police', types: ['physical'], child: { lastName: 'Seitkali', firstName: 'Aruzhan', middleName: 'Bolatkyzy', birthDate: '2013-04-17', sex: 'female' },
    narrative: 'Участковый доставил девочку в отдел после обращения соседей: следы побоев на руках.' },
  { by: 'school.almaty', channel: 'school', types: ['physical', 'neglect'], child: { lastName: 'Сейтқали', firstName: 'Аружан', middleName: 'Болатқызы', birthDate: '2013-04-17', sex: 'female' },
    address: 'Алматы қ., Абай даңғылы, 52 үй, 14 пәтер', narrative: 'Сынып жетекшісі қыздың қолындағы көгерген жерлерді байқады.' },
  // Нұрланов Әлихан: guardianship (full record, Russian Cyrillic), helpline (approximate age, 2021 Latin)
  { by: 'guardian.almaty', channel: 'guardianship', types: ['neglect'], child: { lastName: 'Нурланов', firstName: 'Алихан', middleName: 'Серикович', birthDate: '2015-08-09', sex: 'male' },
    address: 'г. Алматы, ул. Жибек жолы, д. 88, кв. 3', narrative: 'Ребёнок часто остаётся дома один, мать на заработках.' },
  { by: 'operator', channel: 'hotline', types: ['neglect'], child: { lastName: 'Nūrlanov', firstName: 'Älihan', approxAge: 11, sex: 'male' },
    narrative: 'Мальчик позвонил сам: дома нет еды второй день.' },
  // Ахметова Дана: health (Cyrillic), police (written the other way round, day and month transposed)
  { by: 'health.almaty', channel: 'health', types: ['physical'], child: { lastName: 'Ахметова', firstName: 'Дана', middleName: 'Маратовна', birthDate: '2011-03-05', sex: 'female' },
    address: 'Алматы, мкр. Самал-2, д. 33, кв. 41', narrative: 'Обратилась в травмпункт с переломом пальца, объяснения путаные.' },
  { by: 'inspector.almaty', channel: 'police', types: ['physical'], child: { lastName: 'Dana', firstName: 'Akhmetova', birthDate: '2011-05-03', sex: 'female' },
    narrative: 'Заявление классного руководителя о повторяющихся травмах.' },
  // twins: everything alike but the first name — shown at most as "possible", never merged by mistake
  { by: 'school.almaty', channel: 'school', types: ['bullying'], child: { lastName: 'Омарова', firstName: 'Айару', middleName: 'Ерланқызы', birthDate: '2014-10-02', sex: 'female' },
    address: 'Алматы қ., Төле би көшесі, 120 үй, 7 пәтер', narrative: 'Сыныптастары қыздарды мазақ етеді.' },
  { by: 'school.almaty', channel: 'school', types: ['bullying'], child: { lastName: 'Омарова', firstName: 'Аяла', middleName: 'Ерланқызы', birthDate: '2014-10-02', sex: 'female' },
    address: 'Алматы қ., Төле би көшесі, 120 үй, 7 пәтер', narrative: 'Сыныптастары қыздарды мазақ етеді.' },
];

/** Creates the demo's cross-agency duplicates and runs linkage once. Returns the run, or null without the demo users. */
export async function seedDemoLinkage(deps: Deps): Promise<RunSummary | null> {
  const staff = await deps.db.select().from(users).where(inArray(users.username, [...new Set(ENTRIES.map((e) => e.by)), 'supervisor']));
  const byName = new Map(staff.map((u) => [u.username, u]));
  const supervisor = byName.get('supervisor');
  if (!supervisor || ENTRIES.some((e) => !byName.has(e.by))) return null;
  const now = deps.clock.now();
  for (const e of ENTRIES) {
    const user = byName.get(e.by)!;
    // registered by each agency's own user, as they would (the pair's screen shows who registered which record)
    const ctx: Ctx = { ...deps, actor: toActor(user), ip: '127.0.0.1', requestId: 'demo-seed', now };
    const input = createReportBody.parse({
      channel: e.channel, regionCode: 'KZ-75', districtCode: DISTRICT, narrative: e.narrative, reporter: { anonymous: true },
      incidents: [{ types: e.types, place: 'home', victims: [e.child], perpetrators: [] }],
    });
    const report = await createReport(ctx, input, { quiet: true });
    const personId = report.incidents[0]?.victims?.[0]?.id;
    if (e.address && personId) await deps.db.update(persons).set({ address: e.address }).where(eq(persons.id, personId));
  }
  return runLinkage(deps, { startedBy: supervisor.id, audit: { userId: supervisor.id, username: supervisor.username, ip: null, requestId: 'demo-seed', at: now } });
}
