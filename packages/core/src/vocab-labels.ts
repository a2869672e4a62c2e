// Kazakh, Russian and English labels for the codes of vocab.ts and roles.ts.
// Terminology follows Kazakhstani usage (Law on the rights of the child, Code on marriage and
// family, Criminal Code, Law on prevention of domestic violence): ХҚКО/ЦОН, қорғаншылық және
// қамқоршылық органы / органы опеки и попечительства, КТІЖК/КДН, etc.
import type { Role } from './roles.ts';
import type {
  AgencyType, BodyRegion, Channel, ConcernAction, ConcernCategory, ConcernStatus, EscalationLevel, FacilitatorType, NotificationKind,
  SpecialistKind, PerpetratorRelation, Place, Priority, ReporterRelation, Sex,
  TaskAction, TaskOutcome, TaskStatus, ViolenceType,
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
  teacher: { kk: 'Мұғалім', ru: 'Учитель', en: 'Teacher' },
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

export const taskActionLabels: Record<TaskAction, Label> = {
  decide_report: { kk: 'Хабарлама бойынша шешім қабылдау', ru: 'Принять решение по сообщению', en: 'Decide on the report' },
  immediate_response: { kk: 'Оқиға орнына дереу шығу', ru: 'Немедленный выезд на место', en: 'Respond at once in person' },
  home_visit: { kk: 'Отбасына бару, баланы көру', ru: 'Посещение семьи, осмотр ребёнка', en: 'Home visit, see the child' },
  safety_assessment: { kk: 'Баланың қауіпсіздігін бағалау', ru: 'Оценка безопасности ребёнка', en: 'Assess the child\'s safety' },
  criminal_check: {
    kk: 'Тіркеу және тексеру (СДТБ/ӘҚБ)',
    ru: 'Регистрация и проверка (ЕРДР/ЕРАП)',
    en: 'Register and investigate (criminal/administrative)',
  },
  medical_examination: { kk: 'Медициналық тексеру', ru: 'Медицинское освидетельствование', en: 'Medical examination' },
  mental_health_assessment: { kk: 'Психикалық денсаулықты бағалау', ru: 'Оценка психического здоровья', en: 'Mental health assessment' },
  psychological_support: { kk: 'Психологиялық көмек', ru: 'Психологическая помощь', en: 'Psychological support' },
  school_response: {
    kk: 'Мектептің әлеуметтік педагогының шаралары',
    ru: 'Меры социального педагога школы',
    en: 'School social pedagogue\'s response',
  },
  family_support: { kk: 'Отбасын әлеуметтік қолдау', ru: 'Социальная поддержка семьи', en: 'Family support' },
  legal_aid: { kk: 'Заң көмегі', ru: 'Юридическая помощь', en: 'Legal aid' },
  commission_review: {
    kk: 'КТІЖК отырысында қарау',
    ru: 'Рассмотрение на заседании КДН',
    en: 'Review by the commission on juvenile affairs',
  },
  follow_up: { kk: 'Шешімді орындау', ru: 'Исполнение решения', en: 'Follow-up action' },
};

export const taskStatusLabels: Record<TaskStatus, Label> = {
  open: { kk: 'Жаңа', ru: 'Новая', en: 'Open' },
  accepted: { kk: 'Жұмыста', ru: 'В работе', en: 'Accepted' },
  done: { kk: 'Орындалды', ru: 'Выполнена', en: 'Done' },
  cancelled: { kk: 'Тоқтатылды', ru: 'Отменена', en: 'Cancelled' },
};

export const taskOutcomeLabels: Record<TaskOutcome, Label> = {
  child_safe: { kk: 'Бала қауіпсіз', ru: 'Ребёнок в безопасности', en: 'Child safe' },
  protective_measures: { kk: 'Қорғау шаралары қабылданды', ru: 'Приняты меры защиты', en: 'Protective measures taken' },
  referred_to_service: { kk: 'Қызметке жолданды', ru: 'Направлен в службу', en: 'Referred to a service' },
  criminal_case_opened: { kk: 'Қылмыстық іс қозғалды', ru: 'Возбуждено уголовное дело', en: 'Criminal case opened' },
  administrative_case: { kk: 'Әкімшілік іс қозғалды', ru: 'Возбуждено административное дело', en: 'Administrative case' },
  no_grounds: { kk: 'Негіз жоқ', ru: 'Оснований нет', en: 'No grounds' },
  child_not_found: { kk: 'Бала табылмады', ru: 'Ребёнок не найден', en: 'Child not found' },
  other: { kk: 'Басқа', ru: 'Другое', en: 'Other' },
};

export const escalationLevelLabels: Record<EscalationLevel, Label> = {
  unit_head: { kk: 'Бөлімше басшысы', ru: 'Руководитель подразделения', en: 'Head of unit' },
  regional_coordinator: { kk: 'Өңірлік үйлестіруші', ru: 'Региональный координатор', en: 'Regional coordinator' },
  juvenile_commission: {
    kk: 'Кәмелетке толмағандардың істері жөніндегі комиссия',
    ru: 'Комиссия по делам несовершеннолетних',
    en: 'Commission on juvenile affairs',
  },
  prosecutor: { kk: 'Прокуратура', ru: 'Прокуратура', en: 'Prosecutor\'s office' },
};

export const notificationKindLabels: Record<NotificationKind, Label> = {
  task_new: { kk: 'Бөлімшеге жаңа тапсырма', ru: 'Новая задача подразделению', en: 'New task for your unit' },
  task_assigned: { kk: 'Сізге тапсырма берілді', ru: 'Вам назначена задача', en: 'A task was assigned to you' },
  task_escalated: { kk: 'Мерзімі өткен тапсырма', ru: 'Просроченная задача', en: 'Overdue task escalated' },
  task_due_soon: { kk: 'Тапсырма мерзімі жақындады', ru: 'Срок задачи подходит', en: 'Task due soon' },
  conference_invited: { kk: 'Кеңеске шақыру', ru: 'Приглашение на совещание', en: 'Invitation to a case conference' },
  report_closed: { kk: 'Хабарлама жабылды', ru: 'Сообщение закрыто', en: 'Report closed' },
  concern_new: { kk: 'Мектепте жаңа алаңдаушылық', ru: 'Новая тревога в школе', en: 'New safeguarding concern in your school' },
  case_assigned: { kk: 'Сізге отбасы ісі берілді', ru: 'Вам передано дело семьи', en: 'A family case is yours to lead' },
  case_approval_requested: { kk: 'Іс бойынша келісім сұралды', ru: 'Запрошено утверждение по делу', en: 'Approval requested on a case' },
  case_approval_decided: { kk: 'Іс бойынша шешім қабылданды', ru: 'Решение по утверждению дела', en: 'Approval decided on your case' },
  case_transfer_requested: { kk: 'Істі қабылдау сұралды', ru: 'Запрошена передача дела', en: 'A case transfer awaits you' },
  case_review_due: { kk: 'Істі қайта қарау мерзімі', ru: 'Срок пересмотра дела', en: 'Case review due' },
  referral_new: { kk: 'Жаңа жолдама', ru: 'Новое направление', en: 'New referral' },
  referral_answered: { kk: 'Жолдамаға жауап берілді', ru: 'Ответ на направление', en: 'Referral answered' },
};

export const concernCategoryLabels: Record<ConcernCategory, Label> = {
  injury: { kk: 'Дене жарақаты, көгерулер', ru: 'Травмы, синяки', en: 'Injury or bruising' },
  disclosure: { kk: 'Баланың өзі айтты', ru: 'Ребёнок рассказал сам', en: 'Disclosure by the child' },
  behaviour_change: { kk: 'Мінез-құлықтың өзгеруі', ru: 'Изменение поведения', en: 'Change in behaviour' },
  neglect_signs: { kk: 'Қараусыз қалу белгілері', ru: 'Признаки пренебрежения нуждами', en: 'Signs of neglect' },
  absence: { kk: 'Сабаққа келмеу', ru: 'Пропуски занятий', en: 'Absence from school' },
  bullying: { kk: 'Буллинг', ru: 'Буллинг', en: 'Bullying' },
  online_risk: { kk: 'Интернеттегі қауіп', ru: 'Риски в интернете', en: 'Online risk' },
  self_harm: { kk: 'Өзіне зиян келтіру белгілері', ru: 'Признаки самоповреждения', en: 'Signs of self-harm' },
  family_situation: { kk: 'Отбасындағы жағдай', ru: 'Ситуация в семье', en: 'Family situation' },
  substance_use: { kk: 'Психобелсенді заттарды қолдану', ru: 'Употребление психоактивных веществ', en: 'Substance use' },
  other: { kk: 'Басқа', ru: 'Другое', en: 'Other' },
};

export const concernStatusLabels: Record<ConcernStatus, Label> = {
  new: { kk: 'Жаңа', ru: 'Новая', en: 'New' },
  under_review: { kk: 'Қаралуда', ru: 'На рассмотрении', en: 'Under review' },
  monitoring: { kk: 'Бақылауда', ru: 'Под наблюдением', en: 'Monitoring' },
  escalated: { kk: 'Хабарлама тіркелді', ru: 'Зарегистрировано сообщение', en: 'Escalated to a report' },
  closed: { kk: 'Жабылды', ru: 'Закрыта', en: 'Closed' },
};

export const concernActionLabels: Record<ConcernAction, Label> = {
  note: { kk: 'Жазба', ru: 'Запись', en: 'Note' },
  talked_with_child: { kk: 'Баламен сөйлесті', ru: 'Беседа с ребёнком', en: 'Talked with the child' },
  contacted_parents: { kk: 'Ата-анасымен байланысты', ru: 'Связь с родителями', en: 'Contacted the parents' },
  observed: { kk: 'Бақылау', ru: 'Наблюдение', en: 'Observation' },
  internal_support: { kk: 'Мектеп ішіндегі қолдау', ru: 'Поддержка в школе', en: 'Support within the school' },
  referred: { kk: 'Маманға жіберілді', ru: 'Направлен к специалисту', en: 'Referred to a specialist' },
  escalated: { kk: 'Хабарлама ретінде тіркелді', ru: 'Передано как сообщение', en: 'Escalated to a report' },
  closed: { kk: 'Жабылды', ru: 'Закрыто', en: 'Closed' },
};

export const bodyRegionLabels: Record<BodyRegion, Label> = {
  head: { kk: 'Бас', ru: 'Голова', en: 'Head' },
  face: { kk: 'Бет', ru: 'Лицо', en: 'Face' },
  neck: { kk: 'Мойын', ru: 'Шея', en: 'Neck' },
  chest: { kk: 'Кеуде', ru: 'Грудь', en: 'Chest' },
  abdomen: { kk: 'Іш', ru: 'Живот', en: 'Abdomen' },
  back_upper: { kk: 'Арқаның жоғарғы бөлігі', ru: 'Верх спины', en: 'Upper back' },
  back_lower: { kk: 'Арқаның төменгі бөлігі', ru: 'Поясница', en: 'Lower back' },
  buttocks: { kk: 'Бөксе', ru: 'Ягодицы', en: 'Buttocks' },
  genital_area: { kk: 'Жыныс мүшелерінің аймағы', ru: 'Область половых органов', en: 'Genital area' },
  arm_left: { kk: 'Сол қол', ru: 'Левая рука', en: 'Left arm' },
  arm_right: { kk: 'Оң қол', ru: 'Правая рука', en: 'Right arm' },
  hand_left: { kk: 'Сол алақан', ru: 'Левая кисть', en: 'Left hand' },
  hand_right: { kk: 'Оң алақан', ru: 'Правая кисть', en: 'Right hand' },
  leg_left: { kk: 'Сол аяқ', ru: 'Левая нога', en: 'Left leg' },
  leg_right: { kk: 'Оң аяқ', ru: 'Правая нога', en: 'Right leg' },
  foot_left: { kk: 'Сол табан', ru: 'Левая стопа', en: 'Left foot' },
  foot_right: { kk: 'Оң табан', ru: 'Правая стопа', en: 'Right foot' },
};

export const specialistKindLabels: Record<SpecialistKind, Label> = {
  psychologist: { kk: 'Педагог-психолог', ru: 'Педагог-психолог', en: 'School psychologist' },
  social_pedagogue: { kk: 'Әлеуметтік педагог', ru: 'Социальный педагог', en: 'Social pedagogue' },
};

export const facilitatorTypeLabels: Record<FacilitatorType, Label> = {
  school: { kk: 'Мектеп', ru: 'Школа', en: 'School' },
  police: { kk: 'Полиция', ru: 'Полиция', en: 'Police' },
  ngo: { kk: 'ҮЕҰ', ru: 'НПО', en: 'NGO' },
  volunteers: { kk: 'Еріктілер', ru: 'Волонтёры', en: 'Volunteers' },
  health: { kk: 'Денсаулық сақтау', ru: 'Здравоохранение', en: 'Health' },
  other: { kk: 'Басқа', ru: 'Другое', en: 'Other' },
};
