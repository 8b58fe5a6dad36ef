import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, rowsOf } from '../src/server/db/client';
import { migratedWith, YICHANG_CENTRE_ROWS } from './helpers/migrations';

/** The last migration before the one that folds the three attachment tables into one. */
const BEFORE = '0015_calendar';

const T1 = '2026-10-12T02:30:00.000Z';
const T2 = '2026-11-03T07:15:00.000Z';
const T3 = '2026-11-20T09:45:00.000Z';

/** One centre with a file of its own, a service record with two files and an activity with one, as before 0016. */
const BEFORE_ROWS = [
  ...YICHANG_CENTRE_ROWS,
  sql`insert into users (id, username, display_name, role, password_hash)
    values (7, 'operator.1', '宜昌外综服中心', 'operator', 'x'), (8, 'enterprise.1', '宜昌三峡机电', 'enterprise', 'x')`,
  sql`insert into service_records (id, number, centre_id, enterprise_id, county_code, city_code, park_id, category,
    sub_item, channel, source, request_text, status, submitted_at)
    values (11, 'FW-2026-0011', 3, 5, '420502', '420500', 1, 'customs', 'declaration', 'online', 'enterprise', '报关',
    'in_progress', ${T1})`,
  sql`insert into activities (id, centre_id, county_code, city_code, park_id, kind, title, start_on, end_on, place,
    participant_count) values (13, 3, '420502', '420500', 1, 'training', '出口退税实务培训', '2026-11-10', '2026-11-10',
    '报告厅', 40)`,
  sql`insert into attachments (centre_id, file_name, content_type, size, sha256, storage_key, uploaded_by,
    uploaded_by_name, uploaded_at)
    values (3, '场地产权证明.pdf', 'application/pdf', 1200, 'a1', '2026-10/centre-file.pdf', null, '西陵区商务局', ${T1})`,
  sql`insert into service_attachments (record_id, file_name, content_type, size, sha256, storage_key, uploaded_by,
    uploaded_by_name, uploaded_at) values
    (11, '委托书.pdf', 'application/pdf', 2048, 'b1', '2026-11/service-1.pdf', 8, '宜昌三峡机电', ${T2}),
    (11, '报关单.xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 4096, 'b2',
     '2026-11/service-2.xlsx', null, null, ${T3})`,
  sql`insert into activity_attachments (activity_id, file_name, content_type, size, sha256, storage_key, uploaded_by,
    uploaded_by_name, uploaded_at)
    values (13, '签到表.jpg', 'image/jpeg', 512, 'c1', '2026-11/activity-1.jpg', 7, '宜昌外综服中心', ${T3})`,
];

interface FileRow {
  id: number;
  centre_id: number;
  service_record_id: number | null;
  activity_id: number | null;
  engagement_id: number | null;
  file_name: string;
  content_type: string;
  size: string | number;
  sha256: string;
  storage_key: string;
  uploaded_by: number | null;
  uploaded_by_name: string | null;
  uploaded_at: Date | string;
}

describe('migration 0016: one attachment table', () => {
  let database: Database;
  let rows: FileRow[];
  const query = async <T>(q: ReturnType<typeof sql>) => rowsOf<T>(await database.db.execute(q));

  beforeAll(async () => {
    database = await migratedWith(BEFORE, BEFORE_ROWS);
    rows = await query<FileRow>(sql`select * from attachments order by id`);
  }, 120_000);
  afterAll(async () => database?.close());

  it('moves every file of the three old tables into the one table, keys, names, sizes, uploader and times kept', () => {
    const byKey = new Map(rows.map((r) => [r.storage_key, r]));
    expect([...byKey.keys()].sort()).toEqual([
      '2026-10/centre-file.pdf',
      '2026-11/activity-1.jpg',
      '2026-11/service-1.pdf',
      '2026-11/service-2.xlsx',
    ]);
    const seen = (key: string) => {
      const r = byKey.get(key);
      return (
        r && {
          owner: {
            centre: r.centre_id,
            record: r.service_record_id,
            activity: r.activity_id,
            engagement: r.engagement_id,
          },
          file: [r.file_name, r.content_type, Number(r.size), r.sha256],
          by: [r.uploaded_by, r.uploaded_by_name],
          at: new Date(r.uploaded_at).toISOString(),
        }
      );
    };
    expect(seen('2026-10/centre-file.pdf')).toEqual({
      owner: { centre: 3, record: null, activity: null, engagement: null },
      file: ['场地产权证明.pdf', 'application/pdf', 1200, 'a1'],
      by: [null, '西陵区商务局'],
      at: T1,
    });
    expect(seen('2026-11/service-1.pdf')).toEqual({
      owner: { centre: 3, record: 11, activity: null, engagement: null },
      file: ['委托书.pdf', 'application/pdf', 2048, 'b1'],
      by: [8, '宜昌三峡机电'],
      at: T2,
    });
    expect(seen('2026-11/service-2.xlsx')).toMatchObject({
      owner: { centre: 3, record: 11 },
      file: ['报关单.xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 4096, 'b2'],
      by: [null, null],
      at: T3,
    });
    expect(seen('2026-11/activity-1.jpg')).toEqual({
      owner: { centre: 3, record: null, activity: 13, engagement: null },
      file: ['签到表.jpg', 'image/jpeg', 512, 'c1'],
      by: [7, '宜昌外综服中心'],
      at: T3,
    });
    // The centre's own file keeps its id (a workflow step or a checklist may name it); a record's files keep order.
    expect(byKey.get('2026-10/centre-file.pdf')?.id).toBe(1);
    const service = rows.filter((r) => r.service_record_id === 11).map((r) => r.storage_key);
    expect(service).toEqual(['2026-11/service-1.pdf', '2026-11/service-2.xlsx']);
  });

  it('drops the old tables, and new files get ids after the moved ones', async () => {
    const old = await query<{ t: string | null }>(
      sql`select to_regclass('service_attachments')::text as t union all select to_regclass('activity_attachments')::text`,
    );
    expect(old.map((r) => r.t)).toEqual([null, null]);
    const [added] = await query<{ id: number }>(
      sql`insert into attachments (centre_id, activity_id, file_name, content_type, size, sha256, storage_key)
        values (3, 13, '照片.png', 'image/png', 10, 'd1', '2026-11/activity-2.png') returning id`,
    );
    expect(added?.id).toBeGreaterThan(Math.max(...rows.map((r) => r.id)));
  });

  it('refuses a file with two owners', async () => {
    await expect(
      database.db.execute(
        sql`insert into attachments (centre_id, activity_id, service_record_id, file_name, content_type, size, sha256,
          storage_key) values (3, 13, 11, 'x.pdf', 'application/pdf', 1, 'e1', '2026-11/two-owners.pdf')`,
      ),
    ).rejects.toThrow();
  });
});
