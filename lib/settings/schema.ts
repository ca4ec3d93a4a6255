import { z } from 'zod';

// Company settings with their defaults (the demo company "Чистый дом"). A missing key reads as its default.
export const settingsSchema = z.object({
  companyName: z.string().default('Чистый дом'),
  currency: z.string().length(3).default('RUB'),
  timeZone: z.string().default('Europe/Moscow'),
  /** Local times in the company zone when a job may start: [from, to] as 'HH:mm'. */
  bookableHours: z.object({ from: z.string(), to: z.string() }).default({ from: '08:00', to: '20:00' }),
  /** How far ahead clients may book, in days. */
  bookingHorizonDays: z.number().int().positive().default(60),
});

export type Settings = z.infer<typeof settingsSchema>;
export type SettingKey = keyof Settings;
export const defaultSettings: Settings = settingsSchema.parse({});
