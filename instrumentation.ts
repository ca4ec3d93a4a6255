// Runs once when the server process starts. The embedded database is opened, migrated and seeded here,
// inside the one process allowed to hold it, so the first request does not pay for it.
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs' || process.env.DATABASE_URL) return;
  const { getConnection } = await import('./db');
  await getConnection();
}
