import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, openPglite, rowsOf } from '../src/server/db/client';
import { checkFigures } from '../src/server/modules/figures';
import { createTestDatabase, usingPostgres } from './helpers/db';
import { migrateUpTo } from './helpers/migrations';

/** Before the figures layer (0018): records already there are counted by 0018, then summed into 0025's status table. */
const BEFORE = '0017_service_record_list_indexes';

const ROWS = [
  sql`insert into regions (code, name, level) values ('420000', '湖北省', 'province'), ('420500', '宜昌市', 'city'),
    ('420502', '西陵区', 'county')`,
  sql`insert into parks (id, name, kind, level, county_code, city_code)
    values (1, '宜昌高新技术产业开发区', 'high_tech', 'national', '420502', '420500')`,
  sql`insert into centres (id, name, status, park_id, county_code, city_code, venue_address, venue_area,
    venue_provision, venue_free, reasons, services, contact_person, contact_phone)
    values (3, '宜昌高新区外综服中心', 'operating', 1, '420502', '420500', '发展大道 1 号', 300, 'park', true, '设立理由',
    '[]', '李主任', '0717-0000000')`,
  sql`insert into enterprises (id, credit_code, name, county_code, city_code, contact_person, contact_phone, status,
    source) values (5, '91420500MA4F000001', '宜昌三峡机电有限公司', '420502', '420500', '周经理', '13800000000',
    'approved', 'self')`,
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
    database = usingPostgres ? await createTestDatabase() : await openPglite(undefined);
    await migrateUpTo(database, BEFORE);
    for (const statement of ROWS) await database.db.execute(statement);
    await database.migrate();
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
