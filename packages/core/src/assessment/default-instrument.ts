// The assessment shipped with Qorgau as version 1: adapted from the structure of SDM safety and
// family risk assessments (threats of serious harm now; weighted household risk factors; policy
// overrides). The items and weights are a starting point for the ministry's methodologists, not a
// validated scale: like the response protocol, they are data and a new version can replace them.
import type { Label } from '../vocab-labels.ts';
import type { AssessmentOption, InstrumentDefinition, RiskItem } from './types.ts';

const L = (kk: string, ru: string, en: string): Label => ({ kk, ru, en });
const NO = L('Жоқ', 'Нет', 'No');
const YES = L('Иә', 'Да', 'Yes');
const yesNo = (weight: number): AssessmentOption[] => [{ code: 'no', label: NO, weight: 0 }, { code: 'yes', label: YES, weight }];

const item = (code: string, domain: RiskItem['domain'], label: Label, options: AssessmentOption[], hint?: Label): RiskItem =>
  ({ code, domain, label, options, ...(hint ? { hint } : {}) });

export const DEFAULT_INSTRUMENT: InstrumentDefinition = {
  name: L('Отбасының қауіпсіздігі мен тәуекелін бағалау', 'Оценка безопасности и риска семьи', 'Family safety and risk assessment'),
  threats: [
    { code: 'serious_harm', label: L('Ата-ана баланы ауыр жарақаттады немесе жарақаттауы мүмкін', 'Взрослый причинил или может причинить ребёнку серьёзный вред', 'A caregiver caused or is likely to cause serious harm') },
    { code: 'threat_to_harm', label: L('Балаға зиян келтіремін деп қорқытады', 'Угрозы причинить вред ребёнку', 'Threats to harm the child') },
    { code: 'sexual_abuse_access', label: L('Жыныстық зорлық күдігі, күдікті балаға қол жеткізе алады', 'Подозрение на сексуальное насилие, подозреваемый имеет доступ к ребёнку', 'Suspected sexual abuse and the suspect has access to the child') },
    { code: 'cannot_protect', label: L('Ата-ана баланы қорғай алмайды немесе қорғағысы келмейді', 'Взрослые не могут или не хотят защитить ребёнка', 'Caregivers cannot or will not protect the child') },
    { code: 'basic_needs_unmet', label: L('Баланың тамақ, киім, баспана, ем қажеттіліктері қамтамасыз етілмейді', 'Не обеспечены базовые потребности: питание, одежда, жильё, лечение', 'Basic needs (food, clothing, shelter, medical care) not met') },
    { code: 'dangerous_home', label: L('Үйдегі жағдай балаға қауіпті', 'Опасные условия в жилище', 'Living conditions are hazardous') },
    { code: 'child_afraid', label: L('Бала үйге қайтудан қорқады', 'Ребёнок боится возвращаться домой', 'The child is afraid to go home') },
  ],
  items: [
    item('prior_reports', 'social', L('Бұрынғы хабарламалар', 'Прежние сообщения о насилии', 'Prior reports'), [
      { code: 'none', label: L('Жоқ', 'Нет', 'None'), weight: 0 },
      { code: 'one', label: L('Біреу', 'Одно', 'One'), weight: 1 },
      { code: 'two_or_more', label: L('Екі немесе одан көп', 'Два и более', 'Two or more'), weight: 2 },
    ]),
    item('prior_case', 'social', L('Бұрын отбасы ісі ашылған', 'Ранее открывалось дело семьи', 'A prior case was opened for the family'), yesNo(1)),
    item('domestic_violence', 'social', L('Отбасындағы тұрмыстық зорлық-зомбылық', 'Бытовое насилие в семье', 'Domestic violence in the household'), yesNo(2)),
    item('substance_abuse', 'social', L('Ата-ананың алкоголь не есірткі қолдануы', 'Злоупотребление алкоголем или наркотиками взрослыми', 'Caregiver alcohol or drug misuse'), [
      { code: 'no', label: NO, weight: 0 },
      { code: 'past', label: L('Бұрын болған', 'В прошлом', 'In the past'), weight: 1 },
      { code: 'current', label: L('Қазір бар', 'Сейчас', 'Current'), weight: 2 },
    ]),
    item('caregiver_mental_health', 'psychological', L('Ата-ананың психикалық денсаулығы проблемалары', 'Проблемы психического здоровья взрослых', 'Caregiver mental health problems'), yesNo(1)),
    item('caregiver_abused_as_child', 'psychological', L('Ата-ана бала кезінде зорлық көрген', 'Взрослый сам пережил насилие в детстве', 'Caregiver was abused as a child'), yesNo(1)),
    item('harsh_discipline', 'psychological', L('Қатал жазалау, баланы кемсіту', 'Жёсткие наказания, унижение ребёнка', 'Harsh discipline or belittling the child'), yesNo(2)),
    item('child_distress', 'psychological', L('Баланың эмоционалдық күйзелісі, өзіне зиян келтіру', 'Эмоциональное неблагополучие ребёнка, самоповреждение', 'Child in emotional distress or self-harming'), yesNo(2)),
    item('child_behaviour', 'psychological', L('Баланың мінез-құлқындағы қиындықтар', 'Трудности поведения ребёнка', 'Child behaviour problems'), yesNo(1)),
    item('school_attendance', 'pedagogical', L('Сабаққа жүйелі түрде келмейді', 'Систематические пропуски школы', 'Persistent school absence'), [
      { code: 'no', label: NO, weight: 0 },
      { code: 'some', label: L('Кейде', 'Иногда', 'Sometimes'), weight: 1 },
      { code: 'persistent', label: L('Жүйелі түрде', 'Систематически', 'Persistently'), weight: 2 },
    ]),
    item('learning_difficulties', 'pedagogical', L('Оқудағы қиындықтар, ерекше қажеттіліктер қолдаусыз', 'Трудности в обучении, особые потребности без поддержки', 'Learning difficulties or special needs without support'), yesNo(1)),
    item('school_conflict', 'pedagogical', L('Мектептегі қақтығыстар, буллинг', 'Конфликты в школе, буллинг', 'Conflict or bullying at school'), yesNo(1)),
    item('parent_school_disengaged', 'pedagogical', L('Ата-ана мектеппен байланыспайды', 'Родители не взаимодействуют со школой', 'Caregivers do not engage with the school'), yesNo(1)),
    item('income_housing', 'social', L('Табыстың жетіспеуі немесе тұрақсыз баспана', 'Нехватка дохода или нестабильное жильё', 'Insufficient income or unstable housing'), yesNo(1)),
    item('no_support_network', 'social', L('Отбасының қолдауы жоқ (туыстар, көршілер)', 'Нет поддержки семьи (родственники, соседи)', 'No support network for the family'), yesNo(1)),
    item('young_or_disabled_child', 'health', L('3 жасқа дейінгі немесе мүмкіндігі шектеулі бала', 'Ребёнок до 3 лет или с инвалидностью', 'A child under 3 or with a disability'), yesNo(1)),
    item('chronic_illness_untreated', 'health', L('Баланың ауруы емделмейді', 'Заболевание ребёнка не лечится', 'The child\'s illness goes untreated'), yesNo(2)),
  ],
  thresholds: { moderate: 4, high: 8, very_high: 12 },
  policyOverrides: [
    { code: 'sexual_abuse', label: L('Жыныстық зорлық, күдікті балаға қол жеткізе алады', 'Сексуальное насилие, подозреваемый имеет доступ к ребёнку', 'Sexual abuse with the suspect having access'), whenThreats: ['sexual_abuse_access'], level: 'very_high' },
    { code: 'serious_harm', label: L('Балаға ауыр зиян келтірілген немесе келтірілуі мүмкін', 'Серьёзный вред ребёнку причинён или вероятен', 'Serious harm caused or likely'), whenThreats: ['serious_harm'], level: 'high' },
    { code: 'serious_harm_young_child', label: L('Жас немесе мүмкіндігі шектеулі балаға ауыр зиян', 'Серьёзный вред маленькому ребёнку или ребёнку с инвалидностью', 'Serious harm to a young or disabled child'), whenThreats: [], whenOptions: ['young_or_disabled_child:yes'], level: 'moderate' },
    { code: 'unprotected', label: L('Қауіп бар, бала қорғалмаған', 'Угроза без защиты ребёнка', 'A threat and nobody protects the child'), whenThreats: ['cannot_protect'], level: 'high' },
  ],
};
