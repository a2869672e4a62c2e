// Transliteration-aware phonetic keys for person names written in Kazakh Cyrillic, Russian
// Cyrillic or Latin (2021 Kazakh Latin, passport/ICAO transliteration, informal spellings).
//
// The key is deliberately coarse: it must give the same string for every usual spelling of a
// name, at the price of a few harmless collisions (Anna/Ana, Ilia/Ilya). Ranking among candidates
// is left to `nameSimilarity`.
//
// Folding table, applied in this order (every input goes through every step):
//
//  1. Unicode NFC, lowercase. Hyphens, dots, commas, slashes → word break; apostrophes and
//     similar marks (' ’ ʼ ` ‘ ") are removed inside a word (Ol'ga → olga, G'ayrat → gayrat).
//  2. Cyrillic → Latin, letter by letter (passport/ICAO style):
//       а ә → a   б → b   в → v   г → g   ғ → gh   д → d   е э є → e   ё → e   ж → zh
//       з → z     и і → i   й ы → y   ї → yi   к → k   қ → q   л → l   м → m   н ң → n
//       о ө → o   п → p   р → r   с → s   т → t   у ұ ү ў → u   ф → f   х → kh   һ → h
//       ц → ts    ч → ch   ш → sh   щ → shch   ъ ь → (dropped)   ю → yu   я → ya   ґ → g
//     Kazakh Latin (2021) and other diacritic letters:
//       ä → a   ğ → gh   ñ → n   ö → o   ū ü → u   ş → sh   ç → ch   ı → i   (and č → ch, š → sh, ž → zh)
//     any other accented Latin letter loses its accent (é → e); anything that is not a–z is dropped.
//  3. Digraphs and equivalent sounds, per word:
//       shch, sch → sh          dzh, dj, zh, j → j      kh, h → h      gh → g
//       x → ks before a vowel inside a word (Alexandr = Aleksandr), else h (Muxtar = Mukhtar)
//       ph → f     ck → k     c (not in ch) → ts     q → k
//       w → u after a vowel (Dawlet = Däulet), else v
//       yo, io after a consonant → e  (Fyodor = Fiodor = Fedor = Фёдор, Artyom = Artem, Semyon = Semen;
//                                      2021 Kazakh Latin writes ё as io; cost: Rodion → roden)
//       y → i   (ы, й, і, и, ı, y are one sound class: Aygerim = Aigerim, Myrzakhmetov = Мырзахметов)
//       ou → u  (Nursoultan = Nursultan)
//       ii → i  (Dmitrii = Dmitriy = Дмитрий, Iuliia = Yulia = Юлия)
//       ie → e  (Yerlan = Erlan = Ерлан at word start; Andreyev = Андреев, Vasiliev = Vasilyev = Васильев inside)
//       ng at word end → n
//       so iu/yu (ю) → iu and ia/ya (я) → ia, while j stays the consonant ж (Zhanna = Janna).
//  4. Runs of the same letter collapse to one (Zhanna → jana, Mukhammed → muhamed), and so do
//     repeated sh (2021 Kazakh Latin writes щ as şş: Şşerbakov = Shcherbakov = Щербаков).
//
// Words are joined with one space; the key is lowercase ASCII a–z and spaces only.

const LETTERS: Readonly<Record<string, string>> = {
  а: 'a', ә: 'a', б: 'b', в: 'v', г: 'g', ғ: 'gh', ґ: 'g', д: 'd', е: 'e', ё: 'e', є: 'e', э: 'e',
  ж: 'zh', з: 'z', и: 'i', і: 'i', ї: 'yi', й: 'y', ы: 'y', к: 'k', қ: 'q', л: 'l', м: 'm', н: 'n',
  ң: 'n', о: 'o', ө: 'o', п: 'p', р: 'r', с: 's', т: 't', у: 'u', ұ: 'u', ү: 'u', ў: 'u', ф: 'f',
  х: 'kh', һ: 'h', ц: 'ts', ч: 'ch', ш: 'sh', щ: 'shch', ъ: '', ь: '', ю: 'yu', я: 'ya',
  // Kazakh 2021 Latin and other letters whose diacritic carries the sound
  ä: 'a', ğ: 'gh', ñ: 'n', ö: 'o', ū: 'u', ü: 'u', ş: 'sh', ç: 'ch', ı: 'i', č: 'ch', š: 'sh', ž: 'zh', ß: 'ss', æ: 'ae', ø: 'o', đ: 'd', ł: 'l',
};

const VOWEL = 'aeiouy';

function mapLetters(s: string): string {
  let out = '';
  for (const ch of s) {
    const mapped = LETTERS[ch];
    out += mapped ?? ch;
  }
  // strip remaining diacritics (é → e), then keep a–z and word breaks only
  return out.normalize('NFD').replace(/\p{M}+/gu, '');
}

function foldWord(w: string): string {
  let s = w;
  s = s.replace(/shch|sch/g, 'sh');
  s = s.replace(/dzh|dj|zh/g, 'j');
  s = s.replace(/kh/g, 'h');
  s = s.replace(/gh/g, 'g');
  s = s.replace(/x/g, (_m, offset: number, whole: string) => {
    const next = whole[offset + 1];
    return offset > 0 && next !== undefined && VOWEL.includes(next) ? 'ks' : 'h';
  });
  s = s.replace(/ph/g, 'f');
  s = s.replace(/ck/g, 'k');
  s = s.replace(/c(?!h)/g, 'ts');
  s = s.replace(/q/g, 'k');
  s = s.replace(/w/g, (_m, offset: number, whole: string) => {
    const prev = offset > 0 ? whole[offset - 1] : undefined;
    return prev !== undefined && VOWEL.includes(prev) ? 'u' : 'v';
  });
  s = s.replace(/([^aeiouy])[yi]o/g, '$1e');
  s = s.replace(/y/g, 'i');
  s = s.replace(/ou/g, 'u');
  s = s.replace(/i+/g, 'i');
  s = s.replace(/ie/g, 'e');
  s = s.replace(/ng$/, 'n');
  s = s.replace(/(sh)+/g, 'sh');
  s = s.replace(/([a-z])\1+/g, '$1');
  return s;
}

/** A coarse phonetic key in lowercase ASCII: every usual spelling of a name gives the same key. */
export function toLatinKey(s: string): string {
  const mapped = mapLetters(
    s
      .normalize('NFC')
      .toLowerCase()
      .replace(/['’ʼ`‘ʻ"«»]/g, ''),
  );
  return mapped
    .split(/[^a-z]+/)
    .filter((w) => w.length > 0)
    .map(foldWord)
    .filter((w) => w.length > 0)
    .join(' ');
}
