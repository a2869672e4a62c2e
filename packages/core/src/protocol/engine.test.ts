import { describe, expect, it } from 'vitest';
import { WorkingCalendar } from '../calendar.ts';
import { DEFAULT_PROTOCOL } from './default-protocol.ts';
import { applyProtocol, escalationAt, priorityOf } from './engine.ts';
import type { ProtocolDefinition, ReportFacts } from './types.ts';

// 2026: 1 May (Fri) is a holiday; 7 and 9 May are holidays too
const calendar = new WorkingCalendar([
  { date: '2026-05-01', kind: 'holiday' },
  { date: '2026-05-07', kind: 'holiday' },
  { date: '2026-05-09', kind: 'holiday' },
  { date: '2026-05-11', kind: 'day_off_transfer' },
]);

const facts = (over: Partial<ReportFacts> = {}): ReportFacts => ({
  channel: 'hotline', screening: {}, incidents: [{ types: ['psychological'], place: 'home' }], ...over,
});

const hours = (from: Date, to: Date) => (to.getTime() - from.getTime()) / 3_600_000;

describe('the default protocol', () => {
  it('makes a P1 sexual-violence report at a school a task for police, health, a psychologist and the school', () => {
    const at = new Date('2026-11-23T10:00:00+05:00'); // Monday
    const out = applyProtocol(DEFAULT_PROTOCOL, facts({
      screening: { immediateDanger: true },
      incidents: [{ types: ['sexual'], place: 'school', schoolId: 's1', perpetratorRelations: ['school_staff'] }],
    }), at, calendar);
    expect(out.priority).toBe('P1');
    const by = new Map(out.tasks.map((t) => [`${t.agencyType}/${t.action}`, t]));
    expect(hours(at, by.get('police/immediate_response')!.dueAt)).toBe(2);
    expect(hours(at, by.get('police/criminal_check')!.dueAt)).toBe(24);
    expect(hours(at, by.get('health/medical_examination')!.dueAt)).toBe(24);
    expect(hours(at, by.get('service_provider/psychological_support')!.dueAt)).toBe(24);
    expect(hours(at, by.get('education/school_response')!.dueAt)).toBe(24);
    expect(hours(at, by.get('social_protection/home_visit')!.dueAt)).toBe(24);
    expect(by.get('social_protection/decide_report')!.dueAt.toISOString()).toBe('2026-11-24T05:00:00.000Z');
    expect(by.get('juvenile_commission/commission_review')!.mandatory).toBe(false);
    // ordered by due time
    expect(out.tasks.map((t) => t.dueAt.getTime())).toEqual([...out.tasks.map((t) => t.dueAt.getTime())].sort((a, b) => a - b));
  });

  it('gives P2 a home visit within 72 h and P3 an assessment within 5 working days', () => {
    const at = new Date('2026-04-29T16:00:00+05:00'); // Wednesday before the May holidays
    const p2 = applyProtocol(DEFAULT_PROTOCOL, facts({ screening: { childInjured: true } }), at, calendar);
    expect(p2.priority).toBe('P2');
    expect(p2.priorityRuleIds).toEqual(['injured']);
    expect(hours(at, p2.tasks.find((t) => t.action === 'home_visit')!.dueAt)).toBe(72);
    const p3 = applyProtocol(DEFAULT_PROTOCOL, facts(), at, calendar);
    expect(p3.priority).toBe('P3');
    // Thu 30 Apr, (Fri 1 May holiday), Mon 4, Tue 5, Wed 6, (Thu 7 holiday), Fri 8 → the fifth working day is Fri 8 May
    expect(p3.tasks.find((t) => t.action === 'safety_assessment')!.dueAt.toISOString()).toBe('2026-05-08T11:00:00.000Z');
    // the decision: one working day, and Thursday is one
    expect(p3.tasks.find((t) => t.action === 'decide_report')!.dueAt.toISOString()).toBe('2026-04-30T11:00:00.000Z');
  });

  it('starts a working-day deadline at 09:00 of the next working day for a report on a holiday', () => {
    const at = new Date('2026-05-09T15:00:00+05:00'); // Saturday, Victory Day
    const out = applyProtocol(DEFAULT_PROTOCOL, facts(), at, calendar);
    // Mon 11 May is a transferred day off → the clock starts Tue 12 May 09:00; one working day later is Wed 13 May 09:00
    expect(out.tasks.find((t) => t.action === 'decide_report')!.dueAt.toISOString()).toBe('2026-05-13T04:00:00.000Z');
  });

  it('always brings the police for criminal indicators, by type or by a Criminal Code article', () => {
    const at = new Date('2026-11-23T10:00:00+05:00');
    const byType = applyProtocol(DEFAULT_PROTOCOL, facts({ incidents: [{ types: ['trafficking'] }] }), at, calendar);
    expect(byType.tasks.some((t) => t.agencyType === 'police')).toBe(true);
    const byArticle = applyProtocol(DEFAULT_PROTOCOL, facts({ incidents: [{ types: ['psychological'], legalQualification: [{ code: 'criminal', article: '140' }] }] }), at, calendar);
    expect(byArticle.tasks.some((t) => t.agencyType === 'police' && t.action === 'criminal_check')).toBe(true);
    const none = applyProtocol(DEFAULT_PROTOCOL, facts({ incidents: [{ types: ['psychological'], legalQualification: [{ code: 'administrative', article: '73' }] }] }), at, calendar);
    expect(none.tasks.some((t) => t.agencyType === 'police')).toBe(false);
  });

  it('brings the school only when a school is involved', () => {
    const at = new Date('2026-11-23T10:00:00+05:00');
    expect(applyProtocol(DEFAULT_PROTOCOL, facts(), at, calendar).tasks.some((t) => t.agencyType === 'education')).toBe(false);
    expect(applyProtocol(DEFAULT_PROTOCOL, facts({ incidents: [{ types: ['physical'], schoolId: 'x' }] }), at, calendar).tasks.some((t) => t.agencyType === 'education')).toBe(true);
  });

  it('takes the most urgent of all matching priority rules', () => {
    expect(priorityOf(DEFAULT_PROTOCOL, facts({ screening: { childInjured: true, immediateDanger: true } }))).toEqual({ priority: 'P1', ruleIds: ['danger'] });
    expect(priorityOf(DEFAULT_PROTOCOL, facts({ incidents: [{ types: ['sexual'] }], screening: { perpetratorHasAccess: true } })).priority).toBe('P1');
  });

  it('keeps one task per agency and action: the earliest deadline, mandatory if any rule says so', () => {
    const p: ProtocolDefinition = {
      ...DEFAULT_PROTOCOL,
      taskRules: [
        { id: 'a', when: {}, agencyType: 'police', action: 'criminal_check', deadline: { hours: 48 }, mandatory: false },
        { id: 'b', when: { types: ['physical'] }, agencyType: 'police', action: 'criminal_check', deadline: { hours: 6 }, mandatory: false },
        { id: 'c', when: { types: ['physical'] }, agencyType: 'police', action: 'criminal_check', deadline: { hours: 12 }, mandatory: true },
      ],
    };
    const at = new Date('2026-11-23T10:00:00+05:00');
    const out = applyProtocol(p, facts({ incidents: [{ types: ['physical'] }] }), at, calendar);
    expect(out.tasks).toHaveLength(1);
    expect(out.tasks[0]).toMatchObject({ ruleId: 'b', mandatory: true });
    expect(hours(at, out.tasks[0]!.dueAt)).toBe(6);
  });

  it('times escalation steps after the due time, and has none past the chain', () => {
    const due = new Date('2026-11-23T10:00:00+05:00');
    expect(escalationAt(DEFAULT_PROTOCOL, 'P1', due, 0, calendar)?.getTime()).toBe(due.getTime());
    expect(hours(due, escalationAt(DEFAULT_PROTOCOL, 'P1', due, 1, calendar)!)).toBe(2);
    expect(escalationAt(DEFAULT_PROTOCOL, 'P1', due, 4, calendar)).toBeNull();
  });
});
