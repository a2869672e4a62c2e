import { describe, expect, it } from 'vitest';
import { detectScript, nameSimilarity, nameTokens, personNameKey, toLatinKey } from './index.ts';

// Every spelling in a group must give the same key.
const GROUPS: readonly (readonly string[])[] = [
  ['Askar Myrzakhmetov', 'Asqar Myrzahmetov', 'Асқар Мырзахметов', 'Аскар Мырзахметов', 'ASKAR MYRZAKHMETOV'],
  ['Асқар', 'Аскар', 'Askar', 'Asqar'],
  ['Нұрсұлтан', 'Нурсултан', 'Nursultan', 'Nursoultan', 'Nūrsūltan'],
  ['Жанна', 'Zhanna', 'Janna'],
  ['Ерлан', 'Yerlan', 'Erlan'],
  ['Айгерим', 'Aigerim', 'Aygerim', 'Aıgerım'],
  ['Олжас', 'Olzhas', 'Oljas'],
  ['Шолпан', 'Sholpan', 'Şolpan'],
  ['Мұхтар', 'Мухтар', 'Mukhtar', 'Muhtar', 'Muxtar'],
  ['Ғалым', 'Галым', 'Galym', 'Ğalym', 'Ghalym'],
  ['Дмитрий', 'Dmitriy', 'Dmitrii', 'Dmitry'],
  ['Юлия', 'Yulia', 'Iuliia', 'Yuliya'],
  ['Сергей', 'Sergey', 'Sergei'],
  ['Ержан', 'Yerzhan', 'Erzhan', 'Erjan', 'Yerjan'],
  ['Жеңіс', 'Zhenis', 'Zheñıs', 'Jenis'],
  ['Әлия', 'Алия', 'Aliya', 'Äliia', 'Alia'],
  ['Гүлнар', 'Гульнар', 'Gulnar', 'Gülnar'],
  ['Дәулет', 'Даулет', 'Daulet', 'Däulet', 'Dawlet'],
  ['Бауыржан', 'Bauyrzhan', 'Bauyrjan', 'Bawyrjan'],
  ['Қайрат', 'Кайрат', 'Kairat', 'Qairat', 'Kayrat', 'Qaırat'],
  ['Ақмарал', 'Akmaral', 'Aqmaral'],
  ['Нұржан', 'Nurzhan', 'Nurjan'],
  ['Айжан', 'Aizhan', 'Ayzhan', 'Aijan'],
  ['Елена', 'Yelena', 'Elena'],
  ['Евгений', 'Yevgeniy', 'Evgeny', 'Evgenii', 'Yevgeny'],
  ['Александр', 'Aleksandr', 'Alexandr'],
  ['Максим', 'Maksim', 'Maxim'],
  ['Наталья', 'Наталия', 'Natalia', 'Natalya', 'Nataliya'],
  ['Дарья', 'Daria', 'Darya', 'Dariya'],
  ['Фёдор', 'Федор', 'Fedor', 'Fyodor'],
  ['Артём', 'Артем', 'Artem', 'Artyom'],
  ['Пётр', 'Петр', 'Petr', 'Pyotr'],
  ['Ильяс', 'Ілияс', 'Ilyas', 'Ilias', 'Iliyas'],
  ['Цой', 'Tsoy', 'Tsoi', 'Coi'],
  ['Васильев', 'Vasilyev', 'Vasiliev', 'Vasilev'],
  ['Андреевич', 'Andreyevich', 'Andreevich'],
  ['Құрманғазы', 'Курмангазы', 'Kurmangazy', 'Qurmanğazy', 'Kurmanghazy'],
  ['Шыңғыс', 'Shyngys', 'Şyñğys', 'Shynghys'],
  ['Ботагөз', 'Ботагоз', 'Botagoz', 'Botagöz'],
  ['Сәуле', 'Сауле', 'Saule', 'Säule', 'Sawle'],
  ['Жұлдыз', 'Жулдыз', 'Zhuldyz', 'Juldyz', 'Juldız'],
  ['Ермек', 'Yermek', 'Ermek'],
  ['Қанат', 'Канат', 'Kanat', 'Qanat'],
  ['Мұхаммед', 'Мухамед', 'Mukhammed', 'Mukhamed', 'Muhammed'],
  ['Хадиша', 'Khadisha', 'Hadisha', 'Hadişa'],
  ['Ахметов', 'Akhmetov', 'Ahmetov', 'Axmetov'],
  ['Қасымов', 'Касымов', 'Kasymov', 'Qasymov', 'Kassymov'],
  ['Сейітқали', 'Сейтқали', 'Seitkali', 'Seytkali', 'Seitqali'],
  ['Есенов', 'Yesenov', 'Esenov', 'Yessenov'],
  ['Юсупов', 'Yusupov', 'Iusupov'],
  ['Сағындық', 'Sagyndyk', 'Saghyndyk', 'Sağyndyq'],
  ['Ольга', 'Olga', "Ol'ga", 'Olʼga'],
  ['Семён', 'Семен', 'Semen', 'Semyon', 'Semion'],
  ['Ксения', 'Kseniya', 'Ksenia'],
  ['Чингиз', 'Chingiz', 'Čingiz'],
  ['Щербаков', 'Shcherbakov', 'Sherbakov', 'Şşerbakov'],
  ['Джамбул', 'Dzhambul', 'Jambul', 'Djambul'],
  ['Мырзахметова-Сейтқали', 'Myrzakhmetova-Seitkali', 'Myrzahmetova Seitqali'],
];

// Clearly different names must not share a key.
const DIFFERENT: readonly (readonly [string, string])[] = [
  ['Асқар', 'Ақсары'], ['Aigerim', 'Aigul'], ['Sergey', 'Sergo'], ['Марат', 'Мурат'], ['Дана', 'Дина'],
  ['Алия', 'Алина'], ['Нұрлан', 'Нұрсұлтан'], ['Ержан', 'Ерлан'], ['Жанна', 'Жанар'], ['Иван', 'Иванов'],
  ['Сергей', 'Сергеев'], ['Мадина', 'Медина'], ['Ахмет', 'Ахмед'], ['Айдар', 'Айдана'], ['Бекзат', 'Бекжан'],
  ['Данияр', 'Дания'], ['Гүлнар', 'Гүлнара'], ['Ерболат', 'Болат'], ['Тимур', 'Темір'], ['Азамат', 'Азат'],
  ['Самат', 'Саят'], ['Олжас', 'Олжабай'], ['Асқар', 'Асхат'], ['Қанат', 'Қайрат'], ['Дмитрий', 'Дмитриев'],
  ['Юлия', 'Юлиан'], ['Айжан', 'Айжана'], ['Марина', 'Мария'], ['Askar', 'Oskar'], ['Zhanna', 'Zhanat'],
];

describe('toLatinKey', () => {
  it(`gives one key per variant group (${GROUPS.length} groups)`, () => {
    expect(GROUPS.length).toBeGreaterThanOrEqual(40);
    for (const group of GROUPS) {
      const keys = group.map((s) => toLatinKey(s));
      const first = keys[0];
      expect(first, group.join(' / ')).toMatch(/^[a-z]+( [a-z]+)*$/);
      for (const [i, k] of keys.entries()) expect(k, `${group[i]} vs ${group[0]}`).toBe(first);
    }
  });

  it('gives the reference name one key', () => {
    const keys = new Set(
      ['Askar Myrzakhmetov', 'Asqar Myrzahmetov', 'Асқар Мырзахметов', 'Аскар Мырзахметов'].map(toLatinKey),
    );
    expect([...keys]).toEqual(['askar mirzahmetov']);
  });

  it(`keeps different names apart (${DIFFERENT.length} pairs)`, () => {
    expect(DIFFERENT.length).toBeGreaterThanOrEqual(20);
    for (const [a, b] of DIFFERENT) expect(toLatinKey(a), `${a} vs ${b}`).not.toBe(toLatinKey(b));
  });

  it('keeps variant groups apart from each other', () => {
    const seen = new Map<string, string>();
    for (const group of GROUPS.slice(1)) {
      const k = toLatinKey(group[0] ?? '');
      expect(seen.get(k), `${group[0]} collides with ${seen.get(k)}`).toBeUndefined();
      seen.set(k, group[0] ?? '');
    }
  });

  it('normalises whitespace, case and punctuation', () => {
    expect(toLatinKey('  АСҚАР   мырзахметов ')).toBe('askar mirzahmetov');
    expect(toLatinKey('Мырзахметова-Сейтқали')).toBe('mirzahmetova seitkali');
    expect(toLatinKey('')).toBe('');
    expect(toLatinKey('—')).toBe('');
    expect(toLatinKey('Ъ')).toBe('');
  });

  it('handles decomposed Unicode input', () => {
    expect(toLatinKey('Дмитрий'.normalize('NFD'))).toBe(toLatinKey('Дмитрий'));
    expect(toLatinKey('Фёдор'.normalize('NFD'))).toBe('fedor');
    expect(toLatinKey('Gülnar'.normalize('NFD'))).toBe(toLatinKey('Гүлнар'));
  });
});

// Official 2021 Kazakh Latin table and ICAO 9303 passport table (Kazakh letters lose diacritics).
const KAZ_2021: Readonly<Record<string, string>> = {
  а: 'a', ә: 'ä', б: 'b', в: 'v', г: 'g', ғ: 'ğ', д: 'd', е: 'e', ё: 'io', ж: 'j', з: 'z', и: 'i', й: 'i', к: 'k',
  қ: 'q', л: 'l', м: 'm', н: 'n', ң: 'ñ', о: 'o', ө: 'ö', п: 'p', р: 'r', с: 's', т: 't', у: 'u', ұ: 'ū', ү: 'ü',
  ф: 'f', х: 'h', һ: 'h', ц: 'ts', ч: 'ch', ш: 'ş', щ: 'şş', ъ: '', ы: 'y', і: 'ı', ь: '', э: 'e', ю: 'iu', я: 'ia',
};
const ICAO: Readonly<Record<string, string>> = {
  а: 'a', ә: 'a', б: 'b', в: 'v', г: 'g', ғ: 'g', д: 'd', е: 'e', ё: 'e', ж: 'zh', з: 'z', и: 'i', й: 'i', к: 'k',
  қ: 'k', л: 'l', м: 'm', н: 'n', ң: 'n', о: 'o', ө: 'o', п: 'p', р: 'r', с: 's', т: 't', у: 'u', ұ: 'u', ү: 'u',
  ф: 'f', х: 'kh', һ: 'h', ц: 'ts', ч: 'ch', ш: 'sh', щ: 'shch', ъ: 'ie', ы: 'y', і: 'i', ь: '', э: 'e', ю: 'iu', я: 'ia',
};
const translit = (s: string, table: Readonly<Record<string, string>>): string =>
  [...s.toLowerCase()].map((c) => table[c] ?? c).join('');

const CYRILLIC_NAMES = [
  'Асқар Мырзахметов', 'Нұрсұлтан', 'Жанна', 'Ерлан', 'Айгерим', 'Олжас', 'Шолпан', 'Мұхтар', 'Ғалым', 'Дмитрий',
  'Юлия', 'Сергей', 'Жеңіс', 'Әлия', 'Гүлнар', 'Дәулет', 'Бауыржан', 'Қайрат', 'Ботагөз', 'Сәуле', 'Жұлдыз',
  'Құрманғазы', 'Шыңғыс', 'Фёдор', 'Артём', 'Пётр', 'Семён', 'Щербаков', 'Наталья', 'Дарья', 'Ильяс', 'Цой',
  'Васильев', 'Андреевич', 'Евгений', 'Сейітқали', 'Хадиша', 'Сағындық', 'Серікұлы', 'Нұрланқызы', 'Өмірзақ',
  'Үміт', 'Іңкәр', 'Һарун', 'Ксения', 'Чингиз', 'Мұхаммедәлі', 'Ақжол Тоқтарұлы',
];

describe('official transliteration tables', () => {
  it('2021 Kazakh Latin and ICAO passport spellings fold to the Cyrillic key', () => {
    for (const name of CYRILLIC_NAMES) {
      const key = toLatinKey(name);
      expect(toLatinKey(translit(name, KAZ_2021)), `${name} → ${translit(name, KAZ_2021)}`).toBe(key);
      expect(toLatinKey(translit(name, ICAO)), `${name} → ${translit(name, ICAO)}`).toBe(key);
    }
  });
});

describe('personNameKey', () => {
  it('joins last, first and middle keys', () => {
    expect(personNameKey({ lastName: 'Мырзахметов', firstName: 'Асқар', middleName: 'Серікұлы' })).toBe(
      'mirzahmetov askar serikuli',
    );
    expect(personNameKey({ lastName: 'Myrzakhmetov', firstName: 'Askar', middleName: null })).toBe('mirzahmetov askar');
    expect(personNameKey({ lastName: 'Myrzakhmetov', firstName: 'Askar' })).toBe('mirzahmetov askar');
    expect(personNameKey({ lastName: 'Myrzakhmetov', firstName: 'Askar', middleName: ' ' })).toBe('mirzahmetov askar');
  });
});

describe('nameTokens', () => {
  it('splits on spaces and hyphens and folds each token', () => {
    expect(nameTokens('Мырзахметова-Сейтқали  Әлия')).toEqual(['mirzahmetova', 'seitkali', 'alia']);
    expect(nameTokens("Ol'ga")).toEqual(['olga']);
    expect(nameTokens('')).toEqual([]);
  });
});

describe('nameSimilarity', () => {
  it('is 1 for spellings of one name, in any order', () => {
    expect(nameSimilarity('Асқар Мырзахметов', 'Askar Myrzakhmetov')).toBe(1);
    expect(nameSimilarity('Мырзахметов Асқар', 'Asqar Myrzahmetov')).toBe(1);
  });
  it('is 0 for an empty name', () => {
    expect(nameSimilarity('', 'Askar')).toBe(0);
  });
  it('ranks close names above distant ones', () => {
    const q = 'Асқар Мырзахметов';
    const close = nameSimilarity(q, 'Askhat Myrzakhmetov');
    const partial = nameSimilarity(q, 'Askar');
    const far = nameSimilarity(q, 'Dana Seitkali');
    expect(close).toBeGreaterThan(far);
    expect(partial).toBeGreaterThan(far);
    expect(close).toBeLessThan(1);
    expect(far).toBeLessThan(0.3);
    expect(partial).toBeCloseTo(2 / 3, 10);
    for (const v of [close, partial, far]) {
      expect(v).toBeGreaterThanOrEqual(0);
      expect(v).toBeLessThanOrEqual(1);
    }
  });
  it('is symmetric', () => {
    expect(nameSimilarity('Aigerim', 'Aigul')).toBeCloseTo(nameSimilarity('Aigul', 'Aigerim'), 10);
    expect(nameSimilarity('Aigerim', 'Aigul')).toBeLessThan(0.9);
  });
});

describe('detectScript', () => {
  it('tells Cyrillic, Latin and mixed apart', () => {
    expect(detectScript('Асқар Мырзахметов')).toBe('cyrillic');
    expect(detectScript('Мұхтар-Әлі')).toBe('cyrillic');
    expect(detectScript('Asqar Myrzahmetov')).toBe('latin');
    expect(detectScript('Şolpan Ğalymqyzy')).toBe('latin');
    expect(detectScript('Aсқар')).toBe('mixed'); // Latin A in a Cyrillic word
    expect(detectScript('123')).toBe('latin');
  });
});
