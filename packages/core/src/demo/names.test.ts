import { describe, expect, it } from 'vitest';
import { toLatinKey } from '../names/index.ts';
import {
  KK_FEMALE_CLASSIC,
  KK_FEMALE_MODERN,
  KK_MALE_CLASSIC,
  KK_MALE_MODERN,
  KK_SURNAMES,
  OTHER_SURNAMES,
  RU_FEMALE_CLASSIC,
  RU_FEMALE_MODERN,
  RU_MALE_CLASSIC,
  RU_MALE_MODERN,
  RU_SURNAMES,
  feminineSurname,
  kazakhPatronymic,
  russianPatronymic,
  toLatin,
  toRussianCyrillic,
} from './names.ts';

const KK_LETTERS = /[әғқңөұүһіӘҒҚҢӨҰҮҺІ]/u;
const KK_CYRILLIC_WORD = /^[А-ЯЁа-яёӘәҒғҚқҢңӨөҰұҮүҺһІі-]+$/u;
const RU_CYRILLIC_WORD = /^[А-ЯЁа-яё-]+$/u;

const unique = (...lists: readonly (readonly string[])[]): string[] => [...new Set(lists.flat())];

const KK_MALE = unique(KK_MALE_MODERN, KK_MALE_CLASSIC);
const KK_FEMALE = unique(KK_FEMALE_MODERN, KK_FEMALE_CLASSIC);
const RU_MALE = unique(RU_MALE_MODERN, RU_MALE_CLASSIC);
const RU_FEMALE = unique(RU_FEMALE_MODERN, RU_FEMALE_CLASSIC);

describe('name lists', () => {
  it('have at least 60 distinct first names for each language and sex', () => {
    for (const list of [KK_MALE, KK_FEMALE, RU_MALE, RU_FEMALE]) expect(list.length).toBeGreaterThanOrEqual(60);
    expect(unique(KK_SURNAMES).length).toBeGreaterThanOrEqual(60);
    expect(unique(RU_SURNAMES).length).toBeGreaterThanOrEqual(60);
  });

  it('write Kazakh names in Kazakh Cyrillic and Russian names in Russian Cyrillic', () => {
    for (const n of [...KK_MALE, ...KK_FEMALE, ...KK_SURNAMES]) expect(n).toMatch(KK_CYRILLIC_WORD);
    for (const n of [...RU_MALE, ...RU_FEMALE, ...RU_SURNAMES, ...OTHER_SURNAMES]) expect(n).toMatch(RU_CYRILLIC_WORD);
    // The Kazakh lists really use the Kazakh letters (ә ғ қ ң ө ұ ү һ і), all of them somewhere.
    const kk = [...KK_MALE, ...KK_FEMALE, ...KK_SURNAMES];
    expect(kk.filter((n) => KK_LETTERS.test(n)).length / kk.length).toBeGreaterThan(0.4);
    for (const letter of 'әғқңөұүһі') expect(kk.some((n) => n.toLowerCase().includes(letter))).toBe(true);
  });
});

describe('name grammar', () => {
  it('forms feminine surnames', () => {
    expect(feminineSurname('Ахметов')).toBe('Ахметова');
    expect(feminineSurname('Сәрсенбаев')).toBe('Сәрсенбаева');
    expect(feminineSurname('Соловьёв')).toBe('Соловьёва');
    expect(feminineSurname('Ғабдуллин')).toBe('Ғабдуллина');
    expect(feminineSurname('Вишневский')).toBe('Вишневская');
    expect(feminineSurname('Троицкий')).toBe('Троицкая');
    expect(feminineSurname('Серікұлы')).toBe('Серікқызы');
    expect(feminineSurname('Шевченко')).toBe('Шевченко');
    expect(feminineSurname('Ким')).toBe('Ким');
    expect(feminineSurname('Шмидт')).toBe('Шмидт');
  });

  it('forms patronymics the Russian way, also from Kazakh names', () => {
    const cases: [string, string, string][] = [
      ['Асқар', 'Асқарович', 'Асқаровна'],
      ['Сергей', 'Сергеевич', 'Сергеевна'],
      ['Николай', 'Николаевич', 'Николаевна'],
      ['Юрий', 'Юрьевич', 'Юрьевна'],
      ['Василий', 'Васильевич', 'Васильевна'],
      ['Георгий', 'Георгиевич', 'Георгиевна'],
      ['Игорь', 'Игоревич', 'Игоревна'],
      ['Илья', 'Ильич', 'Ильинична'],
      ['Никита', 'Никитич', 'Никитична'],
      ['Пётр', 'Петрович', 'Петровна'],
      ['Лев', 'Львович', 'Львовна'],
      ['Павел', 'Павлович', 'Павловна'],
      ['Қуаныш', 'Қуанышевич', 'Қуанышевна'],
      ['Ғани', 'Ғаниевич', 'Ғаниевна'],
      ['Абылай', 'Абылаевич', 'Абылаевна'],
    ];
    for (const [father, son, daughter] of cases) {
      expect(russianPatronymic(father, 'male')).toBe(son);
      expect(russianPatronymic(father, 'female')).toBe(daughter);
    }
    // Every father's name in the lists gives a patronymic with a regular ending.
    for (const n of [...KK_MALE, ...RU_MALE]) {
      expect(russianPatronymic(n, 'male')).toMatch(/(ович|евич|ич)$/u);
      expect(russianPatronymic(n, 'female')).toMatch(/(овна|евна|ична|инична)$/u);
    }
  });

  it('forms Kazakh patronymics with -ұлы / -қызы', () => {
    expect(kazakhPatronymic('Асқар', 'male')).toBe('Асқарұлы');
    expect(kazakhPatronymic('Асқар', 'female')).toBe('Асқарқызы');
  });
});

describe('scripts', () => {
  it('writes names in 2021 Kazakh Latin and in passport spelling', () => {
    expect(toLatin('Асқар Мырзахметов', 'kk_latin')).toBe('Asqar Myrzahmetov');
    expect(toLatin('Аскар Мырзахметов', 'passport_latin')).toBe('Askar Myrzakhmetov');
    expect(toLatin('Асқар Мырзахметов', 'passport_latin')).toBe('Askar Myrzakhmetov');
    expect(toLatin('Жансая Нұрланқызы', 'kk_latin')).toBe('Jansaia Nūrlanqyzy');
    expect(toLatin('Жансая Нұрланқызы', 'passport_latin')).toBe('Zhansaia Nurlankyzy');
    expect(toLatin('Інжу Әбілова', 'kk_latin')).toBe('Inju Äbılova');
    expect(toLatin('Шыңғыс', 'kk_latin')).toBe('Şyñğys');
    expect(toLatin('Юлия Щербакова', 'passport_latin')).toBe('Iuliia Shcherbakova');
    expect(toRussianCyrillic('Асқар Әбілов Гауһар')).toBe('Аскар Абилов Гаухар');
  });

  it('keeps every spelling of every list name on one search key (names/key.ts)', () => {
    const all = unique(KK_MALE, KK_FEMALE, RU_MALE, RU_FEMALE, KK_SURNAMES, RU_SURNAMES, OTHER_SURNAMES);
    const forms = all.flatMap((n) => [n, feminineSurname(n), russianPatronymic(n, 'female'), kazakhPatronymic(n, 'female')]);
    const mismatches = forms.filter((n) => {
      const key = toLatinKey(n);
      return (
        toLatinKey(toLatin(n, 'kk_latin')) !== key || toLatinKey(toLatin(n, 'passport_latin')) !== key || toLatinKey(toRussianCyrillic(n)) !== key
      );
    });
    expect(mismatches).toEqual([]);
  });
});
