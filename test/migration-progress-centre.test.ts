import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, rowsOf } from '../src/server/db/client';
import { migratedWith, YICHANG_CENTRE_ROWS } from './helpers/migrations';

/** The last migration before the one that puts the centre on service_progress and activity_enterprises. */
const BEFORE = '0034_sanction_evidence';
const AT = '2026-11-03T07:15:00.000Z';

/** Two centres, a record of each with its progress log, an activity of the second with two participants. */
const BEFORE_ROWS = [
  ...YICHANG_CENTRE_ROWS,
  sql`insert into centres (id, name, status, park_id, county_code, city_code, venue_address, venue_area,
    venue_provision, venue_free, reasons, services, contact_person, contact_phone)
    values (4, '宜昌高新区第二外综服中心', 'operating', 1, '420502', '420500', '发展大道 2 号', 300, 'park', true,
    '设立理由', '[]', '王主任', '0717-0000001')`,
  sql`insert into enterprises (id, credit_code, name, county_code, city_code, contact_person, contact_phone, status,
    source) values (6, '91420500MA4F000002', '宜昌长江贸易有限公司', '420502', '420500', '吴经理', '13800000001',
    'approved', 'self')`,
  sql`insert into service_records (id, number, centre_id, enterprise_id, county_code, city_code, park_id, category,
    sub_item, channel, source, request_text, status, submitted_at, completed_at)
    values (11, 'FW-2026-0011', 3, 5, '420502', '420500', 1, 'customs', 'declaration', 'online', 'enterprise', '报关',
      'completed', ${AT}, ${AT}),
    (12, 'FW-2026-0012', 4, 6, '420502', '420500', 1, 'customs', 'declaration', 'online', 'enterprise', '报关',
      'submitted', ${AT}, null)`,
  sql`insert into service_progress (record_id, kind, status_after, at)
    values (11, 'submitted', 'submitted', ${AT}), (11, 'accepted', 'accepted', ${AT}),
      (11, 'completed', 'completed', ${AT}), (12, 'submitted', 'submitted', ${AT})`,
  sql`insert into activities (id, centre_id, county_code, city_code, park_id, kind, sub_kind, title, start_on, end_on,
    place, participant_count) values (7, 4, '420502', '420500', 1, 'training', 'lecture', '出口退税实务培训',
    '2026-05-10', '2026-05-10', '中心培训室', 40)`,
  sql`insert into activity_enterprises (activity_id, enterprise_id) values (7, 5), (7, 6)`,
];

describe('migration 0035: the centre on service_progress and activity_enterprises (the distribution key)', () => {
  let database: Database;
  const query = async <T>(q: ReturnType<typeof sql>) => rowsOf<T>(await database.db.execute(q));

  beforeAll(async () => {
    database = await migratedWith(BEFORE, BEFORE_ROWS);
  }, 120_000);
  afterAll(async () => database?.close());

  it("gives every progress entry its record's centre", async () => {
    const rows = await query<{ record_id: number; centre_id: number }>(
      sql`select record_id, centre_id from service_progress order by id`,
    );
    expect(rows.map((r) => [Number(r.record_id), Number(r.centre_id)])).toEqual([
      [11, 3],
      [11, 3],
      [11, 3],
      [12, 4],
    ]);
  });

  it("gives every participant its activity's centre", async () => {
    const rows = await query<{ enterprise_id: number; centre_id: number }>(
      sql`select enterprise_id, centre_id from activity_enterprises order by enterprise_id`,
    );
    expect(rows.map((r) => [Number(r.enterprise_id), Number(r.centre_id)])).toEqual([
      [5, 4],
      [6, 4],
    ]);
  });

  it('requires the centre from now on, and a centre that exists', async () => {
    // The database's own refusal (drizzle wraps it as the cause).
    const refusal = (q: ReturnType<typeof sql>) =>
      database.db.execute(q).then(
        () => 'accepted',
        (e: Error & { cause?: Error }) => e.cause?.message ?? e.message,
      );
    expect(
      await refusal(
        sql`insert into service_progress (record_id, kind, status_after, at) values (12, 'accepted', 'accepted', now())`,
      ),
    ).toMatch(/null value in column "centre_id"/);
    expect(
      await refusal(
        sql`insert into service_progress (record_id, centre_id, kind, status_after, at)
          values (12, 99, 'accepted', 'accepted', now())`,
      ),
    ).toMatch(/service_progress_centre_id_centres_id_fk/);
    await database.db.execute(sql`delete from activity_enterprises where enterprise_id = 6`);
    expect(await refusal(sql`insert into activity_enterprises (activity_id, enterprise_id) values (7, 6)`)).toMatch(
      /null value in column "centre_id"/,
    );
  });
});
