import { checkIinAgainst, parseIin, SEXES } from '@qorgau/core';
import { z } from 'zod';

const IIN_REASONS: Record<'format' | 'checksum' | 'date' | 'century', string> = {
  format: 'must be 12 digits',
  checksum: 'the check digit is wrong: the IIN is mistyped',
  date: 'the first six digits are not a real birth date',
  century: 'the 7th digit (century and sex) must be 1–6',
};

const nameField = z.string().trim().max(100, 'at most 100 characters');

export const isoDate = z.iso.date('must be a date YYYY-MM-DD');

/** A new person as sent by clients (API.md). Names are kept exactly as written. */
export const newPersonSchema = z.object({
  iin: z.string().trim().nullable().optional(),
  lastName: nameField.default(''),
  firstName: nameField.min(1, 'required'),
  middleName: nameField.nullable().optional(),
  birthDate: isoDate.nullable().optional(),
  /** when only an approximate age is known (hotline), in whole years */
  approxAge: z.number().int().min(0).max(120).nullable().optional(),
  sex: z.enum(SEXES).nullable().optional(),
}).superRefine((p, ctx) => {
  if (p.birthDate && (p.birthDate < '1900-01-01' || p.birthDate > new Date().toISOString().slice(0, 10))) {
    ctx.addIssue({ code: 'custom', path: ['birthDate'], message: 'must be between 1900-01-01 and today' });
  }
  if (p.iin) {
    const parsed = parseIin(p.iin);
    if (!parsed.ok) {
      ctx.addIssue({ code: 'custom', path: ['iin'], message: `invalid IIN: ${IIN_REASONS[parsed.reason]}` });
      return;
    }
    const mismatch = checkIinAgainst(p.iin, { birthDate: p.birthDate ?? null, sex: p.sex ?? null });
    if (mismatch === 'birth_date_mismatch') ctx.addIssue({ code: 'custom', path: ['iin'], message: `the IIN encodes birth date ${parsed.birthDate}, not ${p.birthDate}` });
    if (mismatch === 'sex_mismatch') ctx.addIssue({ code: 'custom', path: ['iin'], message: `the IIN encodes sex ${parsed.sex}, not ${p.sex}` });
  }
});
export type NewPerson = z.infer<typeof newPersonSchema>;

export const personRefSchema = z.union([z.object({ id: z.string().uuid('must be a person id') }).strict(), newPersonSchema]);
export type PersonRef = z.infer<typeof personRefSchema>;

export const personSchema = z.object({
  id: z.string(),
  iin: z.string().nullable(),
  lastName: z.string(),
  firstName: z.string(),
  middleName: z.string().nullable(),
  birthDate: z.string().nullable(),
  birthYearApprox: z.number().nullable(),
  sex: z.enum(SEXES).nullable(),
});
export type PersonDto = z.infer<typeof personSchema>;
