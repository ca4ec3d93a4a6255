import 'server-only';
import { count } from 'drizzle-orm';
import { hashPassword } from '@/lib/auth';
import type { Db } from '@/db';
import {
  clientAddresses,
  clientProfiles,
  services,
  settings,
  users,
  workerProfiles,
  workerSkills,
  workerZones,
  zones,
} from '@/db/schema';
import { defaultSettings } from '@/lib/settings';
import { rebuildOrderStats } from '@/lib/quality';
import { seedWorkersDemo } from './workers';
import { seedSuppliesDemo } from './supplies';
import { seedFinanceDemo } from './finance';
import { seedQualityDemo } from './quality';
import { seedBillingDemo } from './billing';
import { seedLargeDemo, type LargeDemoOptions, type LargeDemoSummary } from './large';

/** Every demo login uses this password (listed in the README). */
export const DEMO_PASSWORD = 'brigada2026';

export const demoLogins = {
  admin: 'admin@brigada.local',
  manager: 'manager@brigada.local',
  worker: 'anna@brigada.local',
  client: 'client@brigada.local',
} as const;

const demoZones = [
  { code: 'center', nameRu: 'Центр', nameEn: 'Centre', lat: 55.7558, lng: 37.6173, travelFee: 0 },
  { code: 'north', nameRu: 'Север', nameEn: 'North', lat: 55.8357, lng: 37.5291, travelFee: 20000 },
  { code: 'south', nameRu: 'Юг', nameEn: 'South', lat: 55.6622, lng: 37.6353, travelFee: 20000 },
  { code: 'west', nameRu: 'Запад', nameEn: 'West', lat: 55.7303, lng: 37.4306, travelFee: 25000 },
  { code: 'east', nameRu: 'Восток', nameEn: 'East', lat: 55.7727, lng: 37.7763, travelFee: 25000 },
];

const checklist = (items: [string, string, string][]) => items.map(([code, ru, en]) => ({ code, ru, en }));

const demoServices = [
  {
    code: 'regular',
    nameRu: 'Поддерживающая уборка',
    nameEn: 'Regular cleaning',
    descriptionRu: 'Пыль, полы, кухня и санузел: чтобы дома снова было чисто.',
    descriptionEn: 'Dust, floors, kitchen and bathroom: your home clean again.',
    skill: 'cleaning',
    pricingUnit: 'per_m2' as const,
    unitPrice: 6000,
    minPrice: 250000,
    bathroomPrice: 50000,
    baseMinutes: 60,
    minutesPerUnitX100: 150,
    extras: [
      { code: 'windows', nameRu: 'Мытьё окон', nameEn: 'Windows', price: 150000, minutes: 60 },
      { code: 'fridge', nameRu: 'Холодильник внутри', nameEn: 'Inside the fridge', price: 80000, minutes: 30 },
      { code: 'oven', nameRu: 'Духовка внутри', nameEn: 'Inside the oven', price: 80000, minutes: 30 },
    ],
    checklist: checklist([
      ['dust', 'Протереть пыль', 'Dust all surfaces'],
      ['floors', 'Вымыть полы', 'Wash the floors'],
      ['kitchen', 'Убрать кухню', 'Clean the kitchen'],
      ['bathroom', 'Убрать санузел', 'Clean the bathroom'],
      ['trash', 'Вынести мусор', 'Take out the trash'],
    ]),
    minGrade: 'junior' as const,
  },
  {
    code: 'deep',
    nameRu: 'Генеральная уборка',
    nameEn: 'Deep cleaning',
    descriptionRu: 'Тщательная уборка всех поверхностей, включая труднодоступные места.',
    descriptionEn: 'A thorough clean of every surface, hard-to-reach places included.',
    skill: 'deep_cleaning',
    pricingUnit: 'per_m2' as const,
    unitPrice: 12000,
    minPrice: 500000,
    bathroomPrice: 100000,
    baseMinutes: 120,
    minutesPerUnitX100: 300,
    extras: [
      { code: 'windows', nameRu: 'Мытьё окон', nameEn: 'Windows', price: 150000, minutes: 60 },
      { code: 'fridge', nameRu: 'Холодильник внутри', nameEn: 'Inside the fridge', price: 80000, minutes: 30 },
      { code: 'balcony', nameRu: 'Балкон', nameEn: 'Balcony', price: 100000, minutes: 45 },
    ],
    checklist: checklist([
      ['dust', 'Протереть пыль везде, включая шкафы сверху', 'Dust everywhere, tops of cupboards included'],
      ['floors', 'Вымыть полы и плинтусы', 'Wash floors and skirting boards'],
      ['kitchen', 'Отмыть кухню и технику снаружи', 'Degrease the kitchen and appliances'],
      ['bathroom', 'Отмыть санузел и плитку', 'Descale the bathroom and tiles'],
      ['doors', 'Протереть двери и выключатели', 'Wipe doors and switches'],
    ]),
    minGrade: 'standard' as const,
  },
  {
    code: 'renovation',
    nameRu: 'Уборка после ремонта',
    nameEn: 'After-renovation cleaning',
    descriptionRu: 'Строительная пыль, следы краски и клея, окна.',
    descriptionEn: 'Construction dust, paint and glue marks, windows.',
    skill: 'renovation_cleaning',
    pricingUnit: 'per_m2' as const,
    unitPrice: 18000,
    minPrice: 800000,
    bathroomPrice: 100000,
    baseMinutes: 180,
    minutesPerUnitX100: 400,
    extras: [{ code: 'windows', nameRu: 'Мытьё окон', nameEn: 'Windows', price: 150000, minutes: 60 }],
    checklist: checklist([
      ['dust', 'Убрать строительную пыль', 'Remove construction dust'],
      ['marks', 'Удалить следы краски и клея', 'Remove paint and glue marks'],
      ['floors', 'Вымыть полы дважды', 'Wash floors twice'],
    ]),
    minGrade: 'senior' as const,
  },
  {
    code: 'windows',
    nameRu: 'Мытьё окон',
    nameEn: 'Window cleaning',
    descriptionRu: 'Окна с двух сторон, рамы и подоконники.',
    descriptionEn: 'Windows on both sides, frames and sills.',
    skill: 'windows',
    pricingUnit: 'per_room' as const,
    unitPrice: 90000,
    minPrice: 180000,
    bathroomPrice: 0,
    baseMinutes: 30,
    minutesPerUnitX100: 4500,
    extras: [],
    checklist: checklist([
      ['glass', 'Стёкла с двух сторон', 'Glass on both sides'],
      ['frames', 'Рамы и подоконники', 'Frames and sills'],
    ]),
    minGrade: 'junior' as const,
  },
];

const demoWorkers = [
  {
    email: demoLogins.worker,
    name: 'Анна Смирнова',
    phone: '+7 900 100-00-01',
    grade: 'senior' as const,
    zones: ['center', 'north', 'west'],
    skills: ['cleaning', 'deep_cleaning', 'renovation_cleaning', 'windows'],
  },
  {
    email: 'olga@brigada.local',
    name: 'Ольга Иванова',
    phone: '+7 900 100-00-02',
    grade: 'standard' as const,
    zones: ['center', 'south', 'east'],
    skills: ['cleaning', 'deep_cleaning', 'windows'],
  },
  {
    email: 'marina@brigada.local',
    name: 'Марина Кузнецова',
    phone: '+7 900 100-00-03',
    grade: 'junior' as const,
    zones: ['north', 'east'],
    skills: ['cleaning', 'windows'],
  },
  {
    email: 'irina@brigada.local',
    name: 'Ирина Попова',
    phone: '+7 900 100-00-04',
    grade: 'standard' as const,
    zones: ['west', 'south', 'center'],
    skills: ['cleaning', 'deep_cleaning'],
  },
];

/** The demo company's details on its invoices (made-up numbers of the right shape). */
const demoCompanyDetails = {
  legalName: 'ООО «Чистый дом»',
  taxId: '7701234567',
  kpp: '770101001',
  address: '101000, Москва, ул. Мясницкая, д. 1, офис 5',
  bankName: 'АО «Демо-Банк»',
  bik: '044525999',
  account: '40702810900000012345',
  corrAccount: '30101810400000000999',
};

export type DemoSize = 'small' | 'large';

export type SeedOptions = {
  /** 'large': six months of history on top of the small demo (lib/demo/large.ts). Default 'small'. */
  size?: DemoSize;
  large?: LargeDemoOptions;
};

/**
 * Fills an empty database with the demo company «Чистый дом»: the small demo (a few people and orders, quick
 * to seed), and with `size: 'large'` six months of its history as well. Returns false when there is data
 * already; the large demo's counts otherwise, or true.
 */
export async function seedIfEmpty(db: Db, opts: SeedOptions = {}): Promise<boolean | LargeDemoSummary> {
  const [{ n }] = await db.select({ n: count() }).from(users);
  if (n > 0) return false;
  // The large demo bills every week and pays every month itself, so it skips the small demo's one invoice and
  // draft payroll run (a second run of the same month would collide with it).
  await seedSmallDemo(db, { billing: opts.size !== 'large' });
  if (opts.size === 'large') {
    const { withoutMatchSoon } = await import('@/lib/composition');
    return withoutMatchSoon(() => seedLargeDemo(db, opts.large));
  }
  return true;
}

async function seedSmallDemo(db: Db, opts: { billing: boolean }): Promise<void> {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await db.transaction(async (tx) => {
    await tx.insert(settings).values(
      // Its logins are published in the README, so an authenticator code cannot be required of them.
      Object.entries({ ...defaultSettings, companyDetails: demoCompanyDetails, twoFactorRequired: 'optional' }).map(
        ([key, value]) => ({
          key,
          value,
        }),
      ),
    );
    const zoneRows = await tx.insert(zones).values(demoZones).returning({ id: zones.id, code: zones.code });
    const zoneId = Object.fromEntries(zoneRows.map((z) => [z.code, z.id]));
    await tx.insert(services).values(demoServices);

    await tx.insert(users).values([
      {
        email: demoLogins.admin,
        name: 'Администратор Чистого дома',
        phone: '+7 495 000-00-00',
        role: 'admin',
        passwordHash,
        emailVerifiedAt: new Date(),
      },
      {
        email: demoLogins.manager,
        name: 'Мария Менеджер',
        phone: '+7 495 000-00-01',
        role: 'manager',
        passwordHash,
        emailVerifiedAt: new Date(),
      },
    ]);
    const [client] = await tx
      .insert(users)
      .values({
        email: demoLogins.client,
        name: 'Иван Петров',
        phone: '+7 916 555-12-34',
        role: 'client',
        passwordHash,
        emailVerifiedAt: new Date(),
      })
      .returning({ id: users.id });
    await tx.insert(clientProfiles).values({ userId: client.id, defaultZoneId: zoneId.center });

    for (const w of demoWorkers) {
      const [u] = await tx
        .insert(users)
        .values({
          email: w.email,
          name: w.name,
          phone: w.phone,
          role: 'worker',
          passwordHash,
          emailVerifiedAt: new Date(),
        })
        .returning({ id: users.id });
      await tx.insert(workerProfiles).values({ userId: u.id, grade: w.grade, homeZoneId: zoneId[w.zones[0]] });
      await tx.insert(workerSkills).values(w.skills.map((skill) => ({ workerId: u.id, skill })));
      await tx.insert(workerZones).values(w.zones.map((z) => ({ workerId: u.id, zoneId: zoneId[z] })));
    }
    // Workers (issue 4): weekly hours and one task today for the demo worker.
    await seedWorkersDemo(tx, defaultSettings.timeZone);
    // Supplies (issue 4): catalogue, bills of materials, a starter kit for the demo worker.
    await seedSuppliesDemo(tx);
    // Finance (issue 6): default pay rates and penalty rules; a late-started finished order for Anna and a late cancellation for the demo client.
    await seedFinanceDemo(tx);
    // Quality (issue 9): a follow-up call form and a few failed and cancelled orders of the past weeks.
    await seedQualityDemo(tx, defaultSettings.timeZone);
    // Orders (issue 3): a saved address for the demo client, offered in the order form.
    await tx.insert(clientAddresses).values({
      clientId: client.id,
      label: 'Дом',
      address: 'Москва, ул. Тверская, д. 7, кв. 12',
      zoneId: zoneId.center,
      accessNotes: 'Код домофона 12К, 4 этаж',
    });
    // Billing (issue 7): last week's invoice for the demo client, last month's payroll run as a draft.
    if (opts.billing) await seedBillingDemo(tx);
    // The demo's orders and events were written directly, not through transitions: roll them up once.
    await rebuildOrderStats(tx);
  });
}
