// The words of a notification, composed in the reader's language from codes and ids only.
// Notifications and their emails never carry a child's name or the narrative: the report number,
// the task's action, the agency, times, the escalation level and the priority are all they say.
import { kzLocal } from './kz-time.ts';
import {
  agencyTypeLabels, concernCategoryLabels, escalationLevelLabels, notificationKindLabels, priorityLabels, taskActionLabels, type Label,
} from './vocab-labels.ts';
import type { AgencyType, ConcernCategory, EscalationLevel, Locale, NotificationKind, Priority, TaskAction } from './vocab.ts';

/** What a notification row keeps in `params` (all optional; unknown values are ignored). */
export type NotificationTextParams = {
  reportNumber?: string | undefined;
  action?: TaskAction | undefined;
  agencyType?: AgencyType | undefined;
  /** ISO instant */
  dueAt?: string | undefined;
  level?: EscalationLevel | undefined;
  /** escalation step, 1 for the first */
  step?: number | undefined;
  priority?: Priority | undefined;
  /** ISO instant */
  conferenceAt?: string | undefined;
  /** a school's safeguarding concern (its id: the link opens it; never the child's name) */
  concernId?: string | undefined;
  /** the concern's category codes */
  categories?: ConcernCategory[] | undefined;
  /** a family case (its id opens it; its number is printed) */
  caseId?: string | undefined;
  caseNumber?: string | undefined;
  /** a referral (its id opens it) */
  referralId?: string | undefined;
};

export type NotificationText = { title: string; body: string };

const WORDS = {
  report: { kk: 'Хабарлама', ru: 'Сообщение', en: 'Report' },
  case: { kk: 'Отбасы ісі', ru: 'Дело семьи', en: 'Family case' },
  task: { kk: 'Тапсырма', ru: 'Задача', en: 'Task' },
  agency: { kk: 'Ведомство', ru: 'Ведомство', en: 'Agency' },
  priority: { kk: 'Басымдық', ru: 'Приоритет', en: 'Priority' },
  due: { kk: 'Орындау мерзімі', ru: 'Срок', en: 'Due' },
  escalation: { kk: 'Жоғары деңгейге берілді', ru: 'Эскалация', en: 'Escalated to' },
  step: { kk: 'кезең', ru: 'шаг', en: 'step' },
  conference: { kk: 'Кеңес уақыты', ru: 'Время совещания', en: 'Conference at' },
  categories: { kk: 'Санаты', ru: 'Категории', en: 'Categories' },
  open: { kk: 'Ашу', ru: 'Открыть', en: 'Open' },
  kzTime: { kk: 'Астана уақыты', ru: 'время Астаны', en: 'Astana time' },
  footer: {
    kk: 'Бұл хатты Qorgau жүйесі жіберді. Қандай хабарландыруларды поштамен алатыныңызды «Менің тіркелгім» бетінде өзгертуге болады.',
    ru: 'Это письмо отправлено системой Qorgau. Какие уведомления приходят на почту, можно настроить на странице «Мой профиль».',
    en: 'This message was sent by Qorgau. Choose which notifications come by email on the “My account” page.',
  },
} satisfies Record<string, Label>;

function label<K extends string>(labels: Record<K, Label>, code: string | undefined, locale: Locale): string | null {
  if (code === undefined || !Object.hasOwn(labels, code)) return null;
  return labels[code as K][locale];
}

const pad = (n: number) => String(n).padStart(2, '0');

/** `24.11.2026 10:00` in Kazakhstan time (UTC+5), whatever the machine's zone; null if not a date. */
export function formatKzDateTime(iso: string | undefined): string | null {
  if (!iso) return null;
  const instant = new Date(iso);
  if (Number.isNaN(instant.getTime())) return null;
  const d = kzLocal(instant);
  return `${pad(d.getUTCDate())}.${pad(d.getUTCMonth() + 1)}.${d.getUTCFullYear()} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
}

/** A report number as the registry prints it (`75-2026-000123`); anything else is dropped. */
function reportNumberOf(value: unknown): string | null {
  return typeof value === 'string' && /^[\w-]{1,40}$/.test(value) ? value : null;
}

/** Title and body of a notification in one language; the web renders the list with it, the server the emails. */
export function notificationText(kind: NotificationKind, params: NotificationTextParams, locale: Locale): NotificationText {
  const kindLabel = label(notificationKindLabels, kind, locale) ?? kind;
  const number = reportNumberOf(params.reportNumber);
  const caseNumber = reportNumberOf(params.caseNumber);
  const action = label(taskActionLabels, params.action, locale);
  const agency = label(agencyTypeLabels, params.agencyType, locale);
  const priority = label(priorityLabels, params.priority, locale);
  const level = label(escalationLevelLabels, params.level, locale);
  const due = formatKzDateTime(params.dueAt);
  const conferenceAt = formatKzDateTime(params.conferenceAt);
  const zone = ` (${WORDS.kzTime[locale]})`;

  const lines: string[] = [];
  if (caseNumber) lines.push(`${WORDS.case[locale]}: № ${caseNumber}`);
  if (number) lines.push(`${WORDS.report[locale]}: № ${number}`);
  if (action) lines.push(`${WORDS.task[locale]}: ${action}`);
  if (agency) lines.push(`${WORDS.agency[locale]}: ${agency}`);
  if (priority) lines.push(`${WORDS.priority[locale]}: ${priority}`);
  if (due) lines.push(`${WORDS.due[locale]}: ${due}${zone}`);
  if (level) {
    const step = typeof params.step === 'number' && Number.isInteger(params.step) && params.step > 0 ? ` (${WORDS.step[locale]} ${params.step})` : '';
    lines.push(`${WORDS.escalation[locale]}: ${level}${step}`);
  }
  if (conferenceAt) lines.push(`${WORDS.conference[locale]}: ${conferenceAt}${zone}`);
  const categories = (Array.isArray(params.categories) ? params.categories : [])
    .map((c) => label(concernCategoryLabels, c, locale)).filter((c): c is string => !!c);
  if (categories.length) lines.push(`${WORDS.categories[locale]}: ${categories.join(', ')}`);

  const titleNumber = caseNumber ?? number;
  return { title: titleNumber ? `${kindLabel} · № ${titleNumber}` : kindLabel, body: lines.join('\n') };
}

/** The email of a notification: its text, a link to open it, and why the reader receives it. */
export function notificationEmail(kind: NotificationKind, params: NotificationTextParams, locale: Locale, link: string): { subject: string; text: string } {
  const { title, body } = notificationText(kind, params, locale);
  const main = [body, `${WORDS.open[locale]}: ${link}`].filter(Boolean).join('\n\n');
  // "-- " starts a signature, which mail readers show dimmed
  return { subject: `Qorgau: ${title}`, text: `${main}\n\n-- \n${WORDS.footer[locale]}\n` };
}
