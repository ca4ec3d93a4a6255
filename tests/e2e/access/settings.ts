import { page, type AccessRule } from './types';

export const settingsRules: AccessRule[] = [
  // Managers open the settings read-only; saving is the admin's (the server action and updateSettings check it).
  page('/admin/settings', ['manager', 'admin']),
  // Staff's own two-factor sign-in.
  page('/security', ['manager', 'admin']),
];
