// Demo service directory: rehabilitation, crisis and psychological support centres, PMPK,
// shelters, legal aid and family support over Almaty, Shymkent, Astana, Turkistan, Karaganda and
// Pavlodar, with capacity and occupancy (some full, some with room). Names, addresses and phone
// numbers are invented. The Almaty rehabilitation centre «Мейірім» belongs to the unit of the
// demo user provider.almaty, who answers its referrals. Run after the demo users exist.
import type { ProviderKind, ServiceCode } from '@qorgau/core';
import { eq } from 'drizzle-orm';
import { serviceProviders, users } from '../db/schema.ts';
import type { Deps } from '../deps.ts';

type DemoProvider = {
  externalId: string;
  kind: ProviderKind;
  kk: string;
  ru: string;
  en: string;
  services: ServiceCode[];
  regionCode: string;
  districtCode: string | null;
  address: string;
  phone: string;
  lat: number;
  lon: number;
  ages: [number, number];
  languages: string[];
  capacity: number | null;
  occupancy: number;
  /** answered by the demo user provider.almaty */
  demoUnit?: true;
  active?: false;
};

export const DEMO_PROVIDERS: DemoProvider[] = [
  // ---------------------------------------------------------------- Almaty (KZ-75)
  {
    externalId: 'DEMO-ALA-REH-01', kind: 'rehabilitation_centre', demoUnit: true,
    kk: '«Мейірім» балаларды оңалту орталығы', ru: 'Реабилитационный центр для детей «Мейірім»', en: 'Meiirim Children\'s Rehabilitation Centre',
    services: ['rehabilitation', 'psychological_counselling', 'psychotherapy', 'education_support'], regionCode: 'KZ-75', districtCode: '751410000',
    address: 'Алматы, Бостандыкский район, ул. Жандосова, 58', phone: '+7 727 300 10 01', lat: 43.2236, lon: 76.8823, ages: [3, 17], languages: ['kk', 'ru'], capacity: 40, occupancy: 38,
  },
  {
    externalId: 'DEMO-ALA-CRI-01', kind: 'crisis_centre',
    kk: '«Жан» әйелдер мен балаларға арналған дағдарыс орталығы', ru: 'Кризисный центр для женщин и детей «Жан»', en: 'Zhan Crisis Centre for Women and Children',
    services: ['crisis_accommodation', 'psychological_counselling', 'legal_advice', 'social_support'], regionCode: 'KZ-75', districtCode: '751110000',
    address: 'Алматы, Алмалинский район, ул. Толе би, 150', phone: '+7 727 300 10 02', lat: 43.2507, lon: 76.9035, ages: [0, 18], languages: ['kk', 'ru'], capacity: 24, occupancy: 24,
  },
  {
    externalId: 'DEMO-ALA-PSY-01', kind: 'psychological_support',
    kk: '«Сенім» балалар мен жасөспірімдерге психологиялық қолдау орталығы', ru: 'Центр психологической поддержки детей и подростков «Сенім»', en: 'Senim Psychological Support Centre for Children and Adolescents',
    services: ['psychological_counselling', 'psychotherapy', 'parenting_support'], regionCode: 'KZ-75', districtCode: '751710000',
    address: 'Алматы, Медеуский район, пр. Достык, 85', phone: '+7 727 300 10 03', lat: 43.2389, lon: 76.9571, ages: [6, 18], languages: ['kk', 'ru', 'en'], capacity: 120, occupancy: 97,
  },
  {
    externalId: 'DEMO-ALA-PMPK-02', kind: 'pmpk',
    kk: 'Алматы қаласының № 2 психологиялық-медициналық-педагогикалық консультациясы', ru: 'Психолого-медико-педагогическая консультация № 2 города Алматы', en: 'Almaty Psychological, Medical and Pedagogical Consultation No. 2',
    services: ['psychological_medical_pedagogical_exam', 'education_support'], regionCode: 'KZ-75', districtCode: '751310000',
    address: 'Алматы, Ауэзовский район, мкр. Аксай-2, 17', phone: '+7 727 300 10 04', lat: 43.2208, lon: 76.8347, ages: [0, 18], languages: ['kk', 'ru'], capacity: 30, occupancy: 12,
  },
  {
    externalId: 'DEMO-ALA-SHE-01', kind: 'shelter',
    kk: '«Ұя» кәмелетке толмағандарға арналған баспана', ru: 'Приют для несовершеннолетних «Ұя»', en: 'Uya Shelter for Minors',
    services: ['crisis_accommodation', 'social_support', 'education_support'], regionCode: 'KZ-75', districtCode: '751910000',
    address: 'Алматы, Турксибский район, ул. Сейфуллина, 12', phone: '+7 727 300 10 05', lat: 43.3319, lon: 76.9498, ages: [3, 18], languages: ['kk', 'ru'], capacity: 35, occupancy: 31,
  },
  {
    externalId: 'DEMO-ALA-LAW-01', kind: 'legal_aid',
    kk: '«Құқық және бала» заң клиникасы', ru: 'Юридическая клиника «Право и ребёнок»', en: 'Law and the Child Legal Clinic',
    services: ['legal_advice', 'court_representation'], regionCode: 'KZ-75', districtCode: '751110000',
    address: 'Алматы, Алмалинский район, ул. Абылай хана, 79', phone: '+7 727 300 10 06', lat: 43.2553, lon: 76.9447, ages: [0, 25], languages: ['kk', 'ru', 'en'], capacity: null, occupancy: 0,
  },
  {
    externalId: 'DEMO-ALA-FAM-01', kind: 'family_support_centre',
    kk: '«Отбасы» отбасын қолдау орталығы', ru: 'Центр поддержки семьи «Отбасы»', en: 'Otbasy Family Support Centre',
    services: ['parenting_support', 'social_support', 'psychological_counselling'], regionCode: 'KZ-75', districtCode: '751210000',
    address: 'Алматы, Алатауский район, мкр. Шанырак-2, ул. Жанкожа батыра, 3', phone: '+7 727 300 10 07', lat: 43.2879, lon: 76.8102, ages: [0, 18], languages: ['kk', 'ru'], capacity: 50, occupancy: 20,
  },
  {
    externalId: 'DEMO-ALA-HEA-01', kind: 'health_service',
    kk: 'Психикалық денсаулық орталығының жасөспірімдер бөлімі', ru: 'Подростковое отделение Центра психического здоровья', en: 'Adolescent Unit of the Mental Health Centre',
    services: ['addiction_treatment', 'medical_care', 'psychotherapy'], regionCode: 'KZ-75', districtCode: '751510000',
    address: 'Алматы, Жетысуский район, ул. Кабдолова, 1', phone: '+7 727 300 10 08', lat: 43.2985, lon: 76.9127, ages: [12, 18], languages: ['kk', 'ru'], capacity: 20, occupancy: 19,
  },
  {
    externalId: 'DEMO-ALA-REH-02', kind: 'rehabilitation_centre',
    kk: '«Шапағат» арнаулы әлеуметтік қызметтер көрсету орталығы', ru: 'Центр оказания специальных социальных услуг «Шапағат»', en: 'Shapagat Special Social Services Centre',
    services: ['rehabilitation', 'social_support', 'education_support'], regionCode: 'KZ-75', districtCode: '751810000',
    address: 'Алматы, Наурызбайский район, мкр. Калкаман, ул. Ашимова, 21', phone: '+7 727 300 10 09', lat: 43.1968, lon: 76.7795, ages: [0, 18], languages: ['kk', 'ru'], capacity: 45, occupancy: 45,
  },
  {
    externalId: 'DEMO-ALA-PSY-02', kind: 'psychological_support', active: false,
    kk: '«Ақжол» психологиялық кабинеті', ru: 'Психологический кабинет «Ақжол»', en: 'Akzhol Psychology Office',
    services: ['psychological_counselling'], regionCode: 'KZ-75', districtCode: '751410000',
    address: 'Алматы, Бостандыкский район, ул. Тимирязева, 42', phone: '+7 727 300 10 10', lat: 43.2261, lon: 76.9113, ages: [7, 18], languages: ['ru'], capacity: 15, occupancy: 0,
  },
  // ---------------------------------------------------------------- Shymkent (KZ-79)
  {
    externalId: 'DEMO-SHY-CRI-01', kind: 'crisis_centre',
    kk: '«Аналар үйі» дағдарыс орталығы', ru: 'Кризисный центр «Дом мамы»', en: 'Mother\'s House Crisis Centre',
    services: ['crisis_accommodation', 'psychological_counselling', 'social_support'], regionCode: 'KZ-79', districtCode: '791310000',
    address: 'Шымкент, Аль-Фарабийский район, ул. Байтурсынова, 26', phone: '+7 7252 30 10 01', lat: 42.3207, lon: 69.5946, ages: [0, 18], languages: ['kk', 'ru', 'uz'], capacity: 20, occupancy: 14,
  },
  {
    externalId: 'DEMO-SHY-PMPK-01', kind: 'pmpk',
    kk: 'Шымкент қаласының психологиялық-медициналық-педагогикалық консультациясы', ru: 'Психолого-медико-педагогическая консультация города Шымкент', en: 'Shymkent Psychological, Medical and Pedagogical Consultation',
    services: ['psychological_medical_pedagogical_exam', 'education_support'], regionCode: 'KZ-79', districtCode: '791110000',
    address: 'Шымкент, Абайский район, ул. Жибек жолы, 14', phone: '+7 7252 30 10 02', lat: 42.3421, lon: 69.6018, ages: [0, 18], languages: ['kk', 'ru', 'uz'], capacity: 25, occupancy: 22,
  },
  {
    externalId: 'DEMO-SHY-REH-01', kind: 'rehabilitation_centre',
    kk: '«Балапан» балаларды оңалту орталығы', ru: 'Реабилитационный центр для детей «Балапан»', en: 'Balapan Children\'s Rehabilitation Centre',
    services: ['rehabilitation', 'psychological_counselling', 'medical_care'], regionCode: 'KZ-79', districtCode: '791510000',
    address: 'Шымкент, Енбекшинский район, ул. Елшибек батыра, 9', phone: '+7 7252 30 10 03', lat: 42.3078, lon: 69.6412, ages: [3, 16], languages: ['kk', 'ru'], capacity: 40, occupancy: 35,
  },
  {
    externalId: 'DEMO-SHY-PSY-01', kind: 'psychological_support',
    kk: '«Үміт» психологиялық көмек орталығы', ru: 'Центр психологической помощи «Үміт»', en: 'Umit Psychological Help Centre',
    services: ['psychological_counselling', 'psychotherapy', 'parenting_support'], regionCode: 'KZ-79', districtCode: '791710000',
    address: 'Шымкент, Каратауский район, мкр. Нурсат, 103', phone: '+7 7252 30 10 04', lat: 42.3612, lon: 69.5528, ages: [7, 18], languages: ['kk', 'ru', 'uz'], capacity: 80, occupancy: 44,
  },
  {
    externalId: 'DEMO-SHY-LAW-01', kind: 'legal_aid',
    kk: 'Балаларға тегін заң көмегі кеңсесі', ru: 'Бюро бесплатной юридической помощи детям', en: 'Free Legal Aid Office for Children',
    services: ['legal_advice', 'court_representation'], regionCode: 'KZ-79', districtCode: '791310000',
    address: 'Шымкент, Аль-Фарабийский район, пр. Тауке хана, 31', phone: '+7 7252 30 10 05', lat: 42.3169, lon: 69.5869, ages: [0, 25], languages: ['kk', 'ru', 'uz'], capacity: null, occupancy: 0,
  },
  {
    externalId: 'DEMO-SHY-SHE-01', kind: 'shelter',
    kk: '«Қамқор» кәмелетке толмағандарға арналған баспана', ru: 'Приют для несовершеннолетних «Қамқор»', en: 'Kamkor Shelter for Minors',
    services: ['crisis_accommodation', 'social_support'], regionCode: 'KZ-79', districtCode: '791910000',
    address: 'Шымкент, район Тұран, ул. Рыскулова, 55', phone: '+7 7252 30 10 06', lat: 42.2843, lon: 69.6227, ages: [3, 18], languages: ['kk', 'ru'], capacity: 30, occupancy: 18,
  },
  // ---------------------------------------------------------------- Astana (KZ-71)
  {
    externalId: 'DEMO-AST-CRI-01', kind: 'crisis_centre',
    kk: '«Шаңырақ» дағдарыс орталығы', ru: 'Кризисный центр «Шанырак»', en: 'Shanyrak Crisis Centre',
    services: ['crisis_accommodation', 'psychological_counselling', 'legal_advice', 'social_support'], regionCode: 'KZ-71', districtCode: '711310000',
    address: 'Астана, район Сарыарка, ул. Бейбитшилик, 18', phone: '+7 7172 30 10 01', lat: 51.1694, lon: 71.4128, ages: [0, 18], languages: ['kk', 'ru'], capacity: 28, occupancy: 20,
  },
  {
    externalId: 'DEMO-AST-PMPK-01', kind: 'pmpk',
    kk: 'Астана қаласының № 1 психологиялық-медициналық-педагогикалық консультациясы', ru: 'Психолого-медико-педагогическая консультация № 1 города Астаны', en: 'Astana Psychological, Medical and Pedagogical Consultation No. 1',
    services: ['psychological_medical_pedagogical_exam', 'education_support'], regionCode: 'KZ-71', districtCode: '711210000',
    address: 'Астана, район Есиль, ул. Кабанбай батыра, 40', phone: '+7 7172 30 10 02', lat: 51.1012, lon: 71.4195, ages: [0, 18], languages: ['kk', 'ru'], capacity: 40, occupancy: 31,
  },
  {
    externalId: 'DEMO-AST-PSY-01', kind: 'psychological_support',
    kk: '«Достық» жастарға психологиялық қолдау орталығы', ru: 'Центр психологической поддержки молодёжи «Достық»', en: 'Dostyq Youth Psychological Support Centre',
    services: ['psychological_counselling', 'psychotherapy', 'social_support'], regionCode: 'KZ-71', districtCode: '711110000',
    address: 'Астана, район Алматы, пр. Абая, 92', phone: '+7 7172 30 10 03', lat: 51.1528, lon: 71.4847, ages: [6, 25], languages: ['kk', 'ru', 'en'], capacity: 100, occupancy: 62,
  },
  {
    externalId: 'DEMO-AST-FAM-01', kind: 'family_support_centre',
    kk: '«Ана мен бала» отбасын қолдау орталығы', ru: 'Центр поддержки семьи «Мать и дитя»', en: 'Mother and Child Family Support Centre',
    services: ['parenting_support', 'social_support', 'psychological_counselling', 'legal_advice'], regionCode: 'KZ-71', districtCode: '711410000',
    address: 'Астана, район Байконыр, ул. Богенбай батыра, 54', phone: '+7 7172 30 10 04', lat: 51.1675, lon: 71.4503, ages: [0, 18], languages: ['kk', 'ru'], capacity: 60, occupancy: 41,
  },
  {
    externalId: 'DEMO-AST-REH-01', kind: 'rehabilitation_centre',
    kk: '«Жасөспірім» жасөспірімдерді оңалту орталығы', ru: 'Реабилитационный центр для подростков «Жасөспірім»', en: 'Zhasospirim Adolescent Rehabilitation Centre',
    services: ['rehabilitation', 'addiction_treatment', 'psychotherapy', 'education_support'], regionCode: 'KZ-71', districtCode: '711510000',
    address: 'Астана, район Нура, ул. Улы Дала, 7', phone: '+7 7172 30 10 05', lat: 51.0862, lon: 71.4023, ages: [12, 18], languages: ['kk', 'ru'], capacity: 30, occupancy: 29,
  },
  // ---------------------------------------------------------------- Turkistan Region (KZ-61)
  {
    externalId: 'DEMO-TUR-CRI-01', kind: 'crisis_centre',
    kk: '«Сана» дағдарыс орталығы', ru: 'Кризисный центр «Сана»', en: 'Sana Crisis Centre',
    services: ['crisis_accommodation', 'psychological_counselling', 'social_support'], regionCode: 'KZ-61', districtCode: '611000000',
    address: 'Туркестан, ул. Тауке хана, 12', phone: '+7 72533 3 10 01', lat: 43.2975, lon: 68.2517, ages: [0, 18], languages: ['kk', 'ru', 'uz'], capacity: 18, occupancy: 11,
  },
  {
    externalId: 'DEMO-TUR-PMPK-01', kind: 'pmpk',
    kk: 'Түркістан облыстық психологиялық-медициналық-педагогикалық консультациясы', ru: 'Областная психолого-медико-педагогическая консультация Туркестанской области', en: 'Turkistan Region Psychological, Medical and Pedagogical Consultation',
    services: ['psychological_medical_pedagogical_exam', 'education_support'], regionCode: 'KZ-61', districtCode: '611000000',
    address: 'Туркестан, мкр. Жаңа қала, 30', phone: '+7 72533 3 10 02', lat: 43.3021, lon: 68.2704, ages: [0, 18], languages: ['kk', 'ru', 'uz'], capacity: 30, occupancy: 26,
  },
  {
    externalId: 'DEMO-TUR-FAM-01', kind: 'family_support_centre',
    kk: 'Сайрам аудандық отбасын қолдау орталығы', ru: 'Сайрамский районный центр поддержки семьи', en: 'Sairam District Family Support Centre',
    services: ['parenting_support', 'social_support', 'psychological_counselling'], regionCode: 'KZ-61', districtCode: '615200000',
    address: 'Сайрамский район, с. Аксукент, ул. Абылай хана, 21', phone: '+7 72531 3 10 03', lat: 42.4312, lon: 69.8405, ages: [0, 18], languages: ['kk', 'uz'], capacity: 25, occupancy: 9,
  },
  // ---------------------------------------------------------------- Karaganda Region (KZ-35)
  {
    externalId: 'DEMO-KAR-PSY-01', kind: 'psychological_support',
    kk: '«Ақниет» психологиялық қолдау орталығы', ru: 'Центр психологической поддержки «Ақниет»', en: 'Akniet Psychological Support Centre',
    services: ['psychological_counselling', 'psychotherapy', 'parenting_support'], regionCode: 'KZ-35', districtCode: '351000000',
    address: 'Караганда, пр. Бухар жырау, 47', phone: '+7 7212 30 10 01', lat: 49.8047, lon: 73.1094, ages: [6, 18], languages: ['kk', 'ru'], capacity: 70, occupancy: 50,
  },
  {
    externalId: 'DEMO-KAR-SHE-01', kind: 'shelter',
    kk: '«Үй» балалар баспанасы', ru: 'Детский приют «Дом»', en: 'Home Children\'s Shelter',
    services: ['crisis_accommodation', 'social_support'], regionCode: 'KZ-35', districtCode: '351000000',
    address: 'Караганда, ул. Ерубаева, 20', phone: '+7 7212 30 10 02', lat: 49.8019, lon: 73.0875, ages: [0, 18], languages: ['kk', 'ru'], capacity: 20, occupancy: 17,
  },
  // ---------------------------------------------------------------- Pavlodar Region (KZ-55)
  {
    externalId: 'DEMO-PAV-REH-01', kind: 'rehabilitation_centre',
    kk: '«Мирас» балаларды оңалту орталығы', ru: 'Реабилитационный центр для детей «Мирас»', en: 'Miras Children\'s Rehabilitation Centre',
    services: ['rehabilitation', 'medical_care', 'education_support'], regionCode: 'KZ-55', districtCode: '551000000',
    address: 'Павлодар, ул. Кутузова, 204', phone: '+7 7182 30 10 01', lat: 52.2871, lon: 76.9674, ages: [0, 18], languages: ['kk', 'ru'], capacity: 40, occupancy: 22,
  },
];

/** Loads the demo providers once (by external id); links «Мейірім» to provider.almaty's unit. */
export async function seedDemoServices(deps: Deps): Promise<void> {
  const now = deps.clock.now();
  const [provider] = await deps.db.select({ unitId: users.unitId }).from(users).where(eq(users.username, 'provider.almaty'));
  await deps.db.insert(serviceProviders).values(DEMO_PROVIDERS.map((p) => ({
    externalId: p.externalId, kind: p.kind, nameKk: p.kk, nameRu: p.ru, nameEn: p.en, services: p.services,
    regionCode: p.regionCode, districtCode: p.districtCode, address: p.address, phone: p.phone,
    email: `${p.externalId.toLowerCase()}@demo.qorgau.example`, lat: p.lat, lon: p.lon, ageMin: p.ages[0], ageMax: p.ages[1],
    languages: p.languages, capacity: p.capacity, occupancy: p.occupancy, occupancyUpdatedAt: now,
    unitId: p.demoUnit ? provider?.unitId ?? null : null, active: p.active ?? true, createdAt: now, updatedAt: now,
  }))).onConflictDoNothing({ target: serviceProviders.externalId });
}
