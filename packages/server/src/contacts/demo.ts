// Demo helpline contacts: two months of the 111 line in Almaty and a few other regions, answered by
// the demo operator — advice and information, referrals, transfers to 102 and 103, silent and
// prank calls — so that the contacts list and the helpline figures of the dashboard have data.
// Through the service, as the console saves them; counselling notes carry no names.
import { type CallerType, type ContactOutcome } from '@qorgau/core';
import { desc, eq } from 'drizzle-orm';
import { chiCategories, reports, users } from '../db/schema.ts';
import type { Deps } from '../deps.ts';
import { prng } from '../demo/prng.ts';
import { toActor } from '../users/dto.ts';
import { createContact } from './service.ts';

const DAY = 86_400_000;

const OUTCOMES: [ContactOutcome, number][] = [
  ['advice', 34], ['information', 20], ['referred', 12], ['transferred_police', 5], ['transferred_ambulance', 2], ['transferred_other', 5], ['silent', 14], ['prank', 8],
];
const CALLERS: [CallerType, number][] = [['child', 38], ['parent', 24], ['relative', 8], ['neighbour', 6], ['teacher', 8], ['professional', 4], ['anonymous', 10], ['other', 2]];
const REGIONS: [string, number][] = [['KZ-75', 55], ['KZ-71', 15], ['KZ-79', 10], ['KZ-55', 8], ['KZ-23', 6], ['KZ-63', 6]];
const NAMES = ['Аружан', 'Нұрислам', 'Алина', 'Даниял', 'Айша', 'Тимур', 'Amina', 'Арман'];
const NOTES: Partial<Record<ContactOutcome, string[]>> = {
  advice: [
    'Ребёнок рассказал о ссорах с одноклассниками; обсудили, к кому в школе можно обратиться. Предложено перезвонить.',
    'Мать спрашивала, как говорить с подростком о безопасности в интернете. Даны рекомендации.',
    'Бала ата-анасымен ұрсысқанын айтты; сабырлы сөйлесу жолдары талқыланды.',
  ],
  information: ['Информация о работе центра психологической помощи и его телефоне.', 'Справка о порядке обращения в ПМПК.'],
  referred: ['Направлен в центр психологической помощи детям и подросткам (запись на консультацию).', 'Рекомендовано обратиться к школьному психологу; дан номер кризисного центра.'],
  transferred_police: ['Звонящий сообщил о драке во дворе с участием детей; вызов передан в 102.'],
  transferred_ambulance: ['Ребёнок сообщил о плохом самочувствии сверстника; вызов передан в 103.'],
  transferred_other: ['Вопрос о пособии на ребёнка; переадресован в ЦОН.'],
  added_to_report: ['Повторный звонок по уже зарегистрированному сообщению: ситуация не изменилась, сведения переданы исполнителям.'],
};

function weighted<T>(rand: () => number, list: [T, number][]): T {
  const total = list.reduce((n, [, w]) => n + w, 0);
  let r = rand() * total;
  for (const [v, w] of list) if ((r -= w) < 0) return v;
  return (list[list.length - 1] as [T, number])[0];
}

export async function seedDemoContacts(deps: Deps, scale: number): Promise<void> {
  const [operator] = await deps.db.select().from(users).where(eq(users.username, 'operator'));
  if (!operator) return;
  const chi = (await deps.db.select({ code: chiCategories.code }).from(chiCategories)).map((c) => c.code);
  if (!chi.length) return;
  const now = deps.clock.now();
  const rand = prng(111);
  const ctx = { ...deps, actor: toActor(operator), ip: '127.0.0.1', requestId: 'demo-seed', now };
  // now and then a caller adds to a report already open: the contact is linked to it
  const open = await deps.db.select({ id: reports.id, regionCode: reports.regionCode }).from(reports).orderBy(desc(reports.receivedAt)).limit(10);
  const count = Math.max(30, Math.round(300 * scale));
  for (let i = 0; i < count; i++) {
    const addTo = i % 20 === 7 ? open[(i / 20) % open.length | 0] : undefined;
    const outcome: ContactOutcome = addTo ? 'added_to_report' : weighted(rand, OUTCOMES);
    const callerType = weighted(rand, CALLERS);
    // over the last 60 days, at any hour (the line works 24/7), the newest an hour ago
    const startedAt = new Date(now.getTime() - 3_600_000 - rand() * 60 * DAY);
    const silent = outcome === 'silent' || outcome === 'prank';
    const endedAt = new Date(startedAt.getTime() + (silent ? 10 + rand() * 50 : 120 + rand() * 1500) * 1000);
    const notes = NOTES[outcome];
    await createContact(ctx, {
      channel: rand() < 0.85 ? 'hotline' : 'chat', regionCode: addTo ? addTo.regionCode : silent && rand() < 0.5 ? null : weighted(rand, REGIONS),
      ...(addTo ? { reportId: addTo.id } : {}),
      startedAt: startedAt.toISOString(), endedAt: endedAt.toISOString(), callerType,
      child: silent ? null : { firstName: rand() < 0.6 ? NAMES[i % NAMES.length] : null, approxAge: 6 + Math.floor(rand() * 11), sex: rand() < 0.5 ? 'female' : 'male' },
      chiCode: chi[Math.floor(rand() * chi.length)] as string, screening: {}, outcome,
      summary: notes ? notes[i % notes.length] : null,
    });
  }
}
