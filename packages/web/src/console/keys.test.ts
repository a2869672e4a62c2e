import { describe, expect, it } from 'vitest';
import en from '../i18n/en.json' with { type: 'json' };
import kk from '../i18n/kk.json' with { type: 'json' };
import ru from '../i18n/ru.json' with { type: 'json' };
import { CHORDS, LOCAL_KEYS, chordOf, digitOf, yesNoOf, type KeyLike } from './keys.ts';
import { FIELD_ORDER, type Problem } from './draft.ts';
import { CALLER_TYPES, CONTACT_OUTCOMES, SCREENING_QUESTIONS } from './types.ts';

const key = (k: Partial<KeyLike>): KeyLike => ({ key: '', code: '', altKey: false, ctrlKey: false, metaKey: false, shiftKey: false, ...k });

describe('console keys', () => {
  it('knows the chords anywhere', () => {
    expect(chordOf(key({ key: 'F2', code: 'F2' }))).toBe('start');
    expect(chordOf(key({ key: 'n', code: 'KeyN', altKey: true }))).toBe('start');
    // Alt chords go by the physical key, also in a Cyrillic layout
    expect(chordOf(key({ key: 'т', code: 'KeyN', altKey: true }))).toBe('start');
    expect(chordOf(key({ key: 'F4', code: 'F4' }))).toBe('end');
    expect(chordOf(key({ key: 'F4', code: 'F4', altKey: true }))).toBeNull(); // Alt+F4 belongs to the window manager
    expect(chordOf(key({ key: 'Enter', code: 'Enter', ctrlKey: true }))).toBe('save');
    expect(chordOf(key({ key: 'Enter', code: 'Enter', metaKey: true }))).toBe('save');
    expect(chordOf(key({ key: 'Enter', code: 'Enter' }))).toBeNull();
    expect(chordOf(key({ key: 'k', code: 'KeyK', altKey: true }))).toBe('child');
    expect(chordOf(key({ key: 'd', code: 'KeyD', altKey: true }))).toBeNull(); // the browser's address bar
    for (const chord of CHORDS) expect(chord.keys.length).toBeGreaterThan(0);
  });

  it('reads caller-type digits from the top row and the keypad', () => {
    expect(digitOf(key({ key: '2', code: 'Digit2' }))).toBe(2);
    expect(digitOf(key({ key: '8', code: 'Numpad8' }))).toBe(8);
    expect(digitOf(key({ key: '"', code: 'Digit2', shiftKey: true }))).toBe(2);
    expect(digitOf(key({ key: '2', code: 'Digit2', altKey: true }))).toBeNull();
    expect(digitOf(key({ key: 'a', code: 'KeyA' }))).toBeNull();
  });

  it('answers yes/no in English, Russian and Kazakh letters', () => {
    expect(yesNoOf(key({ key: 'y' }))).toBe(true);
    expect(yesNoOf(key({ key: 'Y' }))).toBe(true);
    expect(yesNoOf(key({ key: 'д' }))).toBe(true);
    expect(yesNoOf(key({ key: 'и' }))).toBe(true);
    expect(yesNoOf(key({ key: 'n' }))).toBe(false);
    expect(yesNoOf(key({ key: 'н' }))).toBe(false);
    expect(yesNoOf(key({ key: 'ж' }))).toBe(false);
    expect(yesNoOf(key({ key: 'x' }))).toBeNull();
    expect(yesNoOf(key({ key: 'y', ctrlKey: true }))).toBeNull();
  });
});

describe('console texts built at run time', () => {
  const PROBLEMS: Problem[] = ['required', 'age', 'noOpenReport', 'childNeeded', 'phone'];
  const keys = [
    ...CALLER_TYPES.map((c) => `callerType.${c}`),
    ...CONTACT_OUTCOMES.map((o) => `outcome.${o}`),
    ...SCREENING_QUESTIONS.map((q) => `screening.${q}`),
    ...PROBLEMS.map((p) => `invalid.${p}`),
    ...CHORDS.map((c) => `help.action.${c.action}`),
    ...LOCAL_KEYS.map((c) => `help.local.${c.id}`),
  ];
  it.each([['kk', kk], ['ru', ru], ['en', en]] as const)('exist in %s', (_lang, catalog) => {
    const section = (catalog as unknown as { console: Record<string, unknown> }).console;
    const missing = keys.filter((k) => {
      let node: unknown = section;
      for (const part of k.split('.')) node = typeof node === 'object' && node ? (node as Record<string, unknown>)[part] : undefined;
      return typeof node !== 'string' || !node.trim();
    });
    expect(missing).toEqual([]);
    expect(FIELD_ORDER.length).toBeGreaterThan(10);
  });
});
