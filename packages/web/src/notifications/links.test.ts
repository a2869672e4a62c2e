import { describe, expect, it } from 'vitest';
import { notificationHref, notificationWords } from './api.ts';

describe('notifications in the web', () => {
  it('opens the report, or the inbox when there is none', () => {
    expect(notificationHref({ reportId: 'a1b2' })).toBe('/reports/a1b2');
    expect(notificationHref({ reportId: null })).toBe('/inbox');
    expect(notificationHref({ reportId: null, params: { concernId: '5d9c2f3e-1111-4222-8333-444455556666' } })).toBe('/concerns/5d9c2f3e-1111-4222-8333-444455556666');
  });

  it('renders the text in the interface language', () => {
    const n = { kind: 'task_new' as const, params: { reportNumber: '75-2026-000001', action: 'home_visit' as const } };
    expect(notificationWords(n, 'kk').title).toBe('Бөлімшеге жаңа тапсырма · № 75-2026-000001');
    expect(notificationWords(n, 'ru').body).toBe('Сообщение: № 75-2026-000001\nЗадача: Посещение семьи, осмотр ребёнка');
    expect(notificationWords(n, 'en').title).toBe('New task for your unit · № 75-2026-000001');
  });
});
