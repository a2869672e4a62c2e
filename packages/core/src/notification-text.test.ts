import { describe, expect, it } from 'vitest';
import { formatKzDateTime, notificationEmail, notificationText } from './notification-text.ts';
import { LOCALES, NOTIFICATION_KINDS } from './vocab.ts';

describe('notification text', () => {
  it('writes times in Kazakhstan time whatever the zone of the instant', () => {
    expect(formatKzDateTime('2026-11-24T05:00:00Z')).toBe('24.11.2026 10:00');
    expect(formatKzDateTime('2026-11-24T10:00:00+05:00')).toBe('24.11.2026 10:00');
    expect(formatKzDateTime('2026-12-31T19:30:00Z')).toBe('01.01.2027 00:30');
    expect(formatKzDateTime('not a date')).toBeNull();
    expect(formatKzDateTime(undefined)).toBeNull();
  });

  it('names the task, agency, due time and report in the reader\'s language', () => {
    const params = { reportNumber: '75-2026-000123', action: 'home_visit', agencyType: 'police', dueAt: '2026-11-24T05:00:00Z', priority: 'P2' } as const;
    const ru = notificationText('task_assigned', params, 'ru');
    expect(ru.title).toBe('Вам назначена задача · № 75-2026-000123');
    expect(ru.body).toBe([
      'Сообщение: № 75-2026-000123',
      'Задача: Посещение семьи, осмотр ребёнка',
      'Ведомство: Органы внутренних дел (полиция)',
      'Приоритет: P2 — срочно',
      'Срок: 24.11.2026 10:00 (время Астаны)',
    ].join('\n'));
    const en = notificationText('task_assigned', params, 'en');
    expect(en.title).toBe('A task was assigned to you · № 75-2026-000123');
    expect(en.body).toContain('Due: 24.11.2026 10:00 (Astana time)');
    const kk = notificationText('task_assigned', params, 'kk');
    expect(kk.title).toBe('Сізге тапсырма берілді · № 75-2026-000123');
    expect(kk.body).toContain('Тапсырма: Отбасына бару, баланы көру');
  });

  it('states the escalation level and step', () => {
    const text = notificationText('task_escalated', { reportNumber: '75-2026-000001', action: 'decide_report', level: 'regional_coordinator', step: 2 }, 'en');
    expect(text.body).toContain('Escalated to: Regional coordinator (step 2)');
    expect(notificationText('task_escalated', { level: 'prosecutor' }, 'ru').body).toBe('Эскалация: Прокуратура');
  });

  it('has a title for every kind in every language, even without parameters', () => {
    for (const kind of NOTIFICATION_KINDS) {
      for (const locale of LOCALES) {
        const text = notificationText(kind, {}, locale);
        expect(text.title.length).toBeGreaterThan(3);
        expect(text.body).toBe('');
      }
    }
  });

  it('ignores unknown codes and anything that is not a report number', () => {
    const params = { reportNumber: 'Аружан Сейітова <script>', action: 'unknown', agencyType: 'toString', step: 2 } as unknown as Parameters<typeof notificationText>[1];
    const text = notificationText('task_new', params, 'ru');
    expect(text).toEqual({ title: 'Новая задача подразделению', body: '' });
  });

  it('makes an email with a link and a footer, and only the given facts', () => {
    const mail = notificationEmail('conference_invited', { reportNumber: '75-2026-000042', conferenceAt: '2026-11-25T09:30:00Z' }, 'ru', 'https://qorgau.example/reports/abc');
    expect(mail.subject).toBe('Qorgau: Приглашение на совещание · № 75-2026-000042');
    expect(mail.text).toContain('Время совещания: 25.11.2026 14:30 (время Астаны)');
    expect(mail.text).toContain('Открыть: https://qorgau.example/reports/abc');
    expect(mail.text).toContain('\n-- \n');
  });
});
