// Every portal page and route handler, by who may reach it. A module adds its file here.
import { foundationRules } from './foundation';
import { authRules } from './auth';
import { ordersRules } from './orders';
import { matchingRules } from './matching';
import { qualityRules } from './quality';
import { workersRules } from './workers';
import { notificationsRules } from './notifications';
import { financeRules } from './finance';
import { billingRules } from './billing';
import { settingsRules } from './settings';
import { clientsRules } from './clients';
import type { AccessRule } from './types';

export const accessRules: AccessRule[] = [
  ...foundationRules,
  ...authRules,
  ...ordersRules,
  ...matchingRules,
  ...qualityRules,
  ...workersRules,
  ...notificationsRules,
  ...financeRules,
  ...billingRules,
  ...settingsRules,
  ...clientsRules,
];
