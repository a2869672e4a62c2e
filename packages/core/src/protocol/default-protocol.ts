// The protocol Qorgau ships with (version 1). Timelines from PRODUCT.md: immediate danger —
// response at once and in person within 24 h (SDM, Texas Priority I); serious but not imminent —
// within 72 h; standard — within 5 working days; a decision on every report within 1 working day
// (UK Working Together). Criminal indicators always bring the police; sexual violence always
// brings a medical examination and a psychologist; a school involved always brings the school's
// social pedagogue. Administrators change all of it in the protocol editor.
import type { ProtocolDefinition } from './types.ts';

const SEXUAL = ['sexual', 'sexual_exploitation', 'online_sexual_abuse', 'trafficking', 'child_marriage'] as const;

export const DEFAULT_PROTOCOL: ProtocolDefinition = {
  defaultPriority: 'P3',
  priorityRules: [
    { id: 'danger', when: { screening: ['immediateDanger'] }, priority: 'P1' },
    { id: 'suicide', when: { types: ['suicide_attempt'] }, priority: 'P1' },
    { id: 'sexual-access', when: { types: [...SEXUAL], screening: ['perpetratorHasAccess'] }, priority: 'P1' },
    { id: 'injured', when: { screening: ['childInjured'] }, priority: 'P2' },
    { id: 'access', when: { screening: ['perpetratorHasAccess'] }, priority: 'P2' },
    { id: 'sexual', when: { types: [...SEXUAL] }, priority: 'P2' },
    { id: 'self-harm', when: { types: ['self_harm'] }, priority: 'P2' },
  ],
  criminalTypes: [
    'sexual', 'sexual_exploitation', 'online_sexual_abuse', 'trafficking', 'involvement_in_crime', 'labour_exploitation', 'child_marriage',
  ],
  taskRules: [
    // every report: a decision within one working day
    { id: 'decide', when: {}, agencyType: 'social_protection', action: 'decide_report', deadline: { workingDays: 1 }, mandatory: true },
    // by priority: in person at once / within 24 h, 72 h, 5 working days
    { id: 'p1-police', when: { priorities: ['P1'] }, agencyType: 'police', action: 'immediate_response', deadline: { hours: 2 }, mandatory: true },
    { id: 'p1-visit', when: { priorities: ['P1'] }, agencyType: 'social_protection', action: 'home_visit', deadline: { hours: 24 }, mandatory: true },
    { id: 'p2-visit', when: { priorities: ['P2'] }, agencyType: 'social_protection', action: 'home_visit', deadline: { hours: 72 }, mandatory: true },
    { id: 'p3-assess', when: { priorities: ['P3'] }, agencyType: 'social_protection', action: 'safety_assessment', deadline: { workingDays: 5 }, mandatory: true },
    // criminal indicators: the police always
    { id: 'criminal', when: { criminal: true }, agencyType: 'police', action: 'criminal_check', deadline: { hours: 24 }, mandatory: true },
    { id: 'domestic-police', when: { types: ['physical'], perpetratorRelations: ['mother', 'father', 'stepparent', 'caregiver', 'other_relative', 'sibling', 'grandparent'] }, agencyType: 'police', action: 'criminal_check', deadline: { hours: 24 }, mandatory: true },
    // sexual violence: medical examination and a psychologist
    { id: 'sexual-medical-p1', when: { types: [...SEXUAL], priorities: ['P1'] }, agencyType: 'health', action: 'medical_examination', deadline: { hours: 24 }, mandatory: true },
    { id: 'sexual-medical', when: { types: [...SEXUAL] }, agencyType: 'health', action: 'medical_examination', deadline: { hours: 72 }, mandatory: true },
    { id: 'sexual-psych-p1', when: { types: [...SEXUAL], priorities: ['P1'] }, agencyType: 'service_provider', action: 'psychological_support', deadline: { hours: 24 }, mandatory: true },
    { id: 'sexual-psych', when: { types: [...SEXUAL] }, agencyType: 'service_provider', action: 'psychological_support', deadline: { workingDays: 3 }, mandatory: true },
    // self-harm and suicide attempts: health and a psychologist
    { id: 'suicide-health', when: { types: ['suicide_attempt', 'self_harm'] }, agencyType: 'health', action: 'mental_health_assessment', deadline: { hours: 24 }, mandatory: true },
    { id: 'suicide-psych', when: { types: ['suicide_attempt', 'self_harm'] }, agencyType: 'service_provider', action: 'psychological_support', deadline: { workingDays: 1 }, mandatory: true },
    // physical harm: a medical examination
    { id: 'injured-medical', when: { screening: ['childInjured'] }, agencyType: 'health', action: 'medical_examination', deadline: { hours: 24 }, mandatory: true },
    // a school involved: the school's social pedagogue
    { id: 'school-p1', when: { schoolInvolved: true, priorities: ['P1'] }, agencyType: 'education', action: 'school_response', deadline: { hours: 24 }, mandatory: true },
    { id: 'school', when: { schoolInvolved: true }, agencyType: 'education', action: 'school_response', deadline: { workingDays: 1 }, mandatory: true },
    { id: 'bullying-school', when: { types: ['bullying', 'cyberbullying'] }, agencyType: 'education', action: 'school_response', deadline: { workingDays: 3 }, mandatory: true },
    // the commission on juvenile affairs looks at every P1 report
    { id: 'p1-commission', when: { priorities: ['P1'] }, agencyType: 'juvenile_commission', action: 'commission_review', deadline: { workingDays: 15 }, mandatory: false },
    { id: 'neglect-support', when: { types: ['neglect', 'domestic_violence_witness'] }, agencyType: 'social_protection', action: 'family_support', deadline: { workingDays: 10 }, mandatory: false },
  ],
  escalation: {
    P1: [
      { to: 'unit_head', after: { hours: 0 } },
      { to: 'regional_coordinator', after: { hours: 2 } },
      { to: 'juvenile_commission', after: { hours: 24 } },
      { to: 'prosecutor', after: { workingDays: 2 } },
    ],
    P2: [
      { to: 'unit_head', after: { hours: 0 } },
      { to: 'regional_coordinator', after: { hours: 24 } },
      { to: 'juvenile_commission', after: { workingDays: 3 } },
      { to: 'prosecutor', after: { workingDays: 5 } },
    ],
    P3: [
      { to: 'unit_head', after: { hours: 0 } },
      { to: 'regional_coordinator', after: { workingDays: 1 } },
      { to: 'juvenile_commission', after: { workingDays: 5 } },
      { to: 'prosecutor', after: { workingDays: 10 } },
    ],
    P4: [
      { to: 'unit_head', after: { hours: 0 } },
      { to: 'regional_coordinator', after: { workingDays: 3 } },
    ],
  },
};
