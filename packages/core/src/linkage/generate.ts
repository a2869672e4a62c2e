// A register with known truth, for measuring the linker: true persons (the demo generator's
// names, birth dates and IINs), then the records other agencies would have made of some of them —
// another script (Russian Cyrillic, passport Latin, 2021 Kazakh Latin), a typo, a dropped or
// re-styled patronymic, first and last name swapped, no IIN, a missing or mistyped birth date or
// only an approximate age, another way of writing the address — and, to tempt the linker,
// namesakes (other persons with the same name) and siblings (same surname, patronymic and
// address). Seeded: the same options give the same set.
import { makeIin } from '../iin.ts';
import type { Sex } from '../vocab.ts';
import { generatePersons } from '../demo/generate.ts';
import {
  KAZAKH_SHARE_BY_REGION, KK_FEMALE_CLASSIC, KK_FEMALE_MODERN, KK_MALE_CLASSIC, KK_MALE_MODERN, RU_MALE_CLASSIC, RU_MALE_MODERN,
  feminineSurname, kazakhPatronymic, latinName, mapName, russianPatronymic, sampleFirstName, toLatin, toRussianCyrillic, type PersonName,
} from '../demo/names.ts';
import { createRng, type Rng } from '../demo/rng.ts';
import type { LinkRecord } from './prepare.ts';

/** Rates of the generated set; every figure is a probability unless said otherwise. */
export const LINKAGE_SET_RATES = {
  /** how many other records of a true person exist: weights of 0, 1, 2, 3 */
  duplicates: [72, 20, 6, 2] as readonly number[],
  /** script of a duplicate: as the first record, Russian Cyrillic, passport Latin, 2021 Kazakh Latin */
  script: { same: 50, russian: 20, passport: 20, kkLatin: 10 },
  dropMiddle: 0.2,
  switchPatronymicStyle: 0.1,
  typoLast: 0.1,
  typoFirst: 0.1,
  swapNames: 0.03,
  /** a duplicate keeps the IIN (when the person has one) */
  keepIin: 0.5,
  birthMissing: 0.05,
  birthTypo: 0.05,
  birthTransposed: 0.02,
  birthApproxOnly: 0.05,
  sexMissing: 0.1,
  addressMissing: 0.35,
  addressMoved: 0.1,
  otherDistrict: 0.1,
  otherRegion: 0.03,
  /** true persons with a name from the demo lists that have a namesake (another person, same last and first name) */
  namesake: 0.1,
  /** true persons that have a sibling in the register (same surname, patronymic, address) */
  sibling: 0.05,
  twinAmongSiblings: 0.15,
  /** a person's first record has an address */
  baseAddress: 0.7,
  /** surnames formed from a given name (Асқаров, Серікбаев, Сергеев) instead of the demo list's */
  formedSurname: 0.75,
  /** Kazakh compound given names (Нұрбек, Гүлжан, Айсұлу) instead of the demo list's */
  compoundFirstName: 0.3,
} as const;

export type LinkageSet = {
  records: LinkRecord[];
  /** the true person of each record */
  entity: Int32Array;
  entities: number;
  /** pairs of records of the same true person */
  truePairs: number;
};

const REGIONS = Object.keys(KAZAKH_SHARE_BY_REGION);

const CITIES: readonly (readonly [string, string])[] = [
  ['Алматы', 'Almaty'], ['Астана', 'Astana'], ['Шымкент', 'Shymkent'], ['Қарағанды', 'Karaganda'], ['Ақтөбе', 'Aktobe'],
  ['Тараз', 'Taraz'], ['Павлодар', 'Pavlodar'], ['Өскемен', 'Oskemen'], ['Семей', 'Semey'], ['Атырау', 'Atyrau'],
  ['Қостанай', 'Kostanay'], ['Қызылорда', 'Kyzylorda'], ['Орал', 'Oral'], ['Петропавл', 'Petropavl'], ['Ақтау', 'Aktau'],
  ['Түркістан', 'Turkistan'], ['Көкшетау', 'Kokshetau'], ['Талдықорған', 'Taldykorgan'], ['Жезқазған', 'Zhezkazgan'], ['Қонаев', 'Konaev'],
];

/** Streets: Kazakh form, Russian form (genitive, as after "ул."), Latin. */
const STREETS: readonly (readonly [string, string, string])[] = [
  ['Абай', 'Абая', 'Abay'], ['Төле би', 'Толе би', 'Tole bi'], ['Сейфуллин', 'Сейфуллина', 'Seifullin'], ['Достық', 'Достык', 'Dostyk'],
  ['Жібек жолы', 'Жибек жолы', 'Zhibek zholy'], ['Қабанбай батыр', 'Кабанбай батыра', 'Kabanbay batyr'], ['Гоголь', 'Гоголя', 'Gogol'],
  ['Пушкин', 'Пушкина', 'Pushkin'], ['Байтұрсынұлы', 'Байтурсынова', 'Baitursynuly'], ['Момышұлы', 'Момышулы', 'Momyshuly'],
  ['Әуезов', 'Ауэзова', 'Auezov'], ['Жамбыл', 'Жамбыла', 'Zhambyl'], ['Сәтбаев', 'Сатпаева', 'Satpayev'], ['Розыбакиев', 'Розыбакиева', 'Rozybakiev'],
  ['Толстой', 'Толстого', 'Tolstoy'], ['Мұқанов', 'Муканова', 'Mukanov'], ['Желтоқсан', 'Желтоксан', 'Zheltoksan'], ['Наурызбай батыр', 'Наурызбай батыра', 'Nauryzbay batyr'],
  ['Құнаев', 'Кунаева', 'Kunaev'], ['Республика', 'Республики', 'Respublika'], ['Бейбітшілік', 'Бейбитшилик', 'Beibitshilik'], ['Шевченко', 'Шевченко', 'Shevchenko'],
  ['Гагарин', 'Гагарина', 'Gagarin'], ['Ломоносов', 'Ломоносова', 'Lomonosov'], ['Тимирязев', 'Тимирязева', 'Timiryazev'], ['Майлин', 'Майлина', 'Mailin'],
  ['Бөгенбай батыр', 'Богенбай батыра', 'Bogenbay batyr'], ['Сарыарқа', 'Сарыарка', 'Saryarka'], ['Тұран', 'Туран', 'Turan'], ['Мәңгілік Ел', 'Мангилик Ел', 'Mangilik El'],
  ['Кенесары', 'Кенесары', 'Kenesary'], ['Ыбырай Алтынсарин', 'Ибрая Алтынсарина', 'Ybyrai Altynsarin'], ['Строителей', 'Строителей', 'Stroiteley'], ['Мира', 'Мира', 'Mira'],
  ['Ленин', 'Ленина', 'Lenin'], ['Чехов', 'Чехова', 'Chekhov'], ['Маметова', 'Маметовой', 'Mametova'], ['Фурманов', 'Фурманова', 'Furmanov'],
  ['Байзақов', 'Байзакова', 'Baizakov'], ['Тәуелсіздік', 'Тауелсиздик', 'Tauelsizdik'],
];

type Address = { city: number; street: number; house: number; flat: number | null; mkr: number | null };

function newAddress(rng: Rng, city: number): Address {
  const mkr = rng.chance(0.15) ? rng.int(1, 30) : null;
  return { city, street: rng.int(0, STREETS.length - 1), house: rng.int(1, 180), flat: rng.chance(0.55) ? rng.int(1, 240) : null, mkr };
}

function writeAddress(rng: Rng, a: Address): string {
  const [cityKk, cityLat] = CITIES[a.city] as readonly [string, string];
  const [kk, ru, lat] = STREETS[a.street] as readonly [string, string, string];
  const cityRu = toRussianCyrillic(cityKk);
  const style = rng.int(0, 4);
  if (a.mkr !== null) {
    // micro-districts are written by number: "мкр. 5, д. 12, кв. 30"
    switch (style) {
      case 0: return `г. ${cityRu}, мкр. ${a.mkr}, д. ${a.house}${a.flat ? `, кв. ${a.flat}` : ''}`;
      case 1: return `${cityKk} қ., ${a.mkr} шағын аудан, ${a.house} үй${a.flat ? `, ${a.flat} пәтер` : ''}`;
      case 2: return `${a.mkr} мкр ${a.house}${a.flat ? `-${a.flat}` : ''}`;
      default: return `${cityLat}, microdistrict ${a.mkr}, ${a.house}${a.flat ? `, apt ${a.flat}` : ''}`;
    }
  }
  switch (style) {
    case 0: return `г. ${cityRu}, ул. ${ru}, д. ${a.house}${a.flat ? `, кв. ${a.flat}` : ''}`;
    case 1: return `${cityKk} қ., ${kk} көшесі, ${a.house} үй${a.flat ? `, ${a.flat} пәтер` : ''}`;
    case 2: return `${ru} ${a.house}${a.flat ? `-${a.flat}` : ''}`;
    case 3: return `${cityRu}, ${kk} к-сі ${a.house}${a.flat ? `/${a.flat}` : ''}`;
    default: return `${cityLat}, ${lat} str. ${a.house}${a.flat ? `, apt ${a.flat}` : ''}`;
  }
}

const CYR_LOWER = 'абвгдежзийклмнопрстуфхцчшщыэюяәғқңөұүі';
const LAT_LOWER = 'abcdefghijklmnopqrstuvwxyz';

/** One keying error: a wrong, missing, doubled or swapped letter (rarely the first letter). */
function typo(rng: Rng, s: string): string {
  const chars = [...s];
  if (chars.length < 3) return s;
  const pos = rng.chance(0.1) ? 0 : rng.int(1, chars.length - 1);
  const at = chars[pos] as string;
  const alphabet = /[a-z]/i.test(at) ? LAT_LOWER : CYR_LOWER;
  const letter = (): string => {
    const c = alphabet[rng.int(0, alphabet.length - 1)] as string;
    return pos === 0 ? c.toUpperCase() : c;
  };
  switch (rng.int(0, 3)) {
    case 0: chars[pos] = letter(); break;
    case 1: chars.splice(pos, 1); break;
    case 2: chars.splice(pos, 0, at); break;
    default:
      if (pos + 1 < chars.length) [chars[pos], chars[pos + 1]] = [chars[pos + 1] as string, at];
      else chars[pos] = letter();
  }
  return chars.join('');
}

/** Асқарович ↔ Асқарұлы, Асқаровна ↔ Асқарқызы (as clerks rewrite a patronymic in the other style). */
function switchPatronymic(middle: string, sex: Sex): string {
  const ru = /^(.+?)(ович|евич|ьевич|овна|евна|ьевна)$/u.exec(middle);
  if (ru) return kazakhPatronymic(ru[1] as string, sex);
  const kk = /^(.+?)(ұлы|қызы|улы|кызы)$/u.exec(middle);
  if (kk) return russianPatronymic(kk[1] as string, sex);
  return middle;
}

const pad2 = (n: number) => String(n).padStart(2, '0');
const isoOf = (y: number, m: number, d: number) => `${y}-${pad2(m)}-${pad2(d)}`;
const daysIn = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

type Truth = { name: PersonName; birthDate: string | null; iin: string | null; sex: Sex; region: string; district: string; address: Address | null };

function districtOf(rng: Rng, region: string): string {
  return `${region.slice(3)}${pad2(rng.int(1, 12))}`;
}

function record(id: string, t: Truth, name: PersonName, extra: Partial<LinkRecord>, rng: Rng): LinkRecord {
  return {
    id, iin: t.iin, lastName: name.lastName, firstName: name.firstName, middleName: name.middleName,
    birthDate: t.birthDate, birthYearApprox: null, sex: t.sex,
    address: t.address ? writeAddress(rng, t.address) : null, regionCode: t.region, districtCode: t.district,
    ...extra,
  };
}

/** Another agency's record of the same person. */
function duplicate(rng: Rng, id: string, t: Truth, nextCity: () => number, refDate: string): LinkRecord {
  const R = LINKAGE_SET_RATES;
  let name: PersonName = t.name;
  const script = rng.weightedKey(R.script);
  if (script === 'russian') name = mapName(name, toRussianCyrillic);
  else if (script === 'passport') name = latinName(name, 'passport_latin');
  else if (script === 'kkLatin') name = latinName(name, 'kk_latin');
  if (name.middleName && rng.chance(R.switchPatronymicStyle) && /\p{Script=Cyrillic}/u.test(name.middleName)) name = { ...name, middleName: switchPatronymic(name.middleName, t.sex) };
  if (name.middleName && rng.chance(R.dropMiddle)) name = { ...name, middleName: null };
  if (rng.chance(R.typoLast)) name = { ...name, lastName: typo(rng, name.lastName) };
  if (rng.chance(R.typoFirst)) name = { ...name, firstName: typo(rng, name.firstName) };
  if (rng.chance(R.swapNames)) name = { ...name, lastName: name.firstName, firstName: name.lastName };

  let iin = t.iin && rng.chance(R.keepIin) ? t.iin : null;
  let birthDate = t.birthDate;
  let birthYearApprox: number | null = null;
  if (birthDate) {
    const y = Number(birthDate.slice(0, 4));
    const m = Number(birthDate.slice(5, 7));
    const d = Number(birthDate.slice(8, 10));
    const r = rng.next();
    let changed = true;
    if (r < R.birthMissing) birthDate = null;
    else if (r < R.birthMissing + R.birthTypo) {
      const which = rng.int(0, 2);
      if (which === 0) { const y2 = y + (rng.chance(0.5) ? 1 : -1); birthDate = isoOf(y2, m, Math.min(d, daysIn(y2, m))); }
      else if (which === 1) { const m2 = m === 12 ? 11 : m + 1; birthDate = isoOf(y, m2, Math.min(d, daysIn(y, m2))); }
      else birthDate = isoOf(y, m, d === daysIn(y, m) ? d - 1 : d + 1);
    } else if (r < R.birthMissing + R.birthTypo + R.birthTransposed && d <= 12 && d !== m) birthDate = isoOf(y, d, m);
    else if (r < R.birthMissing + R.birthTypo + R.birthTransposed + R.birthApproxOnly) {
      birthDate = null;
      birthYearApprox = rng.chance(0.7) ? y : y + (rng.chance(0.5) ? 1 : -1);
    } else changed = false;
    // a date after the reference day would not pass intake validation either: mistype the year downwards instead
    if (birthDate && birthDate > refDate) birthDate = isoOf(y - 1, m, Math.min(d, daysIn(y - 1, m)));
    // an IIN that contradicts the date would not pass intake validation
    if (changed) iin = null;
  }
  const sex = rng.chance(R.sexMissing) ? null : t.sex;
  let address: string | null = null;
  if (!rng.chance(R.addressMissing)) {
    const a = t.address && !rng.chance(R.addressMoved) ? t.address : newAddress(rng, t.address?.city ?? nextCity());
    address = writeAddress(rng, a);
  }
  let region = t.region;
  let district = t.district;
  if (rng.chance(R.otherRegion)) { region = rng.pick(REGIONS); district = districtOf(rng, region); } else if (rng.chance(R.otherDistrict)) district = districtOf(rng, region);
  return { id, iin, lastName: name.lastName, firstName: name.firstName, middleName: name.middleName, birthDate, birthYearApprox, sex, address, regionCode: region, districtCode: district };
}

function masculineSurname(s: string): string {
  if (/(ова|ева|ёва|ина|ына)$/u.test(s)) return s.slice(0, -1);
  if (s.endsWith('ская') || s.endsWith('цкая')) return `${s.slice(0, -2)}ий`;
  if (s.endsWith('қызы')) return `${s.slice(0, -4)}ұлы`;
  return s;
}

function siblingPatronymic(middle: string | null, sex: Sex): string | null {
  if (!middle) return null;
  if (/(ович|евич|овна|евна)$/u.test(middle)) return sex === 'male' ? middle.replace(/на$/u, 'ич') : middle.replace(/ич$/u, 'на');
  if (/ұлы$/u.test(middle) && sex === 'female') return middle.replace(/ұлы$/u, 'қызы');
  if (/қызы$/u.test(middle) && sex === 'male') return middle.replace(/қызы$/u, 'ұлы');
  return middle;
}

function newIin(rng: Rng, birthDate: string, sex: Sex): string | null {
  for (let k = 0; k < 5; k++) {
    const iin = makeIin(birthDate, sex, rng.int(9000, 9999));
    if (iin) return iin;
  }
  return null;
}

// The demo lists are short (tens of names, Zipf-weighted): enough for a demo, but a million
// records drawn from them have several times the namesakes of a real register (the top Kazakh
// surname would be 7 % of Kazakhs). The set therefore forms most surnames the way they are formed
// — a forefather's name with -ов/-ев, -баев, -беков, -жанов, -ұлы; Russian ones with -ов/-ев/-ин —
// and gives some children a Kazakh compound name (Нұр-, Ай-, Гүл- … + -бек, -жан, -сұлу …).
const KK_MALE = [...new Set([...KK_MALE_MODERN, ...KK_MALE_CLASSIC])];
const KK_GIVEN = new Set([...KK_MALE, ...KK_FEMALE_MODERN, ...KK_FEMALE_CLASSIC].flatMap((n) => [n, toRussianCyrillic(n)]));
const RU_MALE = [...new Set([...RU_MALE_MODERN, ...RU_MALE_CLASSIC])];
const KK_SURNAME_ENDINGS: readonly (readonly [string, number])[] = [['ов', 5], ['баев', 2], ['беков', 1], ['жанов', 1], ['ұлы', 0.3]];
const COMPOUND = {
  male: [['Нұр', 'Ер', 'Бек', 'Жан', 'Ақ', 'Сұлтан', 'Әли', 'Ай', 'Мұрат', 'Бақыт', 'Ғалы', 'Есен', 'Қуат', 'Асыл'], ['бек', 'жан', 'сұлтан', 'бол', 'лан', 'ислам', 'хан', 'дәулет', 'нұр', 'болат', 'ұлан', 'бай', 'ғали', 'ғазы', 'тай']],
  female: [['Ай', 'Гүл', 'Нұр', 'Ақ', 'Жан', 'Бал', 'Дана', 'Мөл', 'Ару', 'Ақ', 'Сая', 'Әсем', 'Жібек', 'Шол'], ['ару', 'жан', 'гүл', 'сұлу', 'ай', 'ым', 'ерке', 'нұр', 'дана', 'шаш', 'бибі', 'мира', 'көз', 'тоты']],
} as const;

function formSurname(rng: Rng, kazakh: boolean, sex: Sex): string {
  let masculine: string;
  if (kazakh) {
    const root = rng.pick(KK_MALE);
    const ending = rng.weighted(KK_SURNAME_ENDINGS);
    masculine = ending === 'ов' && /[аеиоуыэюяәөұүі]$/u.test(root) ? `${root}ев` : `${root}${ending}`;
  } else {
    const root = rng.pick(RU_MALE).replace(/(ий|ь|й|а)$/u, '');
    masculine = `${root}${rng.pick(['ов', 'ов', 'ев', 'ин'])}`;
  }
  return sex === 'male' ? masculine : feminineSurname(masculine);
}

/** The name with a formed surname and perhaps a compound first name; `common`: both still from the demo lists. */
function widen(rng: Rng, name: PersonName, sex: Sex, child: boolean): { name: PersonName; common: boolean } {
  if (/[a-z]/i.test(name.lastName)) return { name, common: true }; // written in Latin: left as the demo generator wrote it
  const kazakh = KK_GIVEN.has(name.firstName);
  let { lastName, firstName } = name;
  let common = true;
  if (rng.chance(LINKAGE_SET_RATES.formedSurname)) {
    lastName = formSurname(rng, kazakh, sex);
    common = false;
  }
  if (kazakh && child && rng.chance(LINKAGE_SET_RATES.compoundFirstName)) {
    const [heads, tails] = COMPOUND[sex];
    firstName = `${rng.pick(heads)}${rng.pick(tails)}`;
    common = false;
  }
  return { name: { ...name, lastName, firstName }, common };
}

export type LinkageSetOptions = { seed: number; records: number; refDate?: string };

/**
 * Streams a register of `records` records with known truth (see LINKAGE_SET_RATES): `visit`
 * gets each record with its place in the register (a random permutation, so that a person's
 * records are not neighbours) and its true person. Nothing is kept: a million records can be
 * folded as they come, without holding a million objects.
 */
export function streamLinkageSet(opts: LinkageSetOptions, visit: (index: number, record: LinkRecord, entity: number) => void): { entities: number } {
  const R = LINKAGE_SET_RATES;
  const rng = createRng(opts.seed).fork('linkage-set');
  const refDate = opts.refDate ?? '2026-11-23';
  // the place of the k-th generated record in the register: Fisher–Yates over 0..n−1
  const place = new Int32Array(opts.records);
  for (let i = 0; i < place.length; i++) place[i] = i;
  for (let i = place.length - 1; i > 0; i--) {
    const j = rng.int(0, i);
    const x = place[i] as number;
    place[i] = place[j] as number;
    place[j] = x;
  }
  let entities = 0;
  let k = 0;
  const nextId = () => `r${k.toString(36)}`;
  const nextCity = () => rng.int(0, CITIES.length - 1);
  const base = generatePersons({ seed: opts.seed, count: Number.MAX_SAFE_INTEGER, refDate, kind: 'mixed' });
  const add = (r: LinkRecord, entity: number) => {
    if (k < opts.records) visit(place[k] as number, r, entity);
    k++;
  };

  while (k < opts.records) {
    const next = base.next();
    if (next.done) break;
    const p = next.value;
    const region = rng.pick(REGIONS);
    const city = REGIONS.indexOf(region) % CITIES.length;
    const widened = widen(rng, { lastName: p.lastName, firstName: p.firstName, middleName: p.middleName }, p.sex, p.externalId.includes('-C-'));
    const t: Truth = {
      name: widened.name, birthDate: p.birthDate, iin: p.iin, sex: p.sex,
      region, district: districtOf(rng, region), address: rng.chance(R.baseAddress) ? newAddress(rng, city) : null,
    };
    const entity = entities++;
    add(record(nextId(), t, t.name, {}, rng), entity);
    const dups = rng.weighted(R.duplicates.map((w, n) => [n, w] as const));
    for (let d = 0; d < dups; d++) add(duplicate(rng, nextId(), t, nextCity, refDate), entity);

    if (widened.common && rng.chance(R.namesake)) {
      // another child with the same (common) name: another birth date (often the same year), perhaps the same patronymic.
      // Only common names get deliberate namesakes: a namesake is as likely as the name is common (as in a real
      // register; the linker's term frequencies assume it), and common names also collide by chance.
      const y = Math.min(2025, t.birthDate ? Number(t.birthDate.slice(0, 4)) + (rng.chance(0.4) ? 0 : rng.int(-5, 5)) : rng.int(2008, 2025));
      const m = rng.int(1, 12);
      const bd = isoOf(y, m, rng.int(1, daysIn(y, m)));
      if (bd !== t.birthDate) {
        const other: Truth = {
          name: { ...t.name, middleName: rng.chance(0.3) ? t.name.middleName : null }, birthDate: bd, iin: rng.chance(0.5) ? newIin(rng, bd, t.sex) : null, sex: t.sex,
          region: rng.chance(0.6) ? t.region : rng.pick(REGIONS), district: '', address: rng.chance(0.6) ? newAddress(rng, nextCity()) : null,
        };
        other.district = other.region === t.region && rng.chance(0.5) ? t.district : districtOf(rng, other.region);
        const scripted = rng.chance(0.2) ? latinName(other.name, 'passport_latin') : other.name;
        add(record(nextId(), other, scripted, {}, rng), entities++);
      }
    }
    if (rng.chance(R.sibling)) {
      const sex: Sex = rng.chance(0.5) ? 'male' : 'female';
      const kazakh = /[әғқңөұүһі]/u.test(`${t.name.lastName}${t.name.firstName}`) || rng.chance(0.5);
      const twin = rng.chance(R.twinAmongSiblings) && t.birthDate !== null;
      let bd: string | null = t.birthDate;
      if (!twin) {
        // a younger or older sibling, born before the reference year
        const y = Math.min(2025, (t.birthDate ? Number(t.birthDate.slice(0, 4)) : rng.int(2008, 2024)) + (rng.chance(0.5) ? 1 : -1) * rng.int(1, 6));
        const m = rng.int(1, 12);
        bd = isoOf(y, m, rng.int(1, daysIn(y, m)));
      }
      let firstName = sampleFirstName(rng, kazakh ? 'kk' : 'ru', sex, 'child');
      if (firstName === t.name.firstName) firstName = sampleFirstName(rng, kazakh ? 'kk' : 'ru', sex, 'child');
      if (firstName !== t.name.firstName) {
        const surname = sex === t.sex ? t.name.lastName : sex === 'female' ? feminineSurname(masculineSurname(t.name.lastName)) : masculineSurname(t.name.lastName);
        const sib: Truth = {
          name: { lastName: surname, firstName, middleName: siblingPatronymic(t.name.middleName, sex) },
          birthDate: bd, iin: bd && t.iin && rng.chance(0.85) ? newIin(rng, bd, sex) : null, sex, region: t.region, district: t.district, address: t.address,
        };
        const written = /[a-z]/i.test(t.name.lastName) ? mapName(sib.name, (s) => toLatin(s, 'passport_latin')) : sib.name;
        add(record(nextId(), sib, written, {}, rng), entities++);
      }
    }
  }
  return { entities };
}

/** Pairs of records of the same true person. */
export function countTruePairs(entity: Int32Array): number {
  const sizes = new Map<number, number>();
  for (const e of entity) sizes.set(e, (sizes.get(e) ?? 0) + 1);
  let pairs = 0;
  for (const s of sizes.values()) pairs += (s * (s - 1)) / 2;
  return pairs;
}

/** A register of `records` records with known truth, held in memory (for tests and small sets). */
export function generateLinkageSet(opts: LinkageSetOptions): LinkageSet {
  const records = new Array<LinkRecord>(opts.records);
  const entity = new Int32Array(opts.records);
  streamLinkageSet(opts, (i, r, e) => {
    records[i] = r;
    entity[i] = e;
  });
  return { records, entity, entities: new Set(entity).size, truePairs: countTruePairs(entity) };
}
