// Demo concerns of the Almaty demo school: logged by teacher.almaty, some already worked on by
// the school's safeguarding lead (school.almaty). Names are invented.
import { eq } from 'drizzle-orm';
import { users } from '../db/schema.ts';
import type { Deps } from '../deps.ts';
import type { Ctx } from '../http/context.ts';
import { toActor } from '../users/dto.ts';
import { addAction, createConcern } from './service.ts';

const HOUR = 3_600_000;

export async function seedDemoConcerns(deps: Deps): Promise<void> {
  const [teacher] = await deps.db.select().from(users).where(eq(users.username, 'teacher.almaty'));
  const [lead] = await deps.db.select().from(users).where(eq(users.username, 'school.almaty'));
  if (!teacher?.schoolId || !lead) return;
  const now = deps.clock.now();
  const as = (u: typeof teacher): Ctx => ({ ...deps, actor: toActor(u), ip: '127.0.0.1', requestId: 'demo-seed', now });
  const ago = (h: number) => new Date(now.getTime() - h * HOUR).toISOString();

  const bruises = await createConcern(as(teacher), {
    child: { lastName: 'Омаров', firstName: 'Данияр', birthDate: '2015-02-17', sex: 'male' },
    grade: '5А', categories: ['injury', 'behaviour_change'], observedAt: ago(50),
    description: 'На уроке физкультуры заметила синяки на спине и плече. Мальчик стал замкнутым, вздрагивает от громких звуков.',
    bodyMap: [
      { view: 'back', region: 'back_upper', x: 0.45, y: 0.3, note: 'несколько синяков разного цвета' },
      { view: 'front', region: 'arm_right', x: 0.3, y: 0.4 },
    ],
  });
  await addAction(as(lead), bruises.id, { kind: 'talked_with_child', note: 'Беседа в кабинете психолога; ребёнок говорит, что упал.' });
  await addAction(as(lead), bruises.id, { kind: 'contacted_parents', note: 'Мать придёт в школу в пятницу.' });

  const quiet = await createConcern(as(teacher), {
    child: { lastName: 'Ким', firstName: 'Алина', birthDate: '2012-11-03', sex: 'female' },
    grade: '8В', categories: ['absence', 'neglect_signs'], observedAt: ago(120),
    description: 'Вторую неделю приходит без завтрака и в одной и той же одежде, пропустила 4 дня без объяснений.',
    bodyMap: [],
  });
  await addAction(as(lead), quiet.id, { kind: 'observed', note: 'Наблюдение классного руководителя, питание в школьной столовой.', monitoring: true });

  await createConcern(as(teacher), {
    child: { lastName: 'Серіков', firstName: 'Нұрсұлтан', birthDate: '2013-06-25', sex: 'male' },
    grade: '7Б', categories: ['bullying', 'online_risk'], observedAt: ago(3),
    description: 'Одноклассники выложили в общий чат видео, где над ним смеются; сегодня плакал на перемене.',
    childWords: 'Я больше не хочу ходить в школу',
    bodyMap: [],
  });
}
