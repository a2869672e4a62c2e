import { describe, expect, it } from 'vitest';
import { ROLES } from './roles.ts';
import {
  AGENCY_TYPES, CHANNELS, LOCALES, PERPETRATOR_RELATIONS, PLACES, PRIORITIES, REPORTER_RELATIONS, SEXES,
  VIOLENCE_TYPES,
} from './vocab.ts';
import {
  agencyTypeLabels, channelLabels, perpetratorRelationLabels, placeLabels, priorityLabels, reporterRelationLabels,
  roleLabels, sexLabels, violenceTypeLabels, type Label,
} from './vocab-labels.ts';

const TABLES: [string, readonly string[], Record<string, Label>][] = [
  ['channel', CHANNELS, channelLabels],
  ['violenceType', VIOLENCE_TYPES, violenceTypeLabels],
  ['place', PLACES, placeLabels],
  ['perpetratorRelation', PERPETRATOR_RELATIONS, perpetratorRelationLabels],
  ['reporterRelation', REPORTER_RELATIONS, reporterRelationLabels],
  ['agencyType', AGENCY_TYPES, agencyTypeLabels],
  ['priority', PRIORITIES, priorityLabels],
  ['sex', SEXES, sexLabels],
  ['role', ROLES, roleLabels],
];

describe('vocabulary labels', () => {
  for (const [name, codes, labels] of TABLES) {
    it(`${name}: every code has kk, ru and en labels and nothing else`, () => {
      expect(Object.keys(labels).sort()).toEqual([...codes].sort());
      for (const code of codes) {
        const label = labels[code];
        expect(label, code).toBeDefined();
        for (const locale of LOCALES) {
          const text = label?.[locale] ?? '';
          expect(text.trim().length, `${name}.${code}.${locale}`).toBeGreaterThan(0);
          expect(text, `${name}.${code}.${locale}`).toBe(text.trim());
        }
        // the Russian and Kazakh labels are Cyrillic, the English one is not
        expect(label?.ru, `${name}.${code}.ru`).toMatch(/\p{Script=Cyrillic}/u);
        expect(label?.kk, `${name}.${code}.kk`).toMatch(/\p{Script=Cyrillic}/u);
        expect(label?.en, `${name}.${code}.en`).not.toMatch(/\p{Script=Cyrillic}/u);
      }
    });
    it(`${name}: labels are distinct within a locale`, () => {
      for (const locale of LOCALES) {
        const texts = codes.map((c) => labels[c]?.[locale]);
        expect(new Set(texts).size, `${name} ${locale}`).toBe(texts.length);
      }
    });
  }

  it('uses the agreed terminology', () => {
    expect(agencyTypeLabels.juvenile_commission.kk).toBe('Кәмелетке толмағандардың істері жөніндегі комиссия');
    expect(agencyTypeLabels.juvenile_commission.ru).toBe('Комиссия по делам несовершеннолетних');
    expect(channelLabels.psc.kk).toContain('ХҚКО');
    expect(channelLabels.psc.ru).toContain('ЦОН');
    expect(agencyTypeLabels.social_protection.kk).toBe('Қорғаншылық және қамқоршылық органы');
    expect(agencyTypeLabels.social_protection.ru).toBe('Органы опеки и попечительства');
  });

  it('Kazakh labels use Kazakh letters where the language needs them', () => {
    const kazakhLetters = /[әғқңөұүһі]/u;
    const allKk = TABLES.flatMap(([, codes, labels]) => codes.map((c) => labels[c]?.kk ?? ''));
    const withKazakh = allKk.filter((t) => kazakhLetters.test(t));
    expect(withKazakh.length / allKk.length).toBeGreaterThan(0.5);
  });
});
