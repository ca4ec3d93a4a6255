import 'server-only';
import type { Db } from '@/db';
import type { Actor } from '@/lib/actor';
import { acceptInvite, createClientByStaff, createInvite } from '@/lib/auth';
import { addTimeOff, setWeeklySchedule, updateWorkerProfile, type WeeklySlot } from '@/lib/workers';
import { addDays } from '@/lib/time';
import { runChains, type Step } from './lanes';
import type { Rng } from './prng';

// The people of the large demo: workers who accepted an invite (then got a grade, zones, skills, a schedule
// and planned time off) and clients a manager created when they phoned in. Everything through lib/auth and
// lib/workers, as the admin pages do it.

const firstNamesF = [
  'Алина',
  'Валентина',
  'Галина',
  'Дарья',
  'Евгения',
  'Екатерина',
  'Елена',
  'Жанна',
  'Зарина',
  'Ирина',
  'Карина',
  'Ксения',
  'Лариса',
  'Людмила',
  'Мадина',
  'Надежда',
  'Наталья',
  'Оксана',
  'Полина',
  'Светлана',
  'Софья',
  'Татьяна',
  'Юлия',
  'Яна',
  'Вера',
  'Гульнара',
  'Диана',
  'Камила',
  'Нина',
  'Олеся',
];
const firstNamesM = [
  'Александр',
  'Алексей',
  'Андрей',
  'Артём',
  'Виктор',
  'Дмитрий',
  'Егор',
  'Игорь',
  'Кирилл',
  'Максим',
  'Михаил',
  'Никита',
  'Олег',
  'Павел',
  'Роман',
  'Сергей',
  'Тимур',
  'Фёдор',
  'Юрий',
  'Илья',
];
const surnames: [string, string][] = [
  ['Иванов', 'Иванова'],
  ['Смирнов', 'Смирнова'],
  ['Кузнецов', 'Кузнецова'],
  ['Попов', 'Попова'],
  ['Васильев', 'Васильева'],
  ['Петров', 'Петрова'],
  ['Соколов', 'Соколова'],
  ['Михайлов', 'Михайлова'],
  ['Новиков', 'Новикова'],
  ['Фёдоров', 'Фёдорова'],
  ['Морозов', 'Морозова'],
  ['Волков', 'Волкова'],
  ['Алексеев', 'Алексеева'],
  ['Лебедев', 'Лебедева'],
  ['Семёнов', 'Семёнова'],
  ['Егоров', 'Егорова'],
  ['Павлов', 'Павлова'],
  ['Козлов', 'Козлова'],
  ['Степанов', 'Степанова'],
  ['Николаев', 'Николаева'],
  ['Орлов', 'Орлова'],
  ['Андреев', 'Андреева'],
  ['Макаров', 'Макарова'],
  ['Никитин', 'Никитина'],
  ['Захаров', 'Захарова'],
  ['Зайцев', 'Зайцева'],
  ['Соловьёв', 'Соловьёва'],
  ['Борисов', 'Борисова'],
];

/** Streets of each demo zone, for clients' addresses. */
export const streetsByZone: Record<string, string[]> = {
  center: [
    'ул. Тверская',
    'ул. Мясницкая',
    'ул. Покровка',
    'ул. Арбат',
    'ул. Сретенка',
    'Цветной б-р',
    'ул. Остоженка',
  ],
  north: ['Дмитровское ш.', 'ул. Свободы', 'Ленинградское ш.', 'ул. Адмирала Макарова', 'Коровинское ш.'],
  south: ['Варшавское ш.', 'ул. Кировоградская', 'Каширское ш.', 'ул. Академика Янгеля', 'Ленинский пр-т'],
  west: ['Кутузовский пр-т', 'ул. Кастанаевская', 'Мичуринский пр-т', 'ул. Вернадского', 'Можайское ш.'],
  east: ['ул. Первомайская', 'Щёлковское ш.', 'ул. Новогиреевская', 'Измайловский б-р', 'ул. Сталеваров'],
};

const phone = (n: number) => {
  const d = String(1_000_000 + n).slice(-7);
  return `+7 916 ${d.slice(0, 3)}-${d.slice(3, 5)}-${d.slice(5, 7)}`;
};

export type DemoWorker = {
  id: string;
  name: string;
  grade: 'junior' | 'standard' | 'senior';
  skills: string[];
  /** Late starts, complaints: a few workers are less reliable than the rest (the performance page shows it). */
  reliability: number;
};

export type DemoClient = {
  id: string;
  zoneId: string;
  zoneCode: string;
  address: string;
  phone: string;
  areaM2: number;
  rooms: number;
  bathrooms: number;
};

const day = (weekday: number, from = '08:00', to = '20:00'): WeeklySlot => ({ weekday, from, to });
/** Five days in a row from `first` (ISO weekday), so that every day of the week, Sunday too, has its crew. */
const fiveFrom = (first: number) => [0, 1, 2, 3, 4].map((k) => day(((first - 1 + k) % 7) + 1));
const schedules: WeeklySlot[][] = [
  fiveFrom(1),
  fiveFrom(2),
  fiveFrom(3),
  fiveFrom(4),
  fiveFrom(5),
  fiveFrom(6),
  // Six days a week.
  [1, 2, 3, 4, 5, 6].map((weekday) => day(weekday)),
  fiveFrom(7),
  // Weekends and two afternoons (students and second jobs).
  [day(3, '12:00'), day(5, '12:00'), day(6), day(7)],
];

/**
 * Invites `count` more workers and accepts each invite (the password is the demo's published one), then sets
 * what a manager sets: grade, skills, zones, a weekly schedule and time off planned ahead (a summer holiday,
 * a few days in the autumn), all planned at `planAt`, before the history starts.
 */
export async function addDemoWorkers(
  db: Db,
  admin: Actor,
  rng: Rng,
  opts: {
    count: number;
    password: string;
    planAt: Date;
    firstDay: string;
    lastDay: string;
    zoneIds: Record<string, string>;
    /** Workers set up at once (PostgreSQL); every draw is made first, so the result is the same at any. */
    concurrency?: number;
  },
): Promise<DemoWorker[]> {
  const zoneCodes = Object.keys(opts.zoneIds);
  const out: DemoWorker[] = [];
  const chains: Step[][] = [];
  for (let i = 0; i < opts.count; i++) {
    const female = rng.chance(0.85);
    const [m, f] = surnames[(i * 7 + 3) % surnames.length];
    const name = `${(female ? firstNamesF : firstNamesM)[(i * 5 + 1) % (female ? firstNamesF : firstNamesM).length]} ${female ? f : m}`;
    const email = `worker${String(i + 1).padStart(2, '0')}@brigada.local`;
    const grade = rng.weighted([
      ['junior', 3],
      ['standard', 4],
      ['senior', 3],
    ] as const);
    const skills = [
      'cleaning',
      ...(grade !== 'junior' ? ['deep_cleaning'] : []),
      ...(grade === 'senior' ? ['renovation_cleaning'] : []),
      ...(rng.chance(0.6) ? ['windows'] : []),
    ];
    const home = zoneCodes[i % zoneCodes.length];
    // Most also cover two or three neighbouring zones, so a busy day in one zone finds somebody.
    const zones = [home, ...zoneCodes.filter((z) => z !== home && rng.chance(0.65))];
    // Two weeks of summer holiday somewhere in the first three months, and most take a few days later on.
    const holiday = addDays(opts.firstDay, rng.int(5, 80));
    const holidayEnd = addDays(holiday, rng.int(7, 13));
    const later = addDays(opts.firstDay, rng.int(100, 160));
    const laterOff =
      rng.chance(0.6) && addDays(later, 4) < opts.lastDay
        ? {
            fromDate: later,
            toDate: addDays(later, rng.int(1, 4)),
            reason: rng.pick(['Отгул', 'Семейные обстоятельства', 'Больничный']),
          }
        : null;
    const worker: DemoWorker = { id: '', name, grade, skills, reliability: rng.chance(0.15) ? 0.75 : 0.95 };
    out.push(worker);
    chains.push([
      async () => {
        const invite = await createInvite(
          db,
          admin,
          { name, email, role: 'worker', locale: 'ru' },
          async () => {},
          opts.planAt,
        );
        const { userId } = await acceptInvite(
          db,
          { token: invite.token, password: opts.password, confirm: opts.password },
          opts.planAt,
        );
        worker.id = userId;
        await updateWorkerProfile(db, admin, {
          workerId: userId,
          grade,
          phone: phone(200 + i),
          weeklyHoursTarget: 40,
          skills,
          zoneIds: zones.map((z) => opts.zoneIds[z]),
          bankAccount: `40817810${String(100_000_000_000 + i * 7919).slice(-12)}`,
          bankBik: '044525225',
        });
        await setWeeklySchedule(db, admin, userId, schedules[i % schedules.length]);
        await addTimeOff(db, admin, userId, { fromDate: holiday, toDate: holidayEnd, reason: 'Отпуск' }, opts.planAt);
        if (laterOff) await addTimeOff(db, admin, userId, laterOff, opts.planAt);
      },
    ]);
  }
  await runChains(chains, opts.concurrency ?? 1);
  return out;
}

/** Clients who phoned in: a manager creates each account (the client gets the usual invitation email). */
export async function addDemoClients(
  db: Db,
  manager: Actor,
  rng: Rng,
  opts: { count: number; at: Date; zoneIds: Record<string, string>; concurrency?: number },
): Promise<DemoClient[]> {
  const zoneCodes = Object.keys(opts.zoneIds);
  const out: (DemoClient | null)[] = [];
  const chains: Step[][] = [];
  for (let i = 0; i < opts.count; i++) {
    const female = rng.chance(0.6);
    const [m, f] = surnames[(i * 11 + 5) % surnames.length];
    const firsts = female ? firstNamesF : firstNamesM;
    const name = `${firsts[(i * 13 + 7) % firsts.length]} ${female ? f : m}`;
    const tel = phone(5000 + i);
    const zoneCode = rng.weighted(zoneCodes.map((z) => [z, z === 'center' ? 3 : 2] as const));
    const rooms = rng.weighted([
      [1, 3],
      [2, 4],
      [3, 3],
      [4, 1],
    ] as const);
    const client: DemoClient = {
      id: '',
      zoneId: opts.zoneIds[zoneCode],
      zoneCode,
      address: `Москва, ${rng.pick(streetsByZone[zoneCode])}, д. ${rng.int(1, 120)}, кв. ${rng.int(1, 300)}`,
      phone: tel,
      areaM2: rooms * 18 + rng.int(10, 30),
      rooms,
      bathrooms: rooms >= 3 ? 2 : 1,
    };
    const k = out.push(client) - 1;
    chains.push([
      async () => {
        const result = await createClientByStaff(
          db,
          manager,
          { name, email: `client${String(i + 1).padStart(3, '0')}@brigada.local`, phone: tel, locale: 'ru' },
          opts.at,
        );
        if (result.created) client.id = result.clientId;
        else out[k] = null;
      },
    ]);
  }
  await runChains(chains, opts.concurrency ?? 1);
  return out.filter((c) => c !== null);
}
