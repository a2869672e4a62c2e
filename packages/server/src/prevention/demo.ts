// Demo prevention work: the "Probilim: inclusion and law" legal-literacy project and two more
// programmes, sessions over the past year in the schools of a few regions — unevenly, so that
// coverage differs and some districts are never reached — a few trainings and volunteer groups.
// Deterministic (hash of ids), a handful of bulk inserts: fast at any demo scale.
import { createHash } from 'node:crypto';
import { FACILITATOR_TYPES, kzLocal } from '@qorgau/core';
import { eq, inArray } from 'drizzle-orm';
import type { Deps } from '../deps.ts';
import { preventionProgrammes, preventionSessions, schools, specialists, trainingParticipants, trainings, users, volunteerGroups } from '../db/schema.ts';

const PROGRAMMES = [
  {
    code: 'probilim', nameKk: 'Пробілім: инклюзия және құқық', nameRu: 'Пробилим: инклюзия и право', nameEn: 'Probilim: inclusion and law', startsOn: '2024-09-01',
    organiser: 'Прокуратура', description: 'Республиканский проект правового просвещения школьников: права ребёнка, инклюзия, ответственность несовершеннолетних.',
    topics: ['Права ребёнка', 'Инклюзия в школе', 'Ответственность несовершеннолетних', 'Торговля людьми: как не стать жертвой'],
  },
  {
    code: 'safe-school', nameKk: 'Буллингсіз мектеп', nameRu: 'Школа без буллинга', nameEn: 'School without bullying', startsOn: '2025-01-15',
    organiser: 'Управление образования', description: null, topics: ['Что такое буллинг', 'Как помочь однокласснику', 'Конфликты без насилия'],
  },
  {
    code: 'online-safety', nameKk: 'Интернеттегі қауіпсіздік', nameRu: 'Безопасность в интернете', nameEn: 'Online safety', startsOn: '2025-09-01',
    organiser: 'Департамент полиции', description: null, topics: ['Кибербуллинг', 'Груминг и вымогательство', 'Личные данные в сети'],
  },
] as const;

/** Regions the demo's programmes work in, and how much of each district they reach. */
const REGIONS: Record<string, number> = { 'KZ-75': 0.8, 'KZ-79': 0.6, 'KZ-71': 0.5, 'KZ-61': 0.35, 'KZ-19': 0.25 };

const unit = (key: string): number => createHash('sha256').update(key).digest().readUInt32BE(0) / 2 ** 32;
const pickOf = <T>(list: readonly T[], key: string): T => list[Math.floor(unit(key) * list.length)] as T;
const dayBefore = (today: string, days: number): string => new Date(Date.parse(`${today}T00:00:00Z`) - days * 86_400_000).toISOString().slice(0, 10);

export async function seedPreventionDemo(deps: Deps): Promise<void> {
  const now = deps.clock.now();
  const today = kzLocal(now).toISOString().slice(0, 10);
  const programmes = await deps.db.insert(preventionProgrammes).values(PROGRAMMES.map(({ topics: _topics, ...p }) => ({ ...p, createdAt: now }))).onConflictDoNothing().returning();
  if (programmes.length === 0) return;
  const byCode = new Map(programmes.map((p) => [p.code, p]));
  const authors = new Map((await deps.db.select({ id: users.id, username: users.username }).from(users)).map((u) => [u.username, u.id]));
  const authorOf = (regionCode: string): string => authors.get(regionCode === 'KZ-75' ? 'police.almaty' : regionCode === 'KZ-79' ? 'coordinator.shymkent' : 'admin') ?? authors.get('admin') ?? authors.get('supervisor') ?? '';

  const inRegions = await deps.db.select().from(schools).where(inArray(schools.regionCode, Object.keys(REGIONS)));
  const sessions: (typeof preventionSessions.$inferInsert)[] = [];
  for (const s of inRegions) {
    const reach = REGIONS[s.regionCode] ?? 0;
    // a third of the districts are never reached; elsewhere schools are reached with the region's likelihood
    if (unit(`district:${s.districtCode}`) < 0.33 || unit(`school:${s.id}`) > reach) continue;
    const n = 1 + Math.floor(unit(`n:${s.id}`) * 4);
    for (let i = 0; i < n; i++) {
      const key = `${s.id}:${i}`;
      const spec = pickOf(PROGRAMMES, `p:${key}`);
      const programme = byCode.get(spec.code);
      if (!programme) continue;
      let heldOn = dayBefore(today, 1 + Math.floor(unit(`d:${key}`) * 364));
      if (heldOn < programme.startsOn) heldOn = programme.startsOn;
      const first = 5 + Math.floor(unit(`g:${key}`) * 6); // grades 5–10 and the next one
      const participants: Record<string, number> = { [String(first)]: 15 + Math.floor(unit(`a:${key}`) * 15), [String(first + 1)]: 12 + Math.floor(unit(`b:${key}`) * 15) };
      sessions.push({
        programmeId: programme.id, schoolId: s.id, regionCode: s.regionCode, districtCode: s.districtCode, heldOn, topic: pickOf(spec.topics, `t:${key}`),
        facilitatorType: pickOf(FACILITATOR_TYPES.slice(0, 4), `f:${key}`), facilitatorName: null, participants,
        participantsTotal: Object.values(participants).reduce((a, b) => a + b, 0), createdBy: authorOf(s.regionCode), createdAt: now,
      });
    }
  }
  for (let i = 0; i < sessions.length; i += 500) await deps.db.insert(preventionSessions).values(sessions.slice(i, i + 500));

  const probilim = byCode.get('probilim');
  const safe = byCode.get('safe-school');
  const training = [
    { title: 'Правовое просвещение школьников: методика проекта «Пробилим»', regionCode: 'KZ-75', programmeId: probilim?.id ?? null, hours: 16, days: 200, organiser: 'Прокуратура г. Алматы' },
    { title: 'Профилактика буллинга: работа школьного психолога', regionCode: 'KZ-79', programmeId: safe?.id ?? null, hours: 24, days: 120, organiser: 'Управление образования г. Шымкент' },
    { title: 'Кризисное консультирование подростков', regionCode: 'KZ-71', programmeId: null, hours: 36, days: 60, organiser: 'Университет' },
    { title: 'Выявление признаков насилия у детей', regionCode: 'KZ-75', programmeId: null, hours: 8, days: 30, organiser: 'Управление образования г. Алматы' },
  ];
  const trainingRows = await deps.db.insert(trainings).values(training.map((t) => ({
    programmeId: t.programmeId, title: t.title, heldOn: dayBefore(today, t.days), hours: t.hours, organiser: t.organiser, regionCode: t.regionCode,
    createdBy: authorOf(t.regionCode), createdAt: now,
  }))).returning();
  // the workforce register's psychologists and pedagogues, when it has been filled
  for (const t of trainingRows) {
    const people = await deps.db.select({ id: specialists.id }).from(specialists).innerJoin(schools, eq(schools.id, specialists.schoolId))
      .where(eq(schools.regionCode, t.regionCode)).limit(12);
    const chosen = people.filter((p) => unit(`${t.id}:${p.id}`) < 0.6);
    if (chosen.length) await deps.db.insert(trainingParticipants).values(chosen.map((p) => ({ trainingId: t.id, specialistId: p.id })));
  }

  const groupSchools = inRegions.filter((s) => unit(`vg:${s.id}`) < 0.08).slice(0, 8);
  const names = ['Жас құқықтанушылар', 'Волонтёры права', 'Қамқор', 'Дос қолы', 'Юные правоведы', 'Мейірім'];
  if (groupSchools.length) {
    await deps.db.insert(volunteerGroups).values(groupSchools.map((s, i) => ({
      name: names[i % names.length] ?? 'Волонтёры', programmeId: i % 2 === 0 ? (probilim?.id ?? null) : null, schoolId: s.id, regionCode: s.regionCode,
      districtCode: s.districtCode, members: 8 + Math.floor(unit(`m:${s.id}`) * 20), leader: null, active: i % 5 !== 4, createdAt: now,
    })));
  }
  deps.log.info({ sessions: sessions.length, trainings: trainingRows.length, groups: groupSchools.length }, 'demo prevention work loaded');
}
