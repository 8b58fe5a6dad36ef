import { sql } from 'drizzle-orm';
import { type Db, rowsOf } from '../db/client';

/**
 * A fixed-window counter in the database, shared by every app instance: one atomic upsert per hit. Returns the
 * count in the current window and when the window ends.
 */
export async function hitRateLimit(
  db: Db,
  key: string,
  now: Date,
  windowMs: number,
): Promise<{ count: number; resetAt: Date }> {
  const cutoff = new Date(now.getTime() - windowMs);
  const row = rowsOf<{ count: number; window_start: string | Date }>(
    await db.execute(sql`
      insert into rate_limits (key, window_start, count) values (${key}, ${now.toISOString()}, 1)
      on conflict (key) do update set
        count = case when rate_limits.window_start <= ${cutoff.toISOString()} then 1 else rate_limits.count + 1 end,
        window_start = case when rate_limits.window_start <= ${cutoff.toISOString()}
          then excluded.window_start else rate_limits.window_start end
      returning count, window_start`),
  )[0];
  if (!row) throw new Error('rate limit upsert returned nothing');
  return { count: Number(row.count), resetAt: new Date(new Date(row.window_start).getTime() + windowMs) };
}
