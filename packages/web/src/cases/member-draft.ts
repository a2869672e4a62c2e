// A household member being entered (open form, household tab): pure state and its request body.
import type { CaseRelation, Occupation } from '@qorgau/core';
import { iinProblem, newKey, newPerson, victimBody, type PersonDraft } from '../reports/register/form-state.ts';
import type { MemberBody } from './types.ts';

export interface MemberDraft {
  key: string;
  person: PersonDraft;
  /** look the person up in the register, or enter a new one */
  mode: 'search' | 'new';
  relation: CaseRelation;
  subject: boolean;
  livesInHousehold: boolean;
  occupation: Occupation;
  schoolDistrict: string;
  schoolId: string;
  /** a child of the report the case is opened from */
  fromReport?: boolean;
}

export function newMember(relation: CaseRelation = 'child'): MemberDraft {
  return {
    key: newKey(), person: newPerson(), mode: 'search', relation, subject: relation === 'child', livesInHousehold: true, occupation: 'unknown', schoolDistrict: '', schoolId: '',
  };
}

/** What is wrong before sending (i18n keys by field), so that the form need not wait for the server. */
export function memberProblems(m: MemberDraft): Record<string, string> {
  const out: Record<string, string> = {};
  if (!m.person.existing) {
    if (m.mode === 'search') out.person = 'cases.member.pickOrNew';
    else {
      if (!m.person.firstName.trim()) out['person.firstName'] = 'intake.errors.required';
      const iin = iinProblem(m.person);
      if (iin) out['person.iin'] = iin;
    }
  }
  return out;
}

export function memberBody(m: MemberDraft): MemberBody {
  return {
    person: victimBody(m.person),
    relation: m.relation,
    subject: m.subject,
    livesInHousehold: m.livesInHousehold,
    occupation: m.occupation,
    schoolId: m.occupation === 'studying' && m.schoolId ? m.schoolId : null,
  };
}
