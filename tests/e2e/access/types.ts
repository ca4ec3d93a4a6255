export type Who = 'anonymous' | 'client' | 'worker' | 'manager' | 'admin';
/** ok = 200, login = redirect to /login, or an exact HTTP status. */
export type Outcome = 'ok' | 'login' | number;
export type AccessRule = { path: string; method?: 'GET' | 'POST'; body?: unknown; expect: Record<Who, Outcome> };

/** A page only some roles may open: visitors go to sign in, other roles get 403. */
export function page(path: string, allowed: Exclude<Who, 'anonymous'>[]): AccessRule {
  const roles = ['client', 'worker', 'manager', 'admin'] as const;
  return {
    path,
    expect: {
      anonymous: 'login',
      ...Object.fromEntries(roles.map((r) => [r, allowed.includes(r) ? 'ok' : 403])),
    } as Record<Who, Outcome>,
  };
}

/** A route handler: 401 without a session, 403 for other roles. */
export function api(
  path: string,
  allowed: Exclude<Who, 'anonymous'>[],
  method: 'GET' | 'POST' = 'GET',
  body?: unknown,
): AccessRule {
  const roles = ['client', 'worker', 'manager', 'admin'] as const;
  return {
    path,
    method,
    body,
    expect: {
      anonymous: 401,
      ...Object.fromEntries(roles.map((r) => [r, allowed.includes(r) ? 'ok' : 403])),
    } as Record<Who, Outcome>,
  };
}
