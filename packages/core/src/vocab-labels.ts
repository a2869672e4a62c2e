// Kazakh, Russian and English labels for the codes of vocab.ts and roles.ts.
// Terminology follows Kazakhstani usage (Law on the rights of the child, Code on marriage and
// family, Criminal Code, Law on prevention of domestic violence): ХҚКО/ЦОН, қорғаншылық және
// қамқоршылық органы / органы опеки и попечительства, КТІЖК/КДН, etc.
import type { Role } from './roles.ts';
import type {
  AgencyType, Channel, PerpetratorRelation, Place, Priority, ReporterRelation, Sex, ViolenceType,
} from './vocab.ts';

export type Label = { kk: string; ru: string; en: string };

export const channelLabels: Record<Channel, Label> = {
  hotline: { kk: 'Жедел желі (111)', ru: 'Горячая линия (111)', en: 'Hotline (111)' },
  chat: { kk: 'Онлайн-чат', ru: 'Онлайн-чат', en: 'Chat' },
  school: { kk: 'Мектеп', ru: 'Школа', en: 'School' },
  psc: {
    kk: 'Халыққа қызмет көрсету орталығы (ХҚКО)',
    ru: 'Центр обслуживания населения (ЦОН)',
    en: 'Public service centre (PSC)',
  },
  police: { kk: 'Полиция', ru: 'Полиция', en: 'Police' },
  health: { kk: 'Денсаулық сақтау ұйымы', ru: 'Организация здравоохранения', en: 'Health facility' },
  guardianship: {
    kk: 'Қорғаншылық және қамқоршылық органы',
    ru: 'Орган опеки и попечительства',
    en: 'Guardianship authority',
  },
  ngo: { kk: 'Үкіметтік емес ұйым (ҮЕҰ)', ru: 'Неправительственная организация (НПО)', en: 'NGO' },
  online: { kk: 'Онлайн-өтініш', ru: 'Онлайн-обращение', en: 'Online form' },
  email: { kk: 'Электрондық пошта', ru: 'Электронная почта', en: 'Email' },
  walk_in: { kk: 'Жеке келіп жүгіну', ru: 'Личное обращение', en: 'Walk-in' },
  other: { kk: 'Басқа', ru: 'Другое', en: 'Other' },
};

export const violenceTypeLabels: Record<ViolenceType, Label> = {
  physical: { kk: 'Физикалық зорлық-зомбылық', ru: 'Физическое насилие', en: 'Physical abuse' },
  sexual: { kk: 'Жыныстық зорлық-зомбылық', ru: 'Сексуальное насилие', en: 'Sexual abuse' },
  psychological: { kk: 'Психологиялық зорлық-зомбылық', ru: 'Психологическое насилие', en: 'Psychological abuse' },
  neglect: {
    kk: 'Баланың қажеттіліктеріне немқұрайлы қарау',
    ru: 'Пренебрежение нуждами ребёнка',
    en: 'Neglect',
  },
  bullying: { kk: 'Буллинг (қудалау)', ru: 'Буллинг (травля)', en: 'Bullying' },
  cyberbullying: { kk: 'Кибербуллинг', ru: 'Кибербуллинг', en: 'Cyberbullying' },
  domestic_violence_witness: {
    kk: 'Тұрмыстық зорлық-зомбылыққа куә болу',
    ru: 'Ребёнок — свидетель бытового насилия',
    en: 'Witness to domestic violence',
  },
  trafficking: {
    kk: 'Кәмелетке толмағандарды саудаға салу',
    ru: 'Торговля несовершеннолетними',
    en: 'Child trafficking',
  },
  labour_exploitation: { kk: 'Еңбекті қанау', ru: 'Трудовая эксплуатация', en: 'Labour exploitation' },
  sexual_exploitation: { kk: 'Жыныстық қанау', ru: 'Сексуальная эксплуатация', en: 'Sexual exploitation' },
  online_sexual_abuse: {
    kk: 'Интернеттегі жыныстық зорлық-зомбылық',
    ru: 'Сексуальное насилие в интернете',
    en: 'Online sexual abuse',
  },
  involvement_in_crime: {
    kk: 'Құқық бұзушылық жасауға тарту',
    ru: 'Вовлечение в совершение правонарушений',
    en: 'Involvement in crime',
  },
  self_harm: { kk: 'Өзіне-өзі зиян келтіру', ru: 'Самоповреждение', en: 'Self-harm' },
  suicide_attempt: {
    kk: 'Өз-өзіне қол жұмсауға оқталу',
    ru: 'Попытка суицида',
    en: 'Suicide attempt',
  },
  substance_use: {
    kk: 'Психобелсенді заттарды тұтыну',
    ru: 'Употребление психоактивных веществ',
    en: 'Substance use',
  },
  child_marriage: { kk: 'Ерте неке', ru: 'Ранний брак', en: 'Child marriage' },
  other: { kk: 'Басқа', ru: 'Другое', en: 'Other' },
};

export const placeLabels: Record<Place, Label> = {
  home: { kk: 'Үй (тұрғылықты жер)', ru: 'Дом (место проживания)', en: 'Home' },
  school: { kk: 'Мектеп', ru: 'Школа', en: 'School' },
  preschool: {
    kk: 'Мектепке дейінгі ұйым (балабақша)',
    ru: 'Дошкольная организация (детский сад)',
    en: 'Preschool',
  },
  street: { kk: 'Көше', ru: 'Улица', en: 'Street' },
  public_place: { kk: 'Қоғамдық орын', ru: 'Общественное место', en: 'Public place' },
  institution: {
    kk: 'Мекеме (балалар үйі, интернат, аурухана т.б.)',
    ru: 'Учреждение (детский дом, интернат, больница и т. п.)',
    en: 'Institution (residential care, hospital…)',
  },
  online: { kk: 'Интернет', ru: 'Интернет', en: 'Online' },
  other: { kk: 'Басқа', ru: 'Другое', en: 'Other' },
};

export const perpetratorRelationLabels: Record<PerpetratorRelation, Label> = {
  mother: { kk: 'Анасы', ru: 'Мать', en: 'Mother' },
  father: { kk: 'Әкесі', ru: 'Отец', en: 'Father' },
  stepparent: { kk: 'Өгей әкесі немесе өгей шешесі', ru: 'Отчим или мачеха', en: 'Stepparent' },
  sibling: { kk: 'Бауыры (аға, іні, әпке, сіңлі)', ru: 'Брат или сестра', en: 'Sibling' },
  grandparent: { kk: 'Атасы немесе әжесі', ru: 'Дедушка или бабушка', en: 'Grandparent' },
  other_relative: { kk: 'Басқа туысы', ru: 'Другой родственник', en: 'Other relative' },
  caregiver: {
    kk: 'Қорғаншы, қамқоршы немесе тәрбиеші',
    ru: 'Опекун, попечитель или воспитатель',
    en: 'Caregiver (guardian, carer)',
  },
  school_staff: {
    kk: 'Білім беру ұйымының қызметкері',
    ru: 'Работник организации образования',
    en: 'School staff',
  },
  peer: { kk: 'Құрдасы', ru: 'Сверстник', en: 'Peer' },
  partner: { kk: 'Серіктесі (жігіті немесе қызы)', ru: 'Партнёр (парень или девушка)', en: 'Partner' },
  neighbour: { kk: 'Көршісі', ru: 'Сосед', en: 'Neighbour' },
  acquaintance: { kk: 'Танысы', ru: 'Знакомый', en: 'Acquaintance' },
  stranger: { kk: 'Бейтаныс адам', ru: 'Незнакомый человек', en: 'Stranger' },
  online_contact: { kk: 'Интернеттегі танысы', ru: 'Знакомый из интернета', en: 'Online contact' },
  unknown: { kk: 'Белгісіз', ru: 'Неизвестно', en: 'Unknown' },
  other: { kk: 'Басқа', ru: 'Другое', en: 'Other' },
};

export const reporterRelationLabels: Record<ReporterRelation, Label> = {
  self: { kk: 'Баланың өзі', ru: 'Сам ребёнок', en: 'The child themself' },
  parent: { kk: 'Ата-анасы', ru: 'Родитель', en: 'Parent' },
  relative: { kk: 'Туысы', ru: 'Родственник', en: 'Relative' },
  neighbour: { kk: 'Көршісі', ru: 'Сосед', en: 'Neighbour' },
  teacher: { kk: 'Педагог (мұғалім)', ru: 'Педагог (учитель)', en: 'Teacher' },
  professional: {
    kk: 'Маман (дәрігер, әлеуметтік қызметкер т.б.)',
    ru: 'Специалист (врач, социальный работник и др.)',
    en: 'Professional (doctor, social worker…)',
  },
  other: { kk: 'Басқа', ru: 'Другое', en: 'Other' },
};

export const agencyTypeLabels: Record<AgencyType, Label> = {
  hotline: {
    kk: 'Жедел желі (111 байланыс орталығы)',
    ru: 'Горячая линия (контакт-центр 111)',
    en: 'Hotline (111 contact centre)',
  },
  education: { kk: 'Білім беру органдары', ru: 'Органы образования', en: 'Education' },
  police: { kk: 'Ішкі істер органдары (полиция)', ru: 'Органы внутренних дел (полиция)', en: 'Police' },
  health: { kk: 'Денсаулық сақтау органдары', ru: 'Органы здравоохранения', en: 'Health' },
  social_protection: {
    kk: 'Қорғаншылық және қамқоршылық органы',
    ru: 'Органы опеки и попечительства',
    en: 'Guardianship authority',
  },
  juvenile_commission: {
    kk: 'Кәмелетке толмағандардың істері жөніндегі комиссия',
    ru: 'Комиссия по делам несовершеннолетних',
    en: 'Commission on juvenile affairs',
  },
  prosecutor: { kk: 'Прокуратура', ru: 'Прокуратура', en: "Prosecutor's office" },
  ombudsman: {
    kk: 'Бала құқықтары жөніндегі уәкіл',
    ru: 'Уполномоченный по правам ребёнка',
    en: "Children's Ombudsman",
  },
  akimat: { kk: 'Әкімдік', ru: 'Акимат', en: 'Akimat (local executive)' },
  service_provider: {
    kk: 'Қызмет көрсетуші ұйым (оңалту, дағдарыс орталығы)',
    ru: 'Поставщик услуг (реабилитационный, кризисный центр)',
    en: 'Service provider (rehabilitation, crisis centre)',
  },
  ngo: { kk: 'Үкіметтік емес ұйым', ru: 'Неправительственная организация', en: 'NGO' },
};

export const priorityLabels: Record<Priority, Label> = {
  P1: { kk: 'P1 — дереу (тікелей қауіп)', ru: 'P1 — немедленно (непосредственная угроза)', en: 'P1 — immediate' },
  P2: { kk: 'P2 — шұғыл', ru: 'P2 — срочно', en: 'P2 — urgent' },
  P3: { kk: 'P3 — жалпы тәртіппен', ru: 'P3 — в общем порядке', en: 'P3 — standard' },
  P4: { kk: 'P4 — тек мәлімет үшін', ru: 'P4 — только для сведения', en: 'P4 — information only' },
};

export const sexLabels: Record<Sex, Label> = {
  female: { kk: 'Әйел', ru: 'Женский', en: 'Female' },
  male: { kk: 'Ер', ru: 'Мужской', en: 'Male' },
};

export const roleLabels: Record<Role, Label> = {
  admin: { kk: 'Жүйе әкімшісі', ru: 'Администратор', en: 'Administrator' },
  hotline_operator: { kk: 'Жедел желі операторы', ru: 'Оператор горячей линии', en: 'Hotline operator' },
  supervisor: { kk: 'Супервайзер (ауысым жетекшісі)', ru: 'Супервайзер', en: 'Supervisor' },
  school_specialist: {
    kk: 'Мектеп маманы (әлеуметтік педагог, психолог)',
    ru: 'Специалист школы (социальный педагог, психолог)',
    en: 'School specialist (social pedagogue, psychologist)',
  },
  police_inspector: {
    kk: 'Кәмелетке толмағандардың істері жөніндегі инспектор',
    ru: 'Инспектор по делам несовершеннолетних',
    en: 'Juvenile police inspector',
  },
  health_worker: { kk: 'Медицина қызметкері', ru: 'Медицинский работник', en: 'Health worker' },
  guardianship_officer: {
    kk: 'Қорғаншылық және қамқоршылық органының маманы',
    ru: 'Специалист органа опеки и попечительства',
    en: 'Guardianship officer',
  },
  service_provider: {
    kk: 'Қызмет көрсетуші ұйымның маманы',
    ru: 'Специалист организации — поставщика услуг',
    en: 'Service provider staff',
  },
  commission_member: {
    kk: 'Кәмелетке толмағандардың істері жөніндегі комиссия мүшесі',
    ru: 'Член комиссии по делам несовершеннолетних',
    en: 'Member of the commission on juvenile affairs',
  },
  regional_coordinator: { kk: 'Өңірлік үйлестіруші', ru: 'Региональный координатор', en: 'Regional coordinator' },
  analyst: { kk: 'Талдаушы', ru: 'Аналитик', en: 'Analyst' },
  auditor: { kk: 'Аудитор', ru: 'Аудитор', en: 'Auditor' },
};
