import { describe, expect, it } from 'vitest';
import { newPerson } from '../reports/register/form-state.ts';
import { memberBody, memberProblems, newMember } from './member-draft.ts';
import { kzDay } from './dates.ts';

describe('household member drafts', () => {
  it('a child of the case by default; the relation decides', () => {
    expect(newMember().subject).toBe(true);
    expect(newMember('mother').subject).toBe(false);
  });

  it('asks to pick a person from the search, or for a new person\'s first name and a valid IIN', () => {
    expect(memberProblems(newMember())).toEqual({ person: 'cases.member.pickOrNew' });
    const typed = { ...newMember('mother'), mode: 'new' as const, person: { ...newPerson(), lastName: 'Әбенова', iin: '061211600013' } };
    expect(memberProblems(typed)).toEqual({ 'person.firstName': 'intake.errors.required', 'person.iin': 'intake.errors.iinChecksum' });
    expect(memberProblems({ ...typed, person: { ...typed.person, firstName: 'Гүлмира', iin: '061211600012' } })).toEqual({});
  });

  it('sends a picked person by id, a new one by name, and a school only for a pupil', () => {
    const picked = { ...newMember(), person: { ...newPerson(), existing: { id: 'p1', iin: null, lastName: 'А', firstName: 'Б', middleName: null, birthDate: null, sex: null } } };
    expect(memberBody({ ...picked, occupation: 'studying', schoolId: 's1' })).toMatchObject({ person: { id: 'p1' }, relation: 'child', subject: true, schoolId: 's1' });
    expect(memberBody({ ...picked, occupation: 'working', schoolId: 's1' }).schoolId).toBeNull();
    const typed = { ...newMember('father'), mode: 'new' as const, person: { ...newPerson(), lastName: ' Сейітов ', firstName: 'Нұрлан' } };
    expect(memberBody(typed).person).toEqual({ iin: null, lastName: 'Сейітов', firstName: 'Нұрлан', middleName: null, birthDate: null, sex: null });
  });
});

describe('Kazakhstan day of an instant', () => {
  it('is five hours ahead of UTC', () => {
    expect(kzDay('2026-11-23T18:59:00Z')).toBe('2026-11-23');
    expect(kzDay('2026-11-23T19:00:00Z')).toBe('2026-11-24');
  });
});
