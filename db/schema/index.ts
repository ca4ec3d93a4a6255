// Every module's tables. A module adds its file here; drizzle-kit reads this list.
export * from './auth';
export * from './settings';
export * from './workers';
export * from './clients';
export * from './catalog';
export * from './plans';
export * from './orders';
export * from './audit';
export * from './quality';
export * from './supplies';
export * from './notifications';
export * from './finance';
export * from './scheduler';
export * from './worker-tasks';
export * from './billing';
export * from './payments';
export * from './matching';
