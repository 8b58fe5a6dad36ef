import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, rowsOf } from '../src/server/db/client';
import { checkFigures } from '../src/server/modules/figures';
import { migratedWith, YICHANG_CENTRE_ROWS } from './helpers/migrations';

/** Before the figures layer (0018): records already there are counted by 0018, then summed into 0025's status table. */
const BEFORE = '0017_service_record_list_indexes';

const ROWS = [
  ...YICHANG_CENTRE_ROWS,
  // Two categories and two channels in October (Beijing), one record in November: the status table sums the first
  // three into one October row.
  sql`insert into service_records (id, number, centre_id, enterprise_id, county_code, city_code, park_id, category,
    sub_item, channel, source, request_text, status, submitted_at, accepted_at, completed_at) values
    (11, 'FW2026000011', 3, 5, '420502', '420500', 1, 'customs_declaration', 'other', 'online', 'enterprise', '报关',
      'completed', '2026-10-10T02:00:00Z', '2026-10-10T03:00:00Z', '2026-10-11T02:00:00Z'),
    (12, 'FW2026000012', 3, 5, '420502', '420500', 1, 'tax_refund', 'other', 'window', 'staff', '退税',
      'completed', '2026-10-20T02:00:00Z', '2026-10-20T02:00:00Z', '2026-10-20T06:00:00Z'),
    (13, 'FW2026000013', 3, 5, '420502', '420500', 1, 'tax_refund', 'other', 'online', 'enterprise', '退税',
      'completed', '2026-10-31T17:00:00Z', '2026-11-01T01:00:00Z', '2026-11-02T01:00:00Z'),
    (14, 'FW2026000014', 3, 5, '420502', '420500', 1, 'tax_refund', 'other', 'window', 'staff', '退税',
      'accepted', '2026-10-05T02:00:00Z', '2026-10-05T02:00:00Z', null)`,
  sql`insert into service_ratings (record_id, enterprise_id, centre_id, county_code, city_code, level, rated_at)
    values (11, 5, 3, '420502', '420500', 'satisfied', '2026-10-12T02:00:00Z'),
      (12, 5, 3, '420502', '420500', 'dissatisfied', '2026-10-21T02:00:00Z')`,
];

describe('migration figures_status: the figures per centre, month and status', () => {
  let database: Database;
  const query = async <T>(q: ReturnType<typeof sql>) => rowsOf<T>(await database.db.execute(q));

  beforeAll(async () => {
    database = await migratedWith(BEFORE, ROWS);
  }, 120_000);
  afterAll(async () => database?.close());

  it('fills the status table from the records already there, equal to the recomputation', async () => {
    const rows = await query<Record<string, unknown>>(
      sql`select month, status, records, rated, responded, completed_timed, lv_satisfied, lv_dissatisfied,
          completion_ms from service_figures_status where records <> 0 order by month, status`,
    );
    expect(
      rows.map((r) =>
        Object.fromEntries(Object.entries(r).map(([k, v]) => [k, k === 'month' || k === 'status' ? v : Number(v)])),
      ),
    ).toEqual([
      {
        month: '2026-10',
        status: 'accepted',
        records: 1,
        rated: 0,
        responded: 0,
        completed_timed: 0,
        lv_satisfied: 0,
        lv_dissatisfied: 0,
        completion_ms: 0,
      },
      {
        month: '2026-10',
        status: 'completed',
        records: 2,
        rated: 2,
        responded: 1,
        completed_timed: 2,
        lv_satisfied: 1,
        lv_dissatisfied: 1,
        completion_ms: (24 + 4) * 3_600_000,
      },
      {
        month: '2026-11',
        status: 'completed',
        records: 1,
        rated: 0,
        responded: 1,
        completed_timed: 1,
        lv_satisfied: 0,
        lv_dissatisfied: 0,
        completion_ms: 32 * 3_600_000,
      },
    ]);
    expect((await checkFigures(database.db)).differences).toEqual([]);
  });
});
