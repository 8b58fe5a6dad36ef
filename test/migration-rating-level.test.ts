import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, rowsOf } from '../src/server/db/client';
import { migratedWith, YICHANG_CENTRE_ROWS } from './helpers/migrations';

/** The last migration before the one that copies the rating level onto the service record. */
const BEFORE = '0016_one_attachment_table';
const AT = '2026-11-03T07:15:00.000Z';

/** A centre with three records as before the copy: one rated 满意, one rated 不满意, one completed and unrated. */
const BEFORE_ROWS = [
  ...YICHANG_CENTRE_ROWS,
  sql`insert into service_records (id, number, centre_id, enterprise_id, county_code, city_code, park_id, category,
    sub_item, channel, source, request_text, status, submitted_at, completed_at)
    select i, 'FW-2026-00' || i, 3, 5, '420502', '420500', 1, 'customs', 'declaration', 'online', 'enterprise', '报关',
      'completed', ${AT}, ${AT} from generate_series(11, 13) i`,
  sql`insert into service_ratings (record_id, enterprise_id, centre_id, county_code, city_code, level, rated_at)
    values (11, 5, 3, '420502', '420500', 'satisfied', ${AT}), (12, 5, 3, '420502', '420500', 'dissatisfied', ${AT})`,
];

describe('migration 0017: the rating level on the service record', () => {
  let database: Database;
  const query = async <T>(q: ReturnType<typeof sql>) => rowsOf<T>(await database.db.execute(q));

  beforeAll(async () => {
    database = await migratedWith(BEFORE, BEFORE_ROWS);
  }, 120_000);
  afterAll(async () => database?.close());

  it("backfills every rated record with its rating's level and leaves the unrated empty", async () => {
    const rows = await query<{ id: number; rating_level: string | null }>(
      sql`select id, rating_level from service_records order by id`,
    );
    expect(rows.map((r) => [Number(r.id), r.rating_level])).toEqual([
      [11, 'satisfied'],
      [12, 'dissatisfied'],
      [13, null],
    ]);
  });

  it('finds the completed and unrated through the partial index', async () => {
    const unrated = await query<{ id: number }>(
      sql`select id from service_records where centre_id = 3 and status = 'completed' and rating_level is null`,
    );
    expect(unrated.map((r) => Number(r.id))).toEqual([13]);
    const [index] = await query<{ def: string }>(
      sql`select indexdef as def from pg_indexes where indexname = 'service_records_unrated_idx'`,
    );
    expect(index?.def).toMatch(/WHERE \(\(status = 'completed'::text\) AND \(rating_level IS NULL\)\)/);
  });
});
