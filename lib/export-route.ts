import 'server-only';
import { getDb, type Db } from '@/db';
import type { Role } from '@/db/schema';
import type { Actor } from '@/lib/actor';
import { csvResponse, csvStream, type CsvCell } from '@/lib/csv';
import { httpErrorResponse } from '@/lib/errors';
import { observeRoute } from '@/lib/log';
import { requireApiRole } from '@/lib/session';
import { getSettings } from '@/lib/settings';

type ExportContext = { db: Db; actor: Actor; params: Record<string, string>; timeZone: string };

/**
 * The GET handler of a list's CSV export: the same filters as the page (its URL), the whole set streamed as
 * the module walks it. `build` calls the module, whose own actor check throws before the first byte, so a
 * refusal is a 403 and never a truncated file.
 */
export function csvExportRoute(
  route: string,
  roles: Role[],
  build: (ctx: ExportContext) => Promise<{ name: string; header: string[]; rows: AsyncIterable<CsvCell[][]> }>,
) {
  return observeRoute(route, async function GET(request: Request, ctx?: { params?: Promise<Record<string, string>> }) {
    try {
      const actor = await requireApiRole(...roles);
      const db = await getDb();
      // The URL's filters, and the route's own segments (a run's id) over them.
      const params = { ...Object.fromEntries(new URL(request.url).searchParams), ...(await ctx?.params) };
      const { timeZone } = await getSettings(db);
      const { name, header, rows } = await build({ db, actor, params, timeZone });
      const date = new Date().toISOString().slice(0, 10);
      return csvResponse(`${name}-${date}.csv`, csvStream(header, rows));
    } catch (error) {
      return httpErrorResponse(error);
    }
  });
}
