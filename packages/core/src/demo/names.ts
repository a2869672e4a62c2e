// Name lists and name grammar for demo persons. Kazakh names are written in Kazakh Cyrillic
// (ә ғ қ ң ө ұ ү һ і), Russian names in Russian Cyrillic. Lists are ordered roughly by
// popularity; the sampler gives earlier names more weight (Zipf-like), so common names repeat
// the way they do in a real register (useful for duplicate detection and search).
//
// "modern" lists are for children born 2008–2026, "classic" lists for their parents'
// generation. A name may appear in both. All names are ordinary given names and surnames;
// combinations are random and refer to no real person.

import type { Sex } from '../vocab.ts';
import { type Rng, weightedSampler } from './rng.ts';

export type Ethnicity = 'kk' | 'ru' | 'other';
export type Generation = 'child' | 'adult';

export const KK_MALE_MODERN = [
  'Нұрсұлтан', 'Әлихан', 'Ерасыл', 'Нұрасыл', 'Айсұлтан', 'Алдияр', 'Әмір', 'Ерхан', 'Бекзат', 'Темірлан',
  'Абылай', 'Санжар', 'Данияр', 'Нұрислам', 'Ислам', 'Мұхаммед', 'Алинұр', 'Ернұр', 'Асылжан', 'Бекарыс',
  'Дінмұхаммед', 'Жандос', 'Нұрбол', 'Ақжол', 'Рауан', 'Диас', 'Айбар', 'Арнұр', 'Ерназар', 'Бексұлтан',
  'Нұрдәулет', 'Әмірхан', 'Айдын', 'Шыңғыс', 'Елнұр', 'Арсен', 'Тимур', 'Мирас', 'Әділ', 'Жәнібек',
] as const;

export const KK_MALE_CLASSIC = [
  'Нұрлан', 'Асқар', 'Ерлан', 'Серік', 'Бауыржан', 'Дәурен', 'Арман', 'Ержан', 'Қайрат', 'Қанат',
  'Марат', 'Мұрат', 'Ғалым', 'Ғабит', 'Талғат', 'Бақытжан', 'Болат', 'Ермек', 'Жасұлан', 'Мейрам',
  'Нұржан', 'Олжас', 'Азамат', 'Айдос', 'Ербол', 'Ерболат', 'Айбек', 'Дархан', 'Мақсат', 'Құдайберген',
  'Еркебұлан', 'Бекжан', 'Саят', 'Ахмет', 'Мұхтар', 'Рүстем', 'Төлеген', 'Сәкен', 'Ғани', 'Ілияс',
  'Әділет', 'Қуаныш', 'Жомарт', 'Тимур', 'Данияр', 'Елдос', 'Ақылбек', 'Мағжан',
] as const;

export const KK_FEMALE_MODERN = [
  'Айару', 'Аяла', 'Амина', 'Айым', 'Томирис', 'Інжу', 'Жансая', 'Медина', 'Аружан', 'Айша',
  'Асылым', 'Ділназ', 'Нұрай', 'Айзере', 'Мадина', 'Әсем', 'Аяулым', 'Жанель', 'Дарина', 'Ақбота',
  'Айсана', 'Айкөркем', 'Айдана', 'Арайлым', 'Балнұр', 'Зере', 'Қарақат', 'Мерей', 'Назерке', 'Нұрсұлу',
  'Сабина', 'Сезім', 'Ұлпан', 'Фатима', 'Хадиша', 'Шаһизада', 'Інкәр', 'Аяжан', 'Камила', 'Раяна',
] as const;

export const KK_FEMALE_CLASSIC = [
  'Гүлнар', 'Сәуле', 'Айгүл', 'Гүлмира', 'Динара', 'Жанар', 'Әйгерім', 'Гүлназ', 'Ақмарал', 'Алма',
  'Айнұр', 'Баян', 'Бибігүл', 'Гауһар', 'Жазира', 'Зарина', 'Индира', 'Қарлығаш', 'Ләззат', 'Маржан',
  'Назгүл', 'Нұргүл', 'Перизат', 'Райхан', 'Салтанат', 'Сандуғаш', 'Ұлжан', 'Шынар', 'Эльмира', 'Жібек',
  'Сымбат', 'Әлия', 'Айжан', 'Ботагөз', 'Гүлжан', 'Еркежан', 'Жұлдыз', 'Зәуре', 'Құралай', 'Меруерт',
  'Мөлдір', 'Толқын', 'Ақнұр', 'Лаура', 'Әсел', 'Ләйла', 'Самал', 'Мадина',
] as const;

export const RU_MALE_MODERN = [
  'Артём', 'Максим', 'Александр', 'Михаил', 'Даниил', 'Иван', 'Дмитрий', 'Кирилл', 'Андрей', 'Егор',
  'Никита', 'Илья', 'Алексей', 'Матвей', 'Тимофей', 'Роман', 'Владимир', 'Ярослав', 'Фёдор', 'Георгий',
  'Константин', 'Лев', 'Марк', 'Степан', 'Арсений', 'Елисей', 'Мирон', 'Платон', 'Тихон', 'Захар',
  'Глеб', 'Богдан', 'Макар', 'Савелий', 'Семён', 'Святослав', 'Давид', 'Денис', 'Демид', 'Всеволод',
] as const;

export const RU_MALE_CLASSIC = [
  'Сергей', 'Андрей', 'Алексей', 'Владимир', 'Дмитрий', 'Александр', 'Виктор', 'Игорь', 'Олег', 'Евгений',
  'Николай', 'Юрий', 'Вадим', 'Валерий', 'Василий', 'Виталий', 'Вячеслав', 'Геннадий', 'Денис', 'Константин',
  'Леонид', 'Павел', 'Пётр', 'Руслан', 'Станислав', 'Эдуард', 'Анатолий', 'Борис', 'Владислав', 'Григорий',
  'Антон', 'Артур', 'Валентин', 'Аркадий', 'Вениамин', 'Михаил', 'Иван', 'Роман', 'Максим', 'Илья',
  'Никита', 'Лев', 'Евгений', 'Кирилл', 'Ярослав', 'Филипп', 'Тимур', 'Ростислав',
] as const;

export const RU_FEMALE_MODERN = [
  'Анна', 'Мария', 'Софья', 'Анастасия', 'Виктория', 'Полина', 'Елизавета', 'Александра', 'Дарья', 'Варвара',
  'Ксения', 'Алиса', 'Вероника', 'Арина', 'Ева', 'Василиса', 'Милана', 'Ульяна', 'Кира', 'Валерия',
  'Екатерина', 'Алёна', 'Таисия', 'Есения', 'Злата', 'Мирослава', 'Маргарита', 'Диана', 'Кристина', 'Ангелина',
  'Эвелина', 'Серафима', 'Стефания', 'Яна', 'Карина', 'Алина', 'Вера', 'Амелия', 'Агата', 'Василина',
] as const;

export const RU_FEMALE_CLASSIC = [
  'Елена', 'Ольга', 'Наталья', 'Татьяна', 'Ирина', 'Светлана', 'Екатерина', 'Юлия', 'Марина', 'Анна',
  'Людмила', 'Галина', 'Оксана', 'Нина', 'Надежда', 'Любовь', 'Лариса', 'Валентина', 'Вера', 'Тамара',
  'Евгения', 'Инна', 'Жанна', 'Лилия', 'Алла', 'Зоя', 'Нелли', 'Римма', 'Ксения', 'Маргарита',
  'Виктория', 'Олеся', 'Кристина', 'Алёна', 'Яна', 'Дарья', 'Мария', 'Анастасия', 'Валерия', 'Лидия',
  'Раиса', 'Антонина', 'Эльвира', 'Регина', 'Вероника', 'Снежана', 'Полина', 'Софья',
] as const;

/** Kazakh surnames, masculine form. Mostly -ов/-ев, a few -ин. */
export const KK_SURNAMES = [
  'Ахметов', 'Сәрсенбаев', 'Жұмабаев', 'Қасымов', 'Омаров', 'Әбдірахманов', 'Төлеубаев', 'Серікбаев',
  'Нұрмағамбетов', 'Оспанов', 'Сейітов', 'Құдайбергенов', 'Әбілов', 'Байжанов', 'Ибраимов', 'Исаев',
  'Жұмабеков', 'Қалиев', 'Мұқанов', 'Сүлейменов', 'Төлегенов', 'Ермеков', 'Бейсенов', 'Рахимов',
  'Есенов', 'Тұрсынов', 'Абдуллаев', 'Мырзахметов', 'Жақсылықов', 'Әбенов', 'Нұрланов', 'Ержанов',
  'Қайратов', 'Мұратов', 'Болатов', 'Асқаров', 'Бекмұханбетов', 'Тоқтаров', 'Смағұлов', 'Кенжебаев',
  'Әлімов', 'Досмағамбетов', 'Ысқақов', 'Жанұзақов', 'Әубәкіров', 'Қожахметов', 'Мамыров', 'Нұрпейісов',
  'Аманжолов', 'Ахметжанов', 'Қалдыбаев', 'Әшімов', 'Ибрагимов', 'Бақытжанов', 'Шәріпов', 'Тәжібаев',
  'Өтебаев', 'Үсенов', 'Ғабдуллин', 'Хасенов', 'Мұсаев', 'Жүсіпов', 'Құрманов', 'Мақсұтов',
  'Әміров', 'Бекенов', 'Қуанышев', 'Сейдахметов', 'Тілеуов', 'Байғожин', 'Әлиев', 'Рысқұлов',
  'Ілиясов', 'Кәрімов', 'Зейнуллин', 'Садықов', 'Әділов', 'Ғалымжанов', 'Дүйсенбаев', 'Қожабеков',
  'Мұстафин', 'Шәкенов', 'Сапаров', 'Жолдасбеков', 'Нұрғалиев', 'Бөкейханов', 'Қуандықов', 'Ордабаев',
] as const;

/** Russian surnames, masculine form: -ов/-ев, -ин, -ский/-цкий. */
export const RU_SURNAMES = [
  'Иванов', 'Смирнов', 'Кузнецов', 'Попов', 'Васильев', 'Петров', 'Соколов', 'Михайлов', 'Новиков', 'Фёдоров',
  'Морозов', 'Волков', 'Алексеев', 'Лебедев', 'Семёнов', 'Егоров', 'Павлов', 'Козлов', 'Степанов', 'Николаев',
  'Орлов', 'Андреев', 'Макаров', 'Никитин', 'Захаров', 'Зайцев', 'Соловьёв', 'Борисов', 'Яковлев', 'Григорьев',
  'Романов', 'Воробьёв', 'Сергеев', 'Кузьмин', 'Фролов', 'Александров', 'Дмитриев', 'Королёв', 'Гусев', 'Киселёв',
  'Ильин', 'Максимов', 'Поляков', 'Сорокин', 'Виноградов', 'Ковалёв', 'Белов', 'Медведев', 'Антонов', 'Тарасов',
  'Жуков', 'Баранов', 'Филиппов', 'Комаров', 'Давыдов', 'Беляев', 'Герасимов', 'Богданов', 'Осипов', 'Сидоров',
  'Матвеев', 'Титов', 'Марков', 'Миронов', 'Крылов', 'Куликов', 'Карпов', 'Власов', 'Мельников', 'Денисов',
  'Гаврилов', 'Тихонов', 'Калинин', 'Воронин', 'Галкин', 'Гришин', 'Зимин', 'Шишкин', 'Бородин', 'Панин',
  'Вишневский', 'Покровский', 'Успенский', 'Каминский', 'Островский', 'Жуковский', 'Троицкий', 'Высоцкий',
] as const;

/**
 * Surnames of Kazakhstan's other communities (Ukrainian, Korean, German, Tatar, Uzbek, Uyghur),
 * written in Russian Cyrillic. Several do not change with gender (-енко, Korean, German).
 */
export const OTHER_SURNAMES = [
  'Шевченко', 'Бондаренко', 'Коваленко', 'Ткаченко', 'Кравченко', 'Мельник', 'Ким', 'Пак', 'Ли', 'Цой',
  'Тен', 'Шмидт', 'Миллер', 'Вагнер', 'Гофман', 'Классен', 'Юсупов', 'Каримов', 'Исмаилов', 'Турдиев',
  'Хабибуллин', 'Галиев', 'Сафин', 'Ахмедов', 'Мамедов', 'Гарипов',
] as const;

/** Russian patronymics that do not follow the regular rules. */
const IRREGULAR_PATRONYMICS: Readonly<Record<string, readonly [string, string]>> = {
  'Пётр': ['Петрович', 'Петровна'],
  'Лев': ['Львович', 'Львовна'],
  'Павел': ['Павлович', 'Павловна'],
  'Никита': ['Никитич', 'Никитична'],
  'Илья': ['Ильич', 'Ильинична'],
  'Георгий': ['Георгиевич', 'Георгиевна'],
};

/**
 * Russian-style patronymic from a father's given name (also used with Kazakh names, as in
 * Kazakhstani documents: Асқар → Асқарович / Асқаровна).
 */
export function russianPatronymic(fatherName: string, sex: Sex): string {
  const irregular = IRREGULAR_PATRONYMICS[fatherName];
  if (irregular) return sex === 'male' ? irregular[0] : irregular[1];
  const end = sex === 'male' ? 'ич' : 'на';
  if (fatherName.endsWith('ий')) return `${fatherName.slice(0, -2)}ьев${end}`; // Юрий → Юрьевич
  if (/[аеоуыэюяи]й$/u.test(fatherName)) return `${fatherName.slice(0, -1)}ев${end}`; // Сергей → Сергеевич
  if (fatherName.endsWith('ь')) return `${fatherName.slice(0, -1)}ев${end}`; // Игорь → Игоревич
  if (/[иіжшчщц]$/u.test(fatherName)) return `${fatherName}ев${end}`; // Ғани → Ғаниевич
  return `${fatherName}ов${end}`;
}

/** Kazakh patronymic: Асқар → Асқарұлы (son) / Асқарқызы (daughter). */
export function kazakhPatronymic(fatherName: string, sex: Sex): string {
  return `${fatherName}${sex === 'male' ? 'ұлы' : 'қызы'}`;
}

/** The feminine form of a surname given in its masculine form; invariant surnames stay as they are. */
export function feminineSurname(surname: string): string {
  if (surname.endsWith('ұлы')) return `${surname.slice(0, -3)}қызы`;
  if (/(ский|цкий)$/u.test(surname)) return `${surname.slice(0, -2)}ая`;
  if (/(ов|ев|ёв|ин|ын)$/u.test(surname)) return `${surname}а`;
  return surname;
}

export function surnameFor(masculine: string, sex: Sex): string {
  return sex === 'male' ? masculine : feminineSurname(masculine);
}

// --- Scripts -------------------------------------------------------------------------------

const KK_TO_RU_CYRILLIC: Readonly<Record<string, string>> = {
  'ә': 'а', 'ғ': 'г', 'қ': 'к', 'ң': 'н', 'ө': 'о', 'ұ': 'у', 'ү': 'у', 'һ': 'х', 'і': 'и',
};

/** Kazakh Cyrillic → Russian Cyrillic spelling, as in older documents (Асқар → Аскар). */
export function toRussianCyrillic(text: string): string {
  return memo(RU_CACHE, text, KK_TO_RU_CYRILLIC);
}

// Names come from finite lists, so these caches stay small (a few thousand entries).
const RU_CACHE = new Map<string, string>();
const KK_LATIN_CACHE = new Map<string, string>();
const PASSPORT_CACHE = new Map<string, string>();

function memo(cache: Map<string, string>, text: string, table: Readonly<Record<string, string>>): string {
  let out = cache.get(text);
  if (out === undefined) {
    out = mapLetters(text, table);
    if (cache.size < 50_000) cache.set(text, out);
  }
  return out;
}

/** Kazakh Latin alphabet of 2021. */
const KK_LATIN_2021: Readonly<Record<string, string>> = {
  'а': 'a', 'ә': 'ä', 'б': 'b', 'в': 'v', 'г': 'g', 'ғ': 'ğ', 'д': 'd', 'е': 'e', 'ё': 'io', 'ж': 'j',
  'з': 'z', 'и': 'i', 'й': 'i', 'к': 'k', 'қ': 'q', 'л': 'l', 'м': 'm', 'н': 'n', 'ң': 'ñ', 'о': 'o',
  'ө': 'ö', 'п': 'p', 'р': 'r', 'с': 's', 'т': 't', 'у': 'u', 'ұ': 'ū', 'ү': 'ü', 'ф': 'f', 'х': 'h',
  'һ': 'h', 'ц': 'ts', 'ч': 'ch', 'ш': 'ş', 'щ': 'şş', 'ъ': '', 'ы': 'y', 'і': 'ı', 'ь': '', 'э': 'e',
  'ю': 'iu', 'я': 'ia',
};

/** ICAO 9303 transliteration as printed in passports; Kazakh letters lose their diacritics. */
const PASSPORT_LATIN: Readonly<Record<string, string>> = {
  'а': 'a', 'ә': 'a', 'б': 'b', 'в': 'v', 'г': 'g', 'ғ': 'g', 'д': 'd', 'е': 'e', 'ё': 'e', 'ж': 'zh',
  'з': 'z', 'и': 'i', 'й': 'i', 'к': 'k', 'қ': 'k', 'л': 'l', 'м': 'm', 'н': 'n', 'ң': 'n', 'о': 'o',
  'ө': 'o', 'п': 'p', 'р': 'r', 'с': 's', 'т': 't', 'у': 'u', 'ұ': 'u', 'ү': 'u', 'ф': 'f', 'х': 'kh',
  'һ': 'h', 'ц': 'ts', 'ч': 'ch', 'ш': 'sh', 'щ': 'shch', 'ъ': 'ie', 'ы': 'y', 'і': 'i', 'ь': '', 'э': 'e',
  'ю': 'iu', 'я': 'ia',
};

function mapLetters(text: string, table: Readonly<Record<string, string>>): string {
  let out = '';
  let capitalizeNext = false;
  for (const ch of text) {
    const lower = ch.toLowerCase();
    const mapped = table[lower];
    if (mapped === undefined) {
      out += ch;
      capitalizeNext = false;
      continue;
    }
    const upper: boolean = ch !== lower || capitalizeNext;
    capitalizeNext = upper && mapped === '';
    out += upper && mapped.length > 0 ? mapped.charAt(0).toUpperCase() + mapped.slice(1) : mapped;
  }
  return out;
}

/** Cyrillic name → Latin, in the 2021 Kazakh alphabet or in passport (ICAO) spelling. */
export function toLatin(text: string, script: 'kk_latin' | 'passport_latin'): string {
  return script === 'kk_latin' ? memo(KK_LATIN_CACHE, text, KK_LATIN_2021) : memo(PASSPORT_CACHE, text, PASSPORT_LATIN);
}

// --- Samplers ------------------------------------------------------------------------------

/** Zipf-like weights by rank: the first names are several times as common as the last. */
function zipf(names: readonly string[]): [string, number][] {
  return names.map((n, i) => [n, 1 / (i + 4)]);
}

/** Merge a modern and a classic list with the given shares (a name in both gets both weights). */
function mixed(modern: readonly string[], classic: readonly string[], modernShare: number): (rng: Rng) => string {
  const weights = new Map<string, number>();
  const add = (list: readonly string[], share: number): void => {
    const ranked = zipf(list);
    const total = ranked.reduce((s, [, w]) => s + w, 0);
    for (const [n, w] of ranked) weights.set(n, (weights.get(n) ?? 0) + (share * w) / total);
  };
  add(modern, modernShare);
  add(classic, 1 - modernShare);
  return weightedSampler([...weights.entries()]);
}

type FirstNameKey = `${'kk' | 'ru'}:${Sex}:${Generation}`;

const FIRST_NAME_SAMPLERS: Readonly<Record<FirstNameKey, (rng: Rng) => string>> = {
  'kk:male:child': mixed(KK_MALE_MODERN, KK_MALE_CLASSIC, 0.85),
  'kk:male:adult': mixed(KK_MALE_MODERN, KK_MALE_CLASSIC, 0.1),
  'kk:female:child': mixed(KK_FEMALE_MODERN, KK_FEMALE_CLASSIC, 0.85),
  'kk:female:adult': mixed(KK_FEMALE_MODERN, KK_FEMALE_CLASSIC, 0.1),
  'ru:male:child': mixed(RU_MALE_MODERN, RU_MALE_CLASSIC, 0.85),
  'ru:male:adult': mixed(RU_MALE_MODERN, RU_MALE_CLASSIC, 0.1),
  'ru:female:child': mixed(RU_FEMALE_MODERN, RU_FEMALE_CLASSIC, 0.85),
  'ru:female:adult': mixed(RU_FEMALE_MODERN, RU_FEMALE_CLASSIC, 0.1),
};

const SURNAME_SAMPLERS: Readonly<Record<Ethnicity, (rng: Rng) => string>> = {
  kk: weightedSampler(zipf(KK_SURNAMES)),
  ru: weightedSampler(zipf(RU_SURNAMES)),
  other: weightedSampler(zipf(OTHER_SURNAMES)),
};

export function sampleFirstName(rng: Rng, ethnicity: Ethnicity, sex: Sex, generation: Generation): string {
  const pool = ethnicity === 'kk' ? 'kk' : 'ru';
  return FIRST_NAME_SAMPLERS[`${pool}:${sex}:${generation}`](rng);
}

/**
 * Approximate Kazakh share of the population by region (2021 census, rounded; regions created
 * in 2022 estimated from their districts). Used to mix Kazakh and Russian names by region.
 */
export const KAZAKH_SHARE_BY_REGION: Readonly<Record<string, number>> = {
  'KZ-10': 0.72, 'KZ-11': 0.52, 'KZ-15': 0.88, 'KZ-19': 0.68, 'KZ-23': 0.93, 'KZ-27': 0.78, 'KZ-31': 0.75,
  'KZ-33': 0.72, 'KZ-35': 0.55, 'KZ-39': 0.43, 'KZ-43': 0.95, 'KZ-47': 0.92, 'KZ-55': 0.53, 'KZ-59': 0.38,
  'KZ-61': 0.77, 'KZ-62': 0.8, 'KZ-63': 0.42, 'KZ-71': 0.8, 'KZ-75': 0.67, 'KZ-79': 0.65,
};

/** Kazakh share for a region, or the national figure for an unknown code. */
export function kazakhShare(regionCode: string | undefined): number {
  return (regionCode === undefined ? undefined : KAZAKH_SHARE_BY_REGION[regionCode]) ?? 0.71;
}

// --- Families and persons ------------------------------------------------------------------

/** What siblings share: surname, father (for the patronymic), spelling conventions. */
export interface Family {
  ethnicity: Ethnicity;
  /** Masculine form; for -ұлы surnames the feminine form is -қызы. */
  surname: string;
  fatherName: string;
  /** How the children's patronymic is written. */
  patronymicStyle: 'russian' | 'kazakh' | 'none';
  /** Kazakh names written in Russian Cyrillic spelling (older documents). */
  russifiedSpelling: boolean;
}

export function sampleFamily(rng: Rng, opts: { kazakhShare: number; generation: Generation }): Family {
  const r = rng.next();
  const kk = opts.kazakhShare;
  const ethnicity: Ethnicity = r < kk ? 'kk' : r < kk + (1 - kk) * 0.72 ? 'ru' : 'other';
  const fatherName = sampleFirstName(rng, ethnicity, 'male', 'adult');
  let surname = SURNAME_SAMPLERS[ethnicity](rng);
  let patronymicStyle: Family['patronymicStyle'] = 'russian';
  if (ethnicity === 'kk') {
    const child = opts.generation === 'child';
    // Surname formed from the grandfather's name with -ұлы: rare, and then no patronymic.
    if (rng.chance(0.03)) {
      surname = kazakhPatronymic(sampleFirstName(rng, 'kk', 'male', 'adult'), 'male');
      patronymicStyle = 'none';
    } else {
      patronymicStyle = rng.weighted<Family['patronymicStyle']>(
        child
          ? [['russian', 50], ['kazakh', 45], ['none', 5]]
          : [['russian', 76], ['kazakh', 17], ['none', 7]],
      );
    }
  } else if (rng.chance(0.04)) {
    patronymicStyle = 'none';
  }
  const russifiedSpelling = ethnicity === 'kk' && rng.chance(opts.generation === 'child' ? 0.1 : 0.25);
  return { ethnicity, surname, fatherName, patronymicStyle, russifiedSpelling };
}

export interface PersonName {
  lastName: string;
  firstName: string;
  middleName: string | null;
}

/** A member of `family` of the given sex and generation, written in Cyrillic. */
export function nameInFamily(rng: Rng, family: Family, sex: Sex, generation: Generation): PersonName {
  const firstName = sampleFirstName(rng, family.ethnicity, sex, generation);
  const lastName = surnameFor(family.surname, sex);
  let middleName: string | null;
  switch (family.patronymicStyle) {
    case 'russian':
      middleName = russianPatronymic(family.fatherName, sex);
      break;
    case 'kazakh':
      middleName = kazakhPatronymic(family.fatherName, sex);
      break;
    case 'none':
      middleName = null;
      break;
  }
  const name = { lastName, firstName, middleName };
  return family.russifiedSpelling ? mapName(name, toRussianCyrillic) : name;
}

/** The father of `family`, as an adult person's name. */
export function fatherInFamily(rng: Rng, family: Family): PersonName {
  const grandfather = sampleFirstName(rng, family.ethnicity, 'male', 'adult');
  const middleName =
    family.ethnicity !== 'kk' || rng.chance(0.8) ? russianPatronymic(grandfather, 'male') : kazakhPatronymic(grandfather, 'male');
  const name = { lastName: family.surname, firstName: family.fatherName, middleName: rng.chance(0.95) ? middleName : null };
  return family.russifiedSpelling ? mapName(name, toRussianCyrillic) : name;
}

export function mapName(name: PersonName, f: (s: string) => string): PersonName {
  return { lastName: f(name.lastName), firstName: f(name.firstName), middleName: name.middleName === null ? null : f(name.middleName) };
}

/** Rewrite a Cyrillic name in Latin script (as taken from a passport or typed in Latin). */
export function latinName(name: PersonName, script: 'kk_latin' | 'passport_latin'): PersonName {
  return mapName(name, (s) => toLatin(s, script));
}
