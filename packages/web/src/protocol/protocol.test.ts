import { createInstance, type TFunction } from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_PROTOCOL, type Locale } from '@qorgau/core';
import { ApiError } from '../api.ts';
import en from '../i18n/en.json' with { type: 'json' };
import kk from '../i18n/kk.json' with { type: 'json' };
import ru from '../i18n/ru.json' with { type: 'json' };
import {
  canonicalJson, cleanCondition, fromDefinition, move, newStep, problemAt, problemExactly, problemsOf, sameDefinition, toDefinition, uniqueId,
} from './editor-state.ts';
import { defaultSample, sampleFacts } from './preview-sample.ts';
import { afterWords, conditionLines, conditionSentence, describePath, joinWords, problemWords, rulesFor, withinWords } from './words.ts';
import { formatDateTime, fromKzInput, kzInputValue } from '../format.ts';

const ts: Partial<Record<Locale, TFunction>> = {};
beforeAll(async () => {
  for (const [lng, resources] of Object.entries({ kk, ru, en })) {
    const i18n = createInstance();
    await i18n.init({ lng, resources: { [lng]: { translation: resources } }, interpolation: { escapeValue: false } });
    ts[lng as Locale] = i18n.t;
  }
});
const t = (l: Locale) => ts[l]!;

describe('protocol in words', () => {
  it('writes deadlines with the right number forms', () => {
    expect(withinWords(t('en'), { hours: 2 }, 'en')).toBe('within 2 hours');
    expect(withinWords(t('en'), { workingDays: 1 }, 'en')).toBe('within 1 working day');
    expect(withinWords(t('ru'), { hours: 24 }, 'ru')).toBe('в течение 24 часов');
    expect(withinWords(t('ru'), { hours: 21 }, 'ru')).toBe('в течение 21 часа');
    expect(withinWords(t('ru'), { workingDays: 5 }, 'ru')).toBe('в течение 5 рабочих дней');
    expect(withinWords(t('kk'), { workingDays: 1 }, 'kk')).toBe('1 жұмыс күні ішінде');
    expect(withinWords(t('en'), { hours: 0 }, 'en')).toBe('at once');
    expect(afterWords(t('en'), { hours: 0 }, 'en')).toBe('as soon as the task is overdue');
    expect(afterWords(t('ru'), { hours: 2 }, 'ru')).toBe('по истечении 2 часов после срока');
  });

  it('says conditions in the reader language, lists with "or"', () => {
    const sexualAccess = DEFAULT_PROTOCOL.priorityRules.find((r) => r.id === 'sexual-access')!;
    const lines = conditionLines(t('en'), sexualAccess.when, 'en');
    expect(lines.map((l) => l.label)).toEqual(['Screening answered “yes”', 'Type of violence']);
    expect(lines[1]!.text).toMatch(/^Sexual abuse, .* or Child marriage$/);
    expect(conditionSentence(t('ru'), { screening: ['immediateDanger'] }, 'ru')).toBe('Скрининг: ответ «да»: ребёнку угрожает непосредственная опасность');
    expect(conditionSentence(t('en'), {}, 'en')).toBe('Every report');
    expect(conditionSentence(t('en'), { priorities: ['P1'], schoolInvolved: true }, 'en', { omitPriorities: true })).toBe('A school is involved');
    expect(joinWords(t('kk'), ['а', 'б', 'в'], 'and')).toBe('а, б және в');
  });

  it('names where a problem is and translates the server messages it knows', () => {
    const ids = (list: 'priorityRules' | 'taskRules', i: number) => (list === 'taskRules' ? DEFAULT_PROTOCOL.taskRules[i]?.id : undefined);
    expect(describePath(t('en'), 'definition.taskRules.1.deadline.hours', ids)).toBe('Task rule 2 (p1-police) — Deadline');
    expect(describePath(t('en'), 'escalation.P1.2.after', ids)).toBe('Escalation P1, step 3 — After the due time');
    expect(describePath(t('ru'), 'taskRules', ids)).toBe('Правила задач');
    expect(problemWords(t('en'), 'Too big: expected number to be <=8760')).toBe('At most 8760');
    expect(problemWords(t('ru'), 'the rule id "decide" is used twice')).toBe('Код правила «decide» используется дважды');
    expect(problemWords(t('en'), 'something new')).toBe('something new');
  });

  it('lists for a priority the rules that may apply to it, soonest first', () => {
    const p1 = rulesFor(DEFAULT_PROTOCOL, 'P1').map((r) => r.id);
    expect(p1[0]).toBe('p1-police');
    expect(p1).toContain('decide');
    expect(p1).not.toContain('p2-visit');
    expect(rulesFor(DEFAULT_PROTOCOL, 'P4').some((r) => r.when.priorities?.length)).toBe(false);
  });
});

describe('editor state', () => {
  it('round-trips a definition and compares regardless of key order', () => {
    const draft = fromDefinition(DEFAULT_PROTOCOL);
    expect(draft.taskRules.every((r) => r.key)).toBe(true);
    expect(sameDefinition(toDefinition(draft), DEFAULT_PROTOCOL)).toBe(true);
    expect(canonicalJson({ b: 1, a: { d: 1, c: 2 } })).toBe('{"a":{"c":2,"d":1},"b":1}');
    draft.taskRules[0]!.deadline = { hours: 12 };
    expect(sameDefinition(toDefinition(draft), DEFAULT_PROTOCOL)).toBe(false);
  });

  it('cleans conditions, moves rows and picks unused ids', () => {
    expect(cleanCondition({ types: [], places: ['home'], criminal: undefined })).toEqual({ places: ['home'] });
    expect(move(['a', 'b', 'c'], 0, 1)).toEqual(['b', 'a', 'c']);
    expect(move(['a', 'b', 'c'], 2, 1)).toEqual(['a', 'b', 'c']);
    expect(uniqueId('x', ['x', 'x-2'])).toBe('x-3');
    expect(newStep([{ to: 'unit_head', after: { hours: 0 } }])).toMatchObject({ to: 'regional_coordinator', after: { hours: 24 } });
    expect(newStep([])).toMatchObject({ to: 'unit_head', after: { hours: 0 } });
  });

  it('finds the problems of a field from the server details', () => {
    const error = new ApiError('validation_failed', 'bad', [
      { path: 'definition.taskRules.3.deadline.hours', message: 'Too big' },
      { path: 'definition.taskRules', message: 'needs baseline' },
      { path: 'report.incidents.0.types', message: 'other' },
    ], 400);
    const problems = problemsOf(error);
    expect(problems).toHaveLength(2);
    expect(problemAt(problems, 'taskRules.3.deadline')).toBe('Too big');
    expect(problemAt(problems, 'taskRules.3.id')).toBeUndefined();
    expect(problemExactly(problems, 'taskRules')).toBe('needs baseline');
    expect(problemsOf(new Error('x'))).toEqual([]);
  });
});

describe('preview sample and Kazakhstan time', () => {
  it('sends the facts the protocol looks at', () => {
    const s = { ...defaultSample(new Date('2026-03-06T12:00:00Z')), school: true, article: ' 120 ' };
    expect(s.receivedAt).toBe('2026-03-06T17:00');
    expect(sampleFacts(s)).toEqual({
      channel: 'hotline',
      screening: { immediateDanger: false, childInjured: true, perpetratorHasAccess: false },
      incidents: [{
        types: ['physical'], place: 'home', schoolId: 'sample-school',
        legalQualification: [{ code: 'criminal', article: '120' }], perpetratorRelations: ['father'],
      }],
    });
    expect(sampleFacts({ ...s, types: [] })).toBeNull();
  });

  it('reads and writes Kazakhstan time whatever the browser zone', () => {
    expect(fromKzInput('2026-03-06T17:30')).toBe('2026-03-06T12:30:00.000Z');
    expect(fromKzInput('2026-03-06')).toBeNull();
    expect(kzInputValue(new Date('2026-03-06T20:00:00Z'))).toBe('2026-03-07T01:00');
    expect(formatDateTime('2026-03-06T12:30:00Z', 'en')).toContain('17:30');
  });
});
