// Short report narratives in Russian or Kazakh, built from templates. They describe an invented
// situation in the words an operator might write, and name nobody: the child is "девочка 9 лет" /
// "9 жастағы қыз", the perpetrator is a role ("отчим" / "өгей әкесі").
//
// Template placeholders:
//   {child} {childGen} {childAcc} {childDat} {childAbl}   the child, in that case
//   {perp} {perpGen}                                       the first perpetrator (nominative, genitive)
//   {c:masculine|feminine}                                 agreement with the child's sex
// A template that mentions the perpetrator is used only when there is one.

import type { Channel, PerpetratorRelation, Place, ReporterRelation, Sex, ViolenceType } from '../vocab.ts';
import type { Rng } from './rng.ts';

export type NarrativeLanguage = 'ru' | 'kk';

export interface NarrativeInput {
  language: NarrativeLanguage;
  type: ViolenceType;
  place: Place;
  channel: Channel;
  child: { sex: Sex; age: number };
  /** Other victims, siblings of the first. */
  siblings: readonly { sex: Sex; age: number }[];
  perpetrator: { relation: PerpetratorRelation; sex: Sex | null } | null;
  reporter: { relation: ReporterRelation; sex: Sex } | 'anonymous';
}

type Templates = Readonly<Record<ViolenceType, readonly string[]>>;

const RU_BODIES: Templates = {
  physical: [
    '{child} систематически подвергается побоям со стороны {perpGen}.',
    '{perp} избивает {childAcc}, на теле ребёнка видны синяки.',
    'у {childGen} на теле синяки и ссадины, ребёнок боится идти домой.',
  ],
  psychological: [
    '{perp} постоянно кричит на {childAcc}, унижает и запугивает.',
    '{child} подвергается психологическому давлению со стороны {perpGen}.',
    '{child} находится в подавленном состоянии из-за постоянных угроз и оскорблений.',
  ],
  neglect: [
    '{child} длительное время остаётся без присмотра, в доме нет еды.',
    '{child} часто {c:голоден|голодна} и плохо {c:одет|одета}, {perp} не занимается ребёнком.',
    '{childAcc} надолго оставляют {c:одного|одну} дома.',
  ],
  bullying: [
    'одноклассники систематически травят {childAcc}: оскорбляют, отбирают вещи, толкают.',
    '{child} подвергается травле в школе со стороны {perpGen} и других учеников.',
    '{childAcc} регулярно унижают сверстники, ребёнок отказывается ходить на занятия.',
  ],
  cyberbullying: [
    'в социальных сетях {childAcc} травят сверстники: распространяют оскорбительные сообщения и фото.',
    '{child} получает в мессенджерах угрозы и оскорбления от {perpGen}.',
  ],
  sexual: [
    'в отношении {childGen} совершены действия сексуального характера со стороны {perpGen}.',
    'есть подозрение на сексуальное насилие в отношении {childGen}.',
    '{child} {c:рассказал|рассказала}, что {perp} домогается {c:его|её}.',
  ],
  domestic_violence_witness: [
    '{child} регулярно становится свидетелем насилия в семье: {perp} избивает мать ребёнка.',
    'в семье постоянные скандалы и драки, {child} всё видит и очень {c:напуган|напугана}.',
  ],
  trafficking: [
    '{childAcc} пытаются вывезти в другой город под предлогом работы.',
    '{perp} обещает {childDat} работу за границей и уговаривает уехать без ведома родителей.',
  ],
  labour_exploitation: [
    '{child} {c:вынужден|вынуждена} работать на рынке допоздна, заработанные деньги забирает {perp}.',
    '{childAcc} заставляют работать вместо учёбы.',
  ],
  sexual_exploitation: [
    'есть основания полагать, что {childAcc} вовлекают в сексуальную эксплуатацию.',
    '{perp} вовлекает {childAcc} в оказание интимных услуг за деньги.',
  ],
  online_sexual_abuse: [
    '{perp} требует от {childGen} интимные фото и угрожает их распространить.',
    'незнакомый человек в интернете склоняет {childAcc} к пересылке интимных фотографий.',
  ],
  involvement_in_crime: [
    'взрослые знакомые вовлекают {childAcc} в совершение краж.',
    '{perp} склоняет {childAcc} к распространению запрещённых веществ.',
  ],
  self_harm: [
    '{child} наносит себе порезы на руках, {c:замкнут|замкнута} и ни с кем не общается.',
    '{child} причиняет себе вред после конфликтов дома.',
  ],
  suicide_attempt: [
    '{child} {c:совершил|совершила} попытку суицида, {c:госпитализирован|госпитализирована}.',
    '{child} {c:пытался|пыталась} покончить с собой, сейчас находится под наблюдением врачей.',
    '{child} {c:совершил|совершила} попытку суицида на фоне травли со стороны {perpGen}.',
  ],
  substance_use: [
    '{child} употребляет алкоголь и вейпы в компании старших подростков.',
    '{child} употребляет алкоголь, спиртное {c:ему|ей} даёт {perp}.',
  ],
  child_marriage: [
    'родственники собираются выдать {childAcc} замуж за взрослого мужчину.',
    '{perp} принуждает {childAcc} к вступлению в брак.',
  ],
  other: [
    '{child} находится в ситуации, угрожающей {c:его|её} благополучию.',
    '{child} нуждается в защите от {perpGen}.',
  ],
};

const KK_BODIES: Templates = {
  physical: [
    '{childAcc} {perp} үнемі ұрып-соғады.',
    '{childGen} денесінде көгерген іздер бар, бала үйге барудан қорқады.',
  ],
  psychological: [
    '{childAcc} {perp} үнемі қорлап, қорқытады.',
    '{child} үнемі қорқыту мен қорлаудан күйзеліске түскен.',
  ],
  neglect: [
    '{child} ұзақ уақыт бойы қараусыз қалады, үйде тамақ жоқ.',
    '{perp} баланың күтіміне көңіл бөлмейді, {child} аш жүреді.',
  ],
  bullying: [
    '{childAcc} сыныптастары жүйелі түрде мазақтап, қорлайды.',
    '{childAcc} мектепте {perp} және басқа оқушылар қорлайды.',
  ],
  cyberbullying: [
    'әлеуметтік желіде құрдастары {childAcc} мазақтап, қорлайтын хабарламалар таратуда.',
    '{child} {perp} тарапынан мессенджерде қорқыту мен қорлау хабарламаларын алып жүр.',
  ],
  sexual: [
    '{childDat} қатысты {perp} тарапынан жыныстық сипаттағы әрекеттер жасалған.',
    '{childDat} қатысты жыныстық зорлық-зомбылық жасалды деген күдік бар.',
  ],
  domestic_violence_witness: [
    '{child} отбасындағы зорлық-зомбылықтың куәсі болып жүр: {perp} баланың анасын ұрып-соғады.',
    'отбасында үнемі жанжал мен төбелес болады, {child} қатты қорқып жүр.',
  ],
  trafficking: [
    '{childAcc} жұмыс сылтауымен басқа қалаға алып кетпек болған.',
    '{perp} {childDat} шетелден жұмыс уәде етіп, ата-анасына білдірмей кетуге үгіттеп жүр.',
  ],
  labour_exploitation: [
    '{child} базарда кешке дейін жұмыс істеуге мәжбүр, ақшасын {perp} алып қояды.',
    '{childAcc} оқудың орнына жұмыс істеуге мәжбүрлейді.',
  ],
  sexual_exploitation: [
    '{childAcc} жыныстық қанауға тартып жүр деген күдік бар.',
  ],
  online_sexual_abuse: [
    'интернеттегі бейтаныс адам {childAbl} жеке суреттер талап етіп, қорқытып отыр.',
    '{perp} {childAbl} жеке суреттер талап етіп, оларды таратамын деп қорқытады.',
  ],
  involvement_in_crime: [
    'ересек таныстары {childAcc} ұрлыққа тартып жүр.',
    '{perp} {childAcc} тыйым салынған заттарды таратуға көндіруде.',
  ],
  self_harm: [
    '{child} өзіне-өзі жарақат салып жүр, ешкіммен сөйлеспейді.',
  ],
  suicide_attempt: [
    '{child} өз-өзіне қол жұмсамақ болған, ауруханаға жатқызылды.',
    '{child} {perp} тарапынан қорлаудан кейін өз-өзіне қол жұмсамақ болған.',
  ],
  substance_use: [
    '{child} жасы үлкен жасөспірімдермен бірге ішімдік ішіп, вейп тартады.',
    '{childDat} {perp} ішімдік береді.',
  ],
  child_marriage: [
    'туыстары {childAcc} ересек ер адамға тұрмысқа бермек.',
    '{perp} {childAcc} күштеп тұрмысқа бермек.',
  ],
  other: [
    '{childGen} жағдайы алаңдатады, бала қорғауды қажет етеді.',
  ],
};

/** Russian perpetrator roles: [nominative, genitive], masculine and feminine. */
const RU_PERP: Readonly<Record<PerpetratorRelation, { male: readonly [string, string]; female: readonly [string, string] }>> = {
  mother: { male: ['мать', 'матери'], female: ['мать', 'матери'] },
  father: { male: ['отец', 'отца'], female: ['отец', 'отца'] },
  stepparent: { male: ['отчим', 'отчима'], female: ['мачеха', 'мачехи'] },
  sibling: { male: ['старший брат', 'старшего брата'], female: ['старшая сестра', 'старшей сестры'] },
  grandparent: { male: ['дедушка', 'дедушки'], female: ['бабушка', 'бабушки'] },
  other_relative: { male: ['дядя', 'дяди'], female: ['тётя', 'тёти'] },
  caregiver: { male: ['опекун', 'опекуна'], female: ['приёмная мать', 'приёмной матери'] },
  school_staff: { male: ['учитель', 'учителя'], female: ['учительница', 'учительницы'] },
  peer: { male: ['одноклассник', 'одноклассника'], female: ['одноклассница', 'одноклассницы'] },
  partner: { male: ['сожитель', 'сожителя'], female: ['сожительница', 'сожительницы'] },
  neighbour: { male: ['сосед', 'соседа'], female: ['соседка', 'соседки'] },
  acquaintance: { male: ['знакомый семьи', 'знакомого семьи'], female: ['знакомая семьи', 'знакомой семьи'] },
  stranger: { male: ['неизвестный мужчина', 'неизвестного мужчины'], female: ['неизвестная женщина', 'неизвестной женщины'] },
  online_contact: { male: ['собеседник в соцсети', 'собеседника в соцсети'], female: ['собеседник в соцсети', 'собеседника в соцсети'] },
  unknown: { male: ['неустановленное лицо', 'неустановленного лица'], female: ['неустановленное лицо', 'неустановленного лица'] },
  other: { male: ['посторонний взрослый', 'постороннего взрослого'], female: ['посторонняя женщина', 'посторонней женщины'] },
};

/** Kazakh perpetrator roles, with the possessive of "the child's …" where it applies. */
const KK_PERP: Readonly<Record<PerpetratorRelation, { male: string; female: string }>> = {
  mother: { male: 'анасы', female: 'анасы' },
  father: { male: 'әкесі', female: 'әкесі' },
  stepparent: { male: 'өгей әкесі', female: 'өгей шешесі' },
  sibling: { male: 'ағасы', female: 'әпкесі' },
  grandparent: { male: 'атасы', female: 'әжесі' },
  other_relative: { male: 'туысы', female: 'туысы' },
  caregiver: { male: 'қамқоршысы', female: 'қамқоршысы' },
  school_staff: { male: 'мұғалімі', female: 'мұғалімі' },
  peer: { male: 'сыныптасы', female: 'сыныптасы' },
  partner: { male: 'ересек ер адам', female: 'ересек әйел' },
  neighbour: { male: 'көршісі', female: 'көршісі' },
  acquaintance: { male: 'отбасының танысы', female: 'отбасының танысы' },
  stranger: { male: 'бейтаныс ер адам', female: 'бейтаныс әйел' },
  online_contact: { male: 'әлеуметтік желідегі бейтаныс адам', female: 'әлеуметтік желідегі бейтаныс адам' },
  unknown: { male: 'белгісіз адам', female: 'белгісіз адам' },
  other: { male: 'бөгде ересек адам', female: 'бөгде ересек адам' },
};

const RU_PLACE: Readonly<Record<Place, string>> = {
  home: 'дома',
  school: 'в школе',
  preschool: 'в детском саду',
  street: 'на улице',
  public_place: 'в общественном месте',
  institution: 'в учреждении, где находится ребёнок',
  online: 'в интернете',
  other: 'вне дома',
};

const KK_PLACE: Readonly<Record<Place, string>> = {
  home: 'үйде',
  school: 'мектепте',
  preschool: 'балабақшада',
  street: 'көшеде',
  public_place: 'қоғамдық орында',
  institution: 'бала тұратын мекемеде',
  online: 'интернетте',
  other: 'үйден тыс жерде',
};

const RU_EXTRAS = [
  'Ранее в семью уже выезжали сотрудники полиции.',
  'Семья находится в трудной жизненной ситуации.',
  'Ребёнок боится возвращаться домой.',
  'Заявитель просит о консультации психолога.',
  'Со слов заявителя, это происходит не впервые.',
  'Ребёнку нужна помощь психолога.',
] as const;

const KK_EXTRAS = [
  'Бұрын да отбасына полиция қызметкерлері барған.',
  'Отбасы өмірлік қиын жағдайда.',
  'Бала үйге қайтудан қорқады.',
  'Өтініш беруші психолог кеңесін сұрайды.',
  'Өтініш берушінің айтуынша, бұл бірінші рет емес.',
  'Балаға психолог көмегі қажет.',
] as const;

function ruYears(n: number): string {
  const d10 = n % 10;
  const d100 = n % 100;
  if (d10 === 1 && d100 !== 11) return `${n} год`;
  if (d10 >= 2 && d10 <= 4 && (d100 < 12 || d100 > 14)) return `${n} года`;
  return `${n} лет`;
}

interface ChildForms {
  child: string;
  childGen: string;
  childAcc: string;
  childDat: string;
  childAbl: string;
}

function ruChild(rng: Rng, sex: Sex, age: number): ChildForms {
  if (age < 1) {
    const s = 'до года';
    return { child: `ребёнок ${s}`, childGen: `ребёнка ${s}`, childAcc: `ребёнка ${s}`, childDat: `ребёнку ${s}`, childAbl: `ребёнка ${s}` };
  }
  const years = ruYears(age);
  let forms: readonly [string, string, string, string];
  if (age >= 14 && rng.chance(0.5)) {
    forms =
      sex === 'female'
        ? ['несовершеннолетняя', 'несовершеннолетней', 'несовершеннолетнюю', 'несовершеннолетней']
        : ['несовершеннолетний', 'несовершеннолетнего', 'несовершеннолетнего', 'несовершеннолетнему'];
  } else {
    forms = sex === 'female' ? ['девочка', 'девочки', 'девочку', 'девочке'] : ['мальчик', 'мальчика', 'мальчика', 'мальчику'];
  }
  const [nom, gen, acc, dat] = forms;
  return { child: `${nom} ${years}`, childGen: `${gen} ${years}`, childAcc: `${acc} ${years}`, childDat: `${dat} ${years}`, childAbl: `${gen} ${years}` };
}

function kkChild(sex: Sex, age: number): ChildForms {
  if (age < 1) {
    const s = 'бір жасқа толмаған';
    return { child: `${s} бала`, childGen: `${s} баланың`, childAcc: `${s} баланы`, childDat: `${s} балаға`, childAbl: `${s} баладан` };
  }
  const a = `${age} жастағы`;
  if (age >= 14) {
    return { child: `${a} жасөспірім`, childGen: `${a} жасөспірімнің`, childAcc: `${a} жасөспірімді`, childDat: `${a} жасөспірімге`, childAbl: `${a} жасөспірімнен` };
  }
  return sex === 'female'
    ? { child: `${a} қыз`, childGen: `${a} қыздың`, childAcc: `${a} қызды`, childDat: `${a} қызға`, childAbl: `${a} қыздан` }
    : { child: `${a} ұл`, childGen: `${a} ұлдың`, childAcc: `${a} ұлды`, childDat: `${a} ұлға`, childAbl: `${a} ұлдан` };
}

/** Who a professional reporter is, by the channel the report came through. */
const RU_PROFESSIONAL: Partial<Record<Channel, string>> = {
  police: 'Инспектор по делам несовершеннолетних сообщает, что',
  health: 'Врач приёмного отделения сообщает, что',
  guardianship: 'Специалист отдела опеки и попечительства сообщает, что',
  ngo: 'Сотрудник кризисного центра сообщает, что',
  school: 'Школьный психолог сообщает, что',
};

const KK_PROFESSIONAL: Partial<Record<Channel, string>> = {
  police: 'Кәмелетке толмағандар ісі жөніндегі инспектордың хабарлауынша,',
  health: 'Дәрігердің хабарлауынша,',
  guardianship: 'Қорғаншылық және қамқоршылық бөлімі маманының хабарлауынша,',
  ngo: 'Дағдарыс орталығы қызметкерінің хабарлауынша,',
  school: 'Мектеп психологының хабарлауынша,',
};

function ruIntro(rng: Rng, input: NarrativeInput): string {
  const r = input.reporter;
  if (r === 'anonymous') return rng.pick(['Анонимный заявитель сообщил, что', 'Поступило анонимное сообщение о том, что']);
  const f = r.sex === 'female';
  switch (r.relation) {
    case 'self':
      return rng.pick(['Ребёнок сам обратился и рассказал, что', 'Со слов самого ребёнка,']);
    case 'parent':
      return f ? 'Мать ребёнка сообщила, что' : 'Отец ребёнка сообщил, что';
    case 'relative':
      return f ? rng.pick(['Родственница ребёнка сообщила, что', 'Бабушка ребёнка сообщила, что']) : 'Родственник ребёнка сообщил, что';
    case 'neighbour':
      return rng.pick([f ? 'Соседка сообщила, что' : 'Сосед сообщил, что', 'Со слов соседей,']);
    case 'teacher':
      return rng.pick([f ? 'Классный руководитель сообщила, что' : 'Классный руководитель сообщил, что', 'Социальный педагог школы сообщает, что']);
    case 'professional':
      return RU_PROFESSIONAL[input.channel] ?? 'Специалист сообщает, что';
    case 'other':
      return rng.pick([f ? 'Заявительница сообщила, что' : 'Заявитель сообщил, что', 'Со слов заявителя,']);
  }
}

function kkIntro(rng: Rng, input: NarrativeInput): string {
  const r = input.reporter;
  if (r === 'anonymous') return rng.pick(['Анонимді хабарлама бойынша,', 'Аты-жөнін атамаған өтініш берушінің айтуынша,']);
  const f = r.sex === 'female';
  switch (r.relation) {
    case 'self':
      return 'Баланың өз айтуынша,';
    case 'parent':
      return f ? 'Баланың анасының айтуынша,' : 'Баланың әкесінің айтуынша,';
    case 'relative':
      return f ? rng.pick(['Баланың туысының айтуынша,', 'Баланың әжесінің айтуынша,']) : 'Баланың туысының айтуынша,';
    case 'neighbour':
      return 'Көршілердің айтуынша,';
    case 'teacher':
      return rng.pick(['Сынып жетекшісінің хабарлауынша,', 'Мектептің әлеуметтік педагогінің хабарлауынша,']);
    case 'professional':
      return KK_PROFESSIONAL[input.channel] ?? 'Маманның хабарлауынша,';
    case 'other':
      return 'Өтініш берушінің айтуынша,';
  }
}

function ruSiblings(input: NarrativeInput): string {
  const [first] = input.siblings;
  if (!first) return '';
  if (input.siblings.length > 1) return ' Также пострадали ещё дети в этой семье.';
  const older = first.age > input.child.age;
  const age = first.age < 1 ? 'до года' : ruYears(first.age);
  const who = first.sex === 'female' ? `${older ? 'старшая сестра' : 'сестра'} ${age}` : `${older ? 'старший брат' : 'брат'} ${age}`;
  return ` Также ${first.sex === 'female' ? 'пострадала' : 'пострадал'} ${who}.`;
}

function kkSiblings(input: NarrativeInput): string {
  const [first] = input.siblings;
  if (!first) return '';
  if (input.siblings.length > 1) return ' Отбасындағы басқа балалар да зардап шекті.';
  const older = first.age > input.child.age;
  let who: string;
  if (older) who = first.sex === 'male' ? 'ағасы да' : 'әпкесі де';
  else if (first.sex === 'male') who = 'інісі де';
  else who = input.child.sex === 'male' ? 'қарындасы да' : 'сіңлісі де';
  const age = first.age < 1 ? 'бір жасқа толмаған' : `${first.age} жастағы`;
  return ` Сондай-ақ баланың ${age} ${who} зардап шекті.`;
}

function fill(template: string, forms: ChildForms & { perp: string; perpGen: string }, childSex: Sex): string {
  return template
    .replace(/\{c:([^|}]*)\|([^}]*)\}/gu, (_m, masc: string, fem: string) => (childSex === 'male' ? masc : fem))
    .replace(/\{(child|childGen|childAcc|childDat|childAbl|perp|perpGen)\}/gu, (_m, key: keyof typeof forms) => forms[key]);
}

function capitalize(s: string): string {
  return s.length === 0 ? s : s.charAt(0).toUpperCase() + s.slice(1);
}

/** A one- to three-sentence narrative for a report. */
export function buildNarrative(rng: Rng, input: NarrativeInput): string {
  const ru = input.language === 'ru';
  const bodies = (ru ? RU_BODIES : KK_BODIES)[input.type];
  const perp = input.perpetrator;
  const usable = bodies.filter((t) => perp !== null || !t.includes('{perp'));
  const fallback = ru ? '{child} нуждается в защите.' : '{child} қорғауды қажет етеді.';
  const template = usable.length > 0 ? rng.pick(usable) : fallback;

  const childForms = ru ? ruChild(rng, input.child.sex, input.child.age) : kkChild(input.child.sex, input.child.age);
  let perpNom = '';
  let perpGen = '';
  if (perp) {
    const sex = perp.sex ?? 'male';
    const preschoolStaff = perp.relation === 'school_staff' && input.place === 'preschool';
    const youngPeer = perp.relation === 'peer' && input.child.age < 7;
    if (ru) {
      if (preschoolStaff) [perpNom, perpGen] = sex === 'male' ? ['воспитатель', 'воспитателя'] : ['воспитательница', 'воспитательницы'];
      else if (youngPeer) [perpNom, perpGen] = sex === 'male' ? ['сверстник', 'сверстника'] : ['сверстница', 'сверстницы'];
      else [perpNom, perpGen] = RU_PERP[perp.relation][sex];
    } else {
      if (preschoolStaff) perpNom = 'тәрбиешісі';
      else if (youngPeer) perpNom = 'құрдасы';
      else perpNom = KK_PERP[perp.relation][sex];
      perpGen = perpNom;
    }
  }
  const body = fill(template, { ...childForms, perp: perpNom, perpGen }, input.child.sex);
  const intro = ru ? ruIntro(rng, input) : kkIntro(rng, input);
  let text = `${intro} ${body}`;
  text += ru ? ruSiblings(input) : kkSiblings(input);
  if (rng.chance(0.45)) {
    text += ru ? ` Случай произошёл ${RU_PLACE[input.place]}.` : ` Оқиға ${KK_PLACE[input.place]} болған.`;
  }
  if (rng.chance(0.3)) text += ` ${rng.pick<string>(ru ? RU_EXTRAS : KK_EXTRAS)}`;
  return capitalize(text);
}
