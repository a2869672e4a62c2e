// Vocabularies of family case files, the service network, record linkage and early warning
// (issue 5), with their labels in the three languages.
import type { Label } from '../vocab-labels.ts';

/** protection: opened on a report of violence; patronage: social patronage of a family in difficulty. */
export const CASE_KINDS = ['protection', 'patronage'] as const;
export type CaseKind = (typeof CASE_KINDS)[number];

/** open → assessment → plan → in_progress → review → closed (reopening goes back to assessment). */
export const CASE_STATUSES = ['open', 'assessment', 'plan', 'in_progress', 'review', 'closed'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

export const CASE_RELATIONS = [
  'child', 'mother', 'father', 'step_parent', 'sibling', 'grandparent', 'guardian', 'relative', 'other_adult',
] as const;
export type CaseRelation = (typeof CASE_RELATIONS)[number];

export const OCCUPATIONS = ['preschool', 'studying', 'working', 'neither', 'retired', 'unknown'] as const;
export type Occupation = (typeof OCCUPATIONS)[number];

export const CASE_CLOSE_REASONS = [
  'goals_achieved', 'risk_reduced', 'moved_away', 'transferred_out', 'child_adult', 'placed_in_care', 'family_refused', 'no_grounds', 'other',
] as const;
export type CaseCloseReason = (typeof CASE_CLOSE_REASONS)[number];

/** Sections of the social and medical view; each is visible only to the roles that need it (cases/sections.ts). */
export const FACT_SECTIONS = ['social', 'housing', 'education', 'health', 'legal'] as const;
export type FactSection = (typeof FACT_SECTIONS)[number];

export const NOTE_SENSITIVITIES = ['normal', 'restricted', 'confidential'] as const;
export type NoteSensitivity = (typeof NOTE_SENSITIVITIES)[number];

export const REVIEW_DECISIONS = ['continue', 'close', 'step_up', 'step_down'] as const;
export type ReviewDecision = (typeof REVIEW_DECISIONS)[number];

export const RISK_LEVELS = ['low', 'moderate', 'high', 'very_high'] as const;
export type RiskLevel = (typeof RISK_LEVELS)[number];

export const SAFETY_DECISIONS = ['safe', 'conditionally_safe', 'unsafe'] as const;
export type SafetyDecision = (typeof SAFETY_DECISIONS)[number];

export const PROVIDER_KINDS = [
  'rehabilitation_centre', 'crisis_centre', 'psychological_support', 'pmpk', 'shelter', 'legal_aid', 'family_support_centre', 'health_service',
] as const;
export type ProviderKind = (typeof PROVIDER_KINDS)[number];

export const SERVICE_CODES = [
  'psychological_counselling', 'psychotherapy', 'crisis_accommodation', 'rehabilitation', 'medical_care', 'legal_advice',
  'court_representation', 'psychological_medical_pedagogical_exam', 'parenting_support', 'social_support', 'education_support', 'addiction_treatment',
] as const;
export type ServiceCode = (typeof SERVICE_CODES)[number];

export const REFERRAL_STATUSES = ['sent', 'accepted', 'declined', 'delivered', 'completed', 'cancelled'] as const;
export type ReferralStatus = (typeof REFERRAL_STATUSES)[number];

export const REFERRAL_DECLINE_REASONS = ['no_capacity', 'not_eligible_age', 'service_not_offered', 'outside_territory', 'family_refused', 'other'] as const;
export type ReferralDeclineReason = (typeof REFERRAL_DECLINE_REASONS)[number];

export const REFERRAL_OUTCOMES = ['goals_met', 'partly_met', 'not_met', 'dropped_out'] as const;
export type ReferralOutcome = (typeof REFERRAL_OUTCOMES)[number];

export const LINK_STATUSES = ['pending', 'merged', 'distinct'] as const;
export type LinkStatus = (typeof LINK_STATUSES)[number];

export const RISK_FLAG_KINDS = ['repeat_report', 'sibling_reports', 'neet_teen', 'recent_case_closed', 'high_risk', 'school_absence'] as const;
export type RiskFlagKind = (typeof RISK_FLAG_KINDS)[number];

const L = (kk: string, ru: string, en: string): Label => ({ kk, ru, en });

export const caseKindLabels: Record<CaseKind, Label> = {
  protection: L('Қорғау ісі', 'Защита ребёнка', 'Child protection'),
  patronage: L('Әлеуметтік патронаж', 'Социальный патронаж', 'Social patronage'),
};

export const caseStatusLabels: Record<CaseStatus, Label> = {
  open: L('Ашылды', 'Открыто', 'Open'),
  assessment: L('Бағалау', 'Оценка', 'Assessment'),
  plan: L('Жоспар', 'План', 'Plan'),
  in_progress: L('Жүзеге асырылуда', 'В работе', 'In progress'),
  review: L('Қайта қарау', 'Пересмотр', 'Review'),
  closed: L('Жабылды', 'Закрыто', 'Closed'),
};

export const caseRelationLabels: Record<CaseRelation, Label> = {
  child: L('Бала', 'Ребёнок', 'Child'),
  mother: L('Анасы', 'Мать', 'Mother'),
  father: L('Әкесі', 'Отец', 'Father'),
  step_parent: L('Өгей ата-ана', 'Отчим / мачеха', 'Step-parent'),
  sibling: L('Бауыры', 'Брат / сестра', 'Sibling'),
  grandparent: L('Атасы / әжесі', 'Дедушка / бабушка', 'Grandparent'),
  guardian: L('Қамқоршы', 'Опекун', 'Guardian'),
  relative: L('Туысы', 'Родственник', 'Relative'),
  other_adult: L('Басқа ересек', 'Другой взрослый', 'Other adult'),
};

export const occupationLabels: Record<Occupation, Label> = {
  preschool: L('Мектепке дейінгі', 'Дошкольник', 'Preschool'),
  studying: L('Оқиды', 'Учится', 'Studying'),
  working: L('Жұмыс істейді', 'Работает', 'Working'),
  neither: L('Оқымайды, жұмыс істемейді', 'Не учится и не работает', 'Neither studying nor working'),
  retired: L('Зейнеткер', 'Пенсионер', 'Retired'),
  unknown: L('Белгісіз', 'Неизвестно', 'Unknown'),
};

export const caseCloseReasonLabels: Record<CaseCloseReason, Label> = {
  goals_achieved: L('Мақсаттарға қол жеткізілді', 'Цели достигнуты', 'Goals achieved'),
  risk_reduced: L('Қауіп төмендеді', 'Риск снижен', 'Risk reduced'),
  moved_away: L('Отбасы көшіп кетті', 'Семья переехала', 'Family moved away'),
  transferred_out: L('Басқа органға берілді', 'Передано другому органу', 'Transferred out'),
  child_adult: L('Бала кәмелетке толды', 'Ребёнок достиг совершеннолетия', 'Child came of age'),
  placed_in_care: L('Бала орналастырылды', 'Ребёнок устроен', 'Child placed in care'),
  family_refused: L('Отбасы бас тартты', 'Семья отказалась', 'Family refused'),
  no_grounds: L('Негіз жоқ', 'Нет оснований', 'No grounds'),
  other: L('Басқа', 'Другое', 'Other'),
};

export const factSectionLabels: Record<FactSection, Label> = {
  social: L('Әлеуметтік жағдай', 'Социальное положение', 'Social situation'),
  housing: L('Тұрғын үй', 'Жилищные условия', 'Housing'),
  education: L('Білім', 'Образование', 'Education'),
  health: L('Денсаулық', 'Здоровье', 'Health'),
  legal: L('Құқықтық жағдай', 'Правовое положение', 'Legal'),
};

export const noteSensitivityLabels: Record<NoteSensitivity, Label> = {
  normal: L('Қалыпты', 'Обычная', 'Normal'),
  restricted: L('Шектеулі', 'Ограниченная', 'Restricted'),
  confidential: L('Құпия', 'Конфиденциальная', 'Confidential'),
};

export const reviewDecisionLabels: Record<ReviewDecision, Label> = {
  continue: L('Жалғастыру', 'Продолжить', 'Continue'),
  close: L('Жабуға ұсыну', 'Предложить закрыть', 'Propose closure'),
  step_up: L('Қолдауды күшейту', 'Усилить поддержку', 'Step up'),
  step_down: L('Қолдауды азайту', 'Снизить интенсивность', 'Step down'),
};

export const riskLevelLabels: Record<RiskLevel, Label> = {
  low: L('Төмен', 'Низкий', 'Low'),
  moderate: L('Орташа', 'Средний', 'Moderate'),
  high: L('Жоғары', 'Высокий', 'High'),
  very_high: L('Өте жоғары', 'Очень высокий', 'Very high'),
};

export const safetyDecisionLabels: Record<SafetyDecision, Label> = {
  safe: L('Қауіпсіз', 'Безопасно', 'Safe'),
  conditionally_safe: L('Шартты қауіпсіз', 'Условно безопасно', 'Conditionally safe'),
  unsafe: L('Қауіпті', 'Небезопасно', 'Unsafe'),
};

export const providerKindLabels: Record<ProviderKind, Label> = {
  rehabilitation_centre: L('Оңалту орталығы', 'Реабилитационный центр', 'Rehabilitation centre'),
  crisis_centre: L('Дағдарыс орталығы', 'Кризисный центр', 'Crisis centre'),
  psychological_support: L('Психологиялық қолдау орталығы', 'Центр психологической поддержки', 'Psychological support centre'),
  pmpk: L('ПМПК', 'ПМПК', 'PMPK (psycho-medical-pedagogical commission)'),
  shelter: L('Баспана', 'Приют', 'Shelter'),
  legal_aid: L('Заң көмегі', 'Юридическая помощь', 'Legal aid'),
  family_support_centre: L('Отбасын қолдау орталығы', 'Центр поддержки семьи', 'Family support centre'),
  health_service: L('Медициналық қызмет', 'Медицинская служба', 'Health service'),
};

export const serviceCodeLabels: Record<ServiceCode, Label> = {
  psychological_counselling: L('Психологиялық кеңес', 'Психологическое консультирование', 'Psychological counselling'),
  psychotherapy: L('Психотерапия', 'Психотерапия', 'Psychotherapy'),
  crisis_accommodation: L('Дағдарыстық орналастыру', 'Кризисное размещение', 'Crisis accommodation'),
  rehabilitation: L('Оңалту', 'Реабилитация', 'Rehabilitation'),
  medical_care: L('Медициналық көмек', 'Медицинская помощь', 'Medical care'),
  legal_advice: L('Заң кеңесі', 'Юридическая консультация', 'Legal advice'),
  court_representation: L('Сотта өкілдік ету', 'Представительство в суде', 'Court representation'),
  psychological_medical_pedagogical_exam: L('ПМПК тексеруі', 'Обследование ПМПК', 'PMPK examination'),
  parenting_support: L('Ата-аналарды қолдау', 'Поддержка родителей', 'Parenting support'),
  social_support: L('Әлеуметтік сүйемелдеу', 'Социальное сопровождение', 'Social support'),
  education_support: L('Оқуды қолдау', 'Поддержка в обучении', 'Education support'),
  addiction_treatment: L('Тәуелділікті емдеу', 'Лечение зависимостей', 'Addiction treatment'),
};

export const referralStatusLabels: Record<ReferralStatus, Label> = {
  sent: L('Жіберілді', 'Отправлено', 'Sent'),
  accepted: L('Қабылданды', 'Принято', 'Accepted'),
  declined: L('Бас тартылды', 'Отклонено', 'Declined'),
  delivered: L('Қызмет көрсетілді', 'Услуга оказана', 'Service delivered'),
  completed: L('Кері байланыс берілді', 'Обратная связь получена', 'Feedback given'),
  cancelled: L('Болдырылмады', 'Отменено', 'Cancelled'),
};

export const referralDeclineReasonLabels: Record<ReferralDeclineReason, Label> = {
  no_capacity: L('Орын жоқ', 'Нет мест', 'No capacity'),
  not_eligible_age: L('Жасы сәйкес емес', 'Не подходит по возрасту', 'Age not served'),
  service_not_offered: L('Мұндай қызмет жоқ', 'Услуга не оказывается', 'Service not offered'),
  outside_territory: L('Аумақтан тыс', 'Вне территории обслуживания', 'Outside the territory served'),
  family_refused: L('Отбасы бас тартты', 'Семья отказалась', 'Family refused'),
  other: L('Басқа', 'Другое', 'Other'),
};

export const referralOutcomeLabels: Record<ReferralOutcome, Label> = {
  goals_met: L('Мақсатқа жетті', 'Цели достигнуты', 'Goals met'),
  partly_met: L('Ішінара жетті', 'Частично достигнуты', 'Partly met'),
  not_met: L('Жетпеді', 'Не достигнуты', 'Not met'),
  dropped_out: L('Тоқтатты', 'Прекратил посещение', 'Dropped out'),
};

export const riskFlagKindLabels: Record<RiskFlagKind, Label> = {
  repeat_report: L('12 айда қайталанған хабарлама', 'Повторное сообщение за 12 месяцев', 'Repeat report within 12 months'),
  sibling_reports: L('Бауырлары туралы хабарламалар', 'Сообщения о братьях и сёстрах', 'Siblings with reports'),
  neet_teen: L('Жасөспірім оқымайды және жұмыс істемейді', 'Подросток не учится и не работает', 'Teenager neither studying nor working'),
  recent_case_closed: L('Алдыңғы іс 6 айдан аз бұрын жабылған', 'Прежнее дело закрыто менее 6 месяцев назад', 'Prior case closed less than 6 months ago'),
  high_risk: L('Жоғары бағаланған қауіп', 'Высокий оценённый риск', 'High assessed risk'),
  school_absence: L('Сабаққа келмеу', 'Пропуски занятий', 'School absence'),
};
