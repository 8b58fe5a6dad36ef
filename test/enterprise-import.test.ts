import { type SQL, sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { creditCodeCheckChar, orgCodeCheckChar } from '../src/contracts/credit-code';
import { ENTERPRISE_IMPORT_HEADERS, type TImportJob } from '../src/contracts/enterprise';
import type { RequestContext } from '../src/server/context';
import { rowsOf } from '../src/server/db/client';
import { makeCentre } from '../src/server/demo/centre-factory';
import { makeCreditCode } from '../src/server/demo/identity-factory';
import { failAbandonedImports } from '../src/server/modules/enterprise/fail-abandoned-imports';
import { startEnterpriseImport } from '../src/server/modules/enterprise/import-enterprises';
import { as, buildTestApp, loginAs, type TestApp } from './helpers/app';
import { xlsxOf } from './helpers/zip';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const XILING = '420502';
const ZHIJIANG = '420583';
type Cell = string | number | Date | null;

/** 18 digits only, the kind of code that Excel and naive CSV readers turn into a rounded number. */
function allDigitCreditCode(): string {
  for (let serial = 1; ; serial++) {
    const body8 = String(17_760_000 + serial);
    const first17 = `91${XILING}${body8}${orgCodeCheckChar(body8)}`;
    const code = `${first17}${creditCodeCheckChar(first17)}`;
    if (/^\d{18}$/.test(code)) return code;
  }
}

/** A good row of 宜昌高新区 in 西陵区, in column order; `over` replaces cells by header. */
function line(serial: number, over: Partial<Record<(typeof ENTERPRISE_IMPORT_HEADERS)[number], Cell>> = {}): Cell[] {
  const base: Record<(typeof ENTERPRISE_IMPORT_HEADERS)[number], Cell> = {
    统一社会信用代码: makeCreditCode(serial, XILING),
    企业名称: `宜昌导入测试外贸有限公司${serial}`,
    '县（市、区）代码': XILING,
    '开发区（园区）': '宜昌高新技术产业开发区',
    联系人: '李经理',
    联系电话: '0717-6661234',
    电子邮箱: `trade${serial}@example.com`,
    有进出口实绩: '是',
    首次进出口日期: '2024-03-01',
  };
  const merged = { ...base, ...over };
  return ENTERPRISE_IMPORT_HEADERS.map((h) => merged[h]);
}

async function xlsx(rows: Cell[][], header: readonly string[] = ENTERPRISE_IMPORT_HEADERS): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet('外贸企业');
  sheet.addRow([...header]);
  for (const r of rows) sheet.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** Text as Excel's plain "CSV" saves it on a Chinese Windows (GBK), by inverting Node's GB 18030 decoder. */
function gbk(text: string): Buffer {
  const codes = new Map<string, number[]>();
  const decoder = new TextDecoder('gb18030');
  for (let lead = 0x81; lead <= 0xfe; lead++)
    for (let trail = 0x40; trail <= 0xfe; trail++) codes.set(decoder.decode(Uint8Array.of(lead, trail)), [lead, trail]);
  return Buffer.from(
    [...text].flatMap((ch) => (ch.charCodeAt(0) < 0x80 ? [ch.charCodeAt(0)] : (codes.get(ch) ?? [0x3f]))),
  );
}

const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');

describe('enterprise import (all rows or none, row-by-row report, background job with progress)', () => {
  let t: TestApp;
  const cookies: Record<string, string> = {};
  let serial = 100;
  const next = () => serial++;

  beforeAll(async () => {
    t = await buildTestApp();
    // Centre 1 in 宜昌高新区 (西陵区): the fixture operator (centreId 1) runs it.
    expect((await makeCentre(t.deps, { park: t.world.parks.yichangHighTech, target: 'approved' })).id).toBe(1);
    for (const u of ['county.420502', 'county.420583', 'operator.1', 'province', 'enterprise.91420500MA4F000001'])
      cookies[u] = await loginAs(t.app, u);
  });
  afterAll(async () => t?.close());

  /** Statements one by one (a prepared statement holds one command). */
  const exec = async (...statements: string[]) => {
    for (const s of statements) await t.deps.db.execute(sql.raw(s));
  };
  const query = async <T = Record<string, unknown>>(q: SQL) => rowsOf<T>(await t.deps.db.execute(q));
  const counts = async () => {
    // Audit entries committed, sequenced or still waiting for their place (decision 0021): a background job's
    // entries are chained after its commit, so the head's seq may lag the entries already written.
    const [row] = await query<{ e: number; j: number; seq: string }>(sql`select
      (select count(*)::int from enterprises) as e,
      (select count(*)::int from import_jobs) as j,
      (select count(*) from audit_entries) as seq`);
    return row;
  };
  /** Rows staged by imports and not (yet) removed. */
  const staged = async () =>
    (await query<{ n: number }>(sql`select count(*)::int as n from enterprise_import_rows`))[0]?.n;
  /**
   * Staged rows once the job has finished: the job removes them right after it records its outcome, so a poll that
   * sees the outcome may still see them for a moment; wait up to 5 s for them to go, then report what is left.
   */
  const stagedAfterJob = async () => {
    for (let waited = 0; waited < 5000; waited += 50) {
      if ((await staged()) === 0) return 0;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    return staged();
  };
  const upload = (
    user: string,
    body: Buffer | string,
    type: string,
    opts: { lang?: string; fileName?: string } = {},
  ): Promise<LightMyRequestResponse> =>
    as(t.app, cookies[user] ?? '', {
      method: 'POST',
      url: '/api/enterprises/import',
      payload: body,
      headers: {
        'content-type': type,
        'accept-language': opts.lang ?? 'zh-CN',
        ...(opts.fileName ? { 'x-file-name': encodeURIComponent(opts.fileName) } : {}),
      },
    });
  const getJob = (user: string, id: number) =>
    as(t.app, cookies[user] ?? '', { method: 'GET', url: `/api/import-jobs/${id}` });
  /** Poll as the client does, until the job is no longer running. */
  const waitFor = async (user: string, id: number): Promise<TImportJob> => {
    for (let i = 0; i < 3000; i++) {
      const res = await getJob(user, id);
      expect(res.statusCode, res.body).toBe(200);
      const job = res.json() as TImportJob;
      if (job.status !== 'running') return job;
      await new Promise((r) => setTimeout(r, 20));
    }
    throw new Error(`job ${id} still running`);
  };
  const importAs = async (user: string, body: Buffer | string, type = XLSX, opts: { lang?: string } = {}) => {
    const res = await upload(user, body, type, opts);
    expect(res.statusCode, res.body).toBe(202);
    return waitFor(user, res.json().id);
  };
  const reasons = (job: TImportJob) => job.errors.map((e) => [e.row, e.field]);

  it('imports a good .xlsx whole: approved rows with their city, audited at start and end, the job counts them all', async () => {
    const before = await counts();
    const rows = [
      line(next()),
      line(next(), { '开发区（园区）': null, 电子邮箱: null, 首次进出口日期: null, 有进出口实绩: '否' }),
      // An Excel date cell, as Excel stores a typed date.
      line(next(), { 首次进出口日期: new Date(Date.UTC(2025, 5, 30)) }),
      line(next(), { 联系电话: 13_907_170_000 }),
    ];
    const codes = rows.map((r) => sql`${String(r[0])}`);
    const res = await upload('county.420502', await xlsx(rows), XLSX, { fileName: '西陵区企业名单.xlsx' });
    expect(res.statusCode, res.body).toBe(202);
    expect(res.json()).toMatchObject({ kind: 'enterprises', status: 'running', fileName: '西陵区企业名单.xlsx' });
    const job = await waitFor('county.420502', res.json().id);
    expect(job).toMatchObject({ status: 'succeeded', phase: 'done', imported: 4, total: 4, processed: 4, errors: [] });
    expect(job.finishedAt).not.toBeNull();

    const stored = await query<Record<string, unknown>>(
      sql`select credit_code, county_code, city_code, park_id, status, source, is_demo, contact_email, contact_phone,
            has_trade_record, first_trade_on::text as first_trade_on
          from enterprises where credit_code in (${sql.join(codes, sql`, `)}) order by id`,
    );
    expect(stored).toHaveLength(4);
    expect(stored[0]).toMatchObject({
      county_code: XILING,
      city_code: '420500',
      park_id: t.world.parks.yichangHighTech.id,
      status: 'approved',
      source: 'import',
      is_demo: false,
      has_trade_record: true,
      first_trade_on: '2024-03-01',
    });
    expect(stored[1]).toMatchObject({
      park_id: null,
      contact_email: null,
      first_trade_on: null,
      has_trade_record: false,
    });
    expect(stored[2]?.first_trade_on).toBe('2025-06-30');
    expect(stored[3]?.contact_phone).toBe('13907170000');

    const after = await counts();
    expect(after?.e).toBe((before?.e ?? 0) + 4);
    // The start of the import and its completion are each audited.
    expect(Number(after?.seq)).toBe(Number(before?.seq) + 2);
    const audit = await query<{ object_type: string; object_id: string; after: unknown; actor_name: string }>(
      sql`select object_type, object_id, after, actor_name from audit_entries where action = 'enterprise.imported'`,
    );
    expect(audit).toEqual([
      {
        object_type: 'enterprise_import',
        object_id: String(job.id),
        after: { count: 4, fileName: '西陵区企业名单.xlsx' },
        actor_name: 'county.420502',
      },
    ]);
  });

  it('imports a .csv with a BOM as Excel saves it, keeping all-digit codes and leading zeros as text', async () => {
    const code = allDigitCreditCode();
    const csv = `\uFEFF${ENTERPRISE_IMPORT_HEADERS.join(',')}\r\n${code},宜昌数字代码外贸有限公司,${XILING},,王五,07176543210,,是,2023-01-05\r\n`;
    const job = await importAs('operator.1', csv, 'text/csv');
    expect(job).toMatchObject({ status: 'succeeded', imported: 1, total: 1, processed: 1 });
    const [row] = await query<{ contact_phone: string; first_trade_on: string }>(
      sql`select contact_phone, first_trade_on::text as first_trade_on from enterprises where credit_code = ${code}`,
    );
    expect(row).toEqual({ contact_phone: '07176543210', first_trade_on: '2023-01-05' });
  });

  it('reads a plain (GBK) .csv as Excel saves it on a Chinese Windows', async () => {
    const row = line(next(), { 电子邮箱: null });
    const csv = [ENTERPRISE_IMPORT_HEADERS.join(','), row.map((c) => c ?? '').join(',')].join('\r\n');
    const job = await importAs('county.420502', gbk(csv), 'text/csv');
    expect(job).toMatchObject({ status: 'succeeded', imported: 1 });
    const [stored] = await query<{ name: string }>(sql`select name from enterprises where credit_code = ${row[0]}`);
    expect(stored?.name).toBe(row[1]);
  });

  it('refuses a file with bad rows among good ones, reports row, field and reason, and writes nothing', async () => {
    const good = makeCreditCode(next(), XILING);
    const badCheck = `${good.slice(0, 17)}${good.endsWith('0') ? '1' : '0'}`;
    const file = await xlsx([
      line(next()),
      line(next(), { 统一社会信用代码: badCheck }),
      line(next(), { 联系电话: '电话未知', 有进出口实绩: '也许' }),
      line(next(), { 首次进出口日期: '2030-01-01', '开发区（园区）': '枝江经济开发区' }),
      line(next(), { 企业名称: '宜昌', 首次进出口日期: '2024/03/01', 电子邮箱: 'not-an-address' }),
      line(next()),
    ]);
    const before = await counts();
    const job = await importAs('county.420502', file);
    expect(job).toMatchObject({ status: 'failed', phase: 'done', imported: 0, total: 6, processed: 6 });
    expect(reasons(job)).toEqual([
      [3, 'creditCode'],
      [4, 'contactPhone'],
      [4, 'hasTradeRecord'],
      [5, 'park'],
      [5, 'firstTradeOn'],
      [6, 'name'],
      [6, 'contactEmail'],
      [6, 'firstTradeOn'],
    ]);
    expect(job.errors[0]?.reason).toContain('校验位不正确');
    expect(job.errors[3]?.reason).toBe('枝江经济开发区不在西陵区');
    expect(job.errors[4]?.reason).toContain('晚于今天');
    const after = await counts();
    // Only the start of the import is audited: nothing was written.
    expect([after?.e, Number(after?.seq)]).toEqual([before?.e, Number(before?.seq) + 1]);

    const en = await importAs('county.420502', file, XLSX, { lang: 'en' });
    expect(en.errors[0]?.reason).toMatch(/check character/);
    expect(en.errors[2]?.reason).toBe('"也许" must be 是 (yes) or 否 (no)');
  });

  it('reports both rows of a credit code that appears twice in the file', async () => {
    const twice = makeCreditCode(next(), XILING);
    const job = await importAs(
      'county.420502',
      await xlsx([line(next(), { 统一社会信用代码: twice }), line(next()), line(next(), { 统一社会信用代码: twice })]),
    );
    expect(job.status).toBe('failed');
    expect(reasons(job)).toEqual([
      [2, 'creditCode'],
      [4, 'creditCode'],
    ]);
    expect(job.errors[0]?.reason).toBe(`统一社会信用代码 ${twice} 与第 4 行重复`);
  });

  it('refuses a code that is already registered', async () => {
    const first = line(next());
    expect((await importAs('county.420502', await xlsx([first]))).status).toBe('succeeded');
    const job = await importAs('county.420502', await xlsx([line(next()), first]));
    expect(job.status).toBe('failed');
    expect(reasons(job)).toEqual([[3, 'creditCode']]);
    expect(job.errors[0]?.reason).toContain('已在平台登记');
  });

  it('refuses, row by row, enterprises outside the caller’s county (a county its own, an operator its centre’s)', async () => {
    const before = await counts();
    const zhijiangRow = line(next(), { '县（市、区）代码': ZHIJIANG, '开发区（园区）': '枝江经济开发区' });
    const county = await importAs('county.420583', await xlsx([zhijiangRow, line(next())]));
    expect(reasons(county)).toEqual([[3, 'countyCode']]);
    expect(county.errors[0]?.reason).toBe('西陵区不在您的管辖范围内，只能导入枝江市的企业');
    const operator = await importAs('operator.1', await xlsx([line(next()), zhijiangRow]), XLSX, { lang: 'en' });
    expect(reasons(operator)).toEqual([[3, 'countyCode']]);
    expect(operator.errors[0]?.reason).toMatch(/outside your scope/);
    const unknown = await importAs('county.420502', await xlsx([line(next(), { '县（市、区）代码': '420500' })]));
    expect(reasons(unknown)).toEqual([[2, 'countyCode']]);
    expect((await counts())?.e).toBe(before?.e);
  });

  it('refuses a wrong header row with one error on row 1', async () => {
    const job = await importAs(
      'county.420502',
      await xlsx([line(next())], ['信用代码', ...ENTERPRISE_IMPORT_HEADERS.slice(1)]),
    );
    expect(job).toMatchObject({ status: 'failed', errors: [{ row: 1, field: 'header' }] });
    expect(job.errors).toHaveLength(1);
  });

  it('answers 415 to a file that is not a spreadsheet, and starts no job', async () => {
    const before = await counts();
    const png = await upload('county.420502', PNG, 'image/png');
    expect(png.statusCode).toBe(415);
    expect(png.json().code).toBe('UNSUPPORTED_FILE');
    // The declared type must match the bytes: a PNG sent as .xlsx is refused the same way.
    expect((await upload('county.420502', PNG, XLSX)).statusCode).toBe(415);
    expect(await counts()).toEqual(before);
  });

  it('refuses roles without the permission (403) and records no job', async () => {
    const before = await counts();
    const file = await xlsx([line(next())]);
    for (const user of ['province', 'enterprise.91420500MA4F000001']) {
      const res = await upload(user, file, XLSX);
      expect(res.statusCode, user).toBe(403);
      expect(res.json().code).toBe('FORBIDDEN');
    }
    expect(await counts()).toEqual(before);
  });

  it('shows a job only to the user who started it', async () => {
    const res = await upload('county.420502', await xlsx([line(next())]), XLSX);
    const id = res.json().id as number;
    const job = await waitFor('county.420502', id);
    expect(job.status).toBe('succeeded');
    for (const other of ['county.420583', 'operator.1']) {
      const seen = await getJob(other, id);
      expect(seen.statusCode, other).toBe(404);
      expect(seen.json().code).toBe('NOT_FOUND');
    }
    expect((await getJob('province', id)).statusCode).toBe(403);
    expect((await getJob('county.420502', 999_999)).statusCode).toBe(404);
  });

  it('imports a 3000-row file in batches that no reader sees until all are in; the job’s progress reaches its total', async () => {
    // After each staged batch, how many of the file's enterprises a reader could see at that moment.
    await exec(
      'create table test_seen (batch int not null, visible int not null)',
      `create function test_seen() returns trigger language plpgsql as $$ begin
        insert into test_seen select (select count(*) from test_seen) + 1,
          (select count(*) from enterprises e where e.credit_code in (select credit_code from staged));
        return null; end $$`,
      `create trigger test_seen after insert on enterprise_import_rows referencing new table as staged
        for each statement execute function test_seen()`,
    );
    try {
      const before = await counts();
      const rows = Array.from({ length: 3000 }, () => line(next()));
      const job = await importAs('county.420502', await xlsx(rows));
      expect(job).toMatchObject({ status: 'succeeded', imported: 3000, total: 3000, processed: 3000 });
      const seen = await query<{ batch: number; visible: number }>(
        sql`select batch, visible::int as visible from test_seen order by batch`,
      );
      expect(seen).toEqual([1, 2, 3, 4, 5, 6].map((batch) => ({ batch, visible: 0 })));
      const after = await counts();
      expect(after?.e).toBe((before?.e ?? 0) + 3000);
      // The start of the import and its completion are each audited.
      expect(Number(after?.seq)).toBe(Number(before?.seq) + 2);
      expect(await stagedAfterJob()).toBe(0);
    } finally {
      await exec(
        'drop trigger test_seen on enterprise_import_rows',
        'drop function test_seen()',
        'drop table test_seen',
      );
    }
  }, 120_000);

  it('fails whole when publishing the staged rows fails: nothing visible, nothing staged left', async () => {
    await exec(
      `create function test_refuse() returns trigger language plpgsql as $$ begin
        raise exception 'refused at publication'; end $$`,
      `create trigger test_refuse before update of status on import_jobs
        for each row when (new.status = 'succeeded') execute function test_refuse()`,
    );
    try {
      const before = await counts();
      const rows = Array.from({ length: 1200 }, () => line(next()));
      const job = await importAs('county.420502', await xlsx(rows));
      expect(job).toMatchObject({ status: 'failed', imported: 0, errors: [{ row: 0, field: 'file' }] });
      const after = await counts();
      // Only the start of the import is audited: nothing was written.
      expect([after?.e, Number(after?.seq)]).toEqual([before?.e, Number(before?.seq) + 1]);
      expect(await stagedAfterJob()).toBe(0);
    } finally {
      await exec('drop trigger test_refuse on import_jobs', 'drop function test_refuse()');
    }
  }, 60_000);

  it('sweeps the staged rows of an abandoned job with it, publishing none of them', async () => {
    const before = await counts();
    const [job] = await query<{ id: number }>(sql`insert into import_jobs
      (kind, user_id, file_name, status, phase, errors, created_at, heartbeat_at)
      values ('enterprises', ${t.world.users.county.id}, 'crashed.xlsx', 'running', 'writing', '[]', now(), now())
      returning id`);
    const code = makeCreditCode(next(), XILING);
    await exec(`insert into enterprise_import_rows (job_id, row, credit_code, name, county_code, city_code,
      contact_person, contact_phone, has_trade_record) values (${job?.id}, 2, '${code}', '宜昌中断导入外贸有限公司',
      '${XILING}', '420500', '李经理', '0717-6661234', true)`);
    expect(await staged()).toBe(1);
    expect(await failAbandonedImports(t.deps, { everyRunning: true })).toBe(1);
    expect(await staged()).toBe(0);
    const after = await counts();
    expect(after?.e).toBe(before?.e);
    expect((await getJob('county.420502', job?.id ?? 0)).json()).toMatchObject({ status: 'failed', imported: 0 });
  });

  it('refuses a file over the row limit with one error, and keeps at most 1000 errors plus a count of the rest', async () => {
    const csvOf = (rows: Cell[][]) =>
      [ENTERPRISE_IMPORT_HEADERS.join(','), ...rows.map((r) => r.map((c) => c ?? '').join(','))].join('\n');
    const row = line(1);
    const tooMany = await importAs('county.420502', csvOf(Array.from({ length: 20_001 }, () => row)), 'text/csv');
    expect(tooMany).toMatchObject({ status: 'failed', total: 20_001, errors: [{ row: 0, field: 'file' }] });
    expect(tooMany.errors).toHaveLength(1);
    expect(tooMany.errors[0]?.reason).toContain('20000');

    const badPhones = Array.from({ length: 1200 }, () => line(next(), { 联系电话: '无' }));
    const capped = await importAs('county.420502', csvOf(badPhones), 'text/csv');
    expect(capped.errors).toHaveLength(1001);
    expect(capped.errors[999]).toMatchObject({ row: 1001, field: 'contactPhone' });
    expect(capped.errors[1000]).toMatchObject({
      row: 0,
      field: 'file',
      reason: '另有 200 条错误未列出，请先改正以上错误',
    });
  }, 60_000);

  it('stops reading an .xlsx at the first row past the limit: refused naming the limit and the count, nothing written', async () => {
    const before = await counts();
    const row = line(1).map((c) => (c instanceof Date ? null : c));
    // 30,000 data rows in the part order Excel writes; reading stops at the 20,001st.
    function* rows() {
      yield [...ENTERPRISE_IMPORT_HEADERS];
      for (let i = 0; i < 30_000; i++) yield row;
    }
    const job = await importAs('county.420502', xlsxOf(rows()));
    expect(job).toMatchObject({ status: 'failed', total: 20_001, imported: 0, errors: [{ row: 0, field: 'file' }] });
    expect(job.errors).toHaveLength(1);
    expect(job.errors[0]?.reason).toContain('超过 20000 行');
    expect(job.errors[0]?.reason).toContain('20001');
    const after = await counts();
    // Only the start of the import is audited: nothing was written.
    expect([after?.e, Number(after?.seq)]).toEqual([before?.e, Number(before?.seq) + 1]);
  }, 60_000);

  it('imports an .xlsx of exactly 20,000 rows (the limit passes)', async () => {
    const before = await counts();
    const start = serial;
    serial += 20_000;
    function* rows() {
      yield [...ENTERPRISE_IMPORT_HEADERS];
      for (let i = 0; i < 20_000; i++) yield line(start + i).map((c) => (c instanceof Date ? null : c));
    }
    const job = await importAs('county.420502', xlsxOf(rows()));
    expect(job).toMatchObject({ status: 'succeeded', imported: 20_000, total: 20_000, errors: [] });
    expect((await counts())?.e).toBe((before?.e ?? 0) + 20_000);
  }, 300_000);

  it('refuses a zip bomb and a 10 MB cell with one error each, reading no further and writing nothing', async () => {
    const before = await counts();
    const bomb = xlsxOf([[...ENTERPRISE_IMPORT_HEADERS], ['x'.repeat(80 * 1024 * 1024)]]);
    expect(bomb.length).toBeLessThan(1024 * 1024);
    const bombed = await importAs('county.420502', bomb);
    expect(bombed).toMatchObject({ status: 'failed', errors: [{ row: 0, field: 'file' }] });
    expect(bombed.errors[0]?.reason).toContain('解压后超过 64 MB');

    const cell = line(next(), { 企业名称: '大'.repeat(10 * 1024 * 1024) });
    const big = await importAs(
      'county.420502',
      xlsxOf([[...ENTERPRISE_IMPORT_HEADERS], cell.map((c) => (c instanceof Date ? null : c))]),
    );
    expect(big).toMatchObject({ status: 'failed', errors: [{ row: 2, field: 'file' }] });
    expect(big.errors[0]?.reason).toBe('第 2 行 B 列的内容超过 1000 个字符，请检查该单元格');
    const csv = `${ENTERPRISE_IMPORT_HEADERS.join(',')}\n${line(next(), { 联系人: 'y'.repeat(5_000_000) }).join(',')}\n`;
    const bigCsv = await importAs('county.420502', csv, 'text/csv', { lang: 'en' });
    expect(bigCsv.errors).toEqual([
      { row: 2, field: 'file', reason: 'The cell in row 2, column E is longer than 1000 characters; check it' },
    ]);
    const after = await counts();
    expect([after?.e, Number(after?.seq)]).toEqual([before?.e, Number(before?.seq) + 3]);
  }, 60_000);

  it('fails the whole job, naming the code, when the code is registered between the check and the write', async () => {
    const raced = line(next());
    const code = String(raced[0]);
    // Someone registers the code just as the import starts writing (fired by the job's switch to "writing").
    await exec(
      `create function test_race() returns trigger language plpgsql as $$ begin
        insert into enterprises (credit_code, name, county_code, city_code, contact_person, contact_phone, status, source)
        values ('${code}', '抢先登记的企业', '${XILING}', '420500', '赵六', '0717-1111111', 'pending', 'self');
        return new; end $$`,
      `create trigger test_race after update of phase on import_jobs
        for each row when (new.phase = 'writing') execute function test_race()`,
    );
    try {
      const before = await counts();
      const job = await importAs('county.420502', await xlsx([line(next()), raced]));
      expect(job.status).toBe('failed');
      expect(reasons(job)).toEqual([[3, 'creditCode']]);
      expect(job.errors[0]?.reason).toContain(code);
      const after = await counts();
      expect([after?.e, Number(after?.seq)]).toEqual([(before?.e ?? 0) + 1, Number(before?.seq) + 1]);
      expect(await stagedAfterJob()).toBe(0);
    } finally {
      await exec('drop trigger test_race on import_jobs', 'drop function test_race()');
    }
  });

  it('records a crash in the background as a failed job with a row-0 error (awaited directly)', async () => {
    await exec(
      `create function test_crash() returns trigger language plpgsql as $$ begin
        raise exception 'disk on fire'; end $$`,
      `create trigger test_crash before update of phase on import_jobs
        for each row when (new.phase = 'writing') execute function test_crash()`,
    );
    try {
      const before = await counts();
      const user = t.world.users.county;
      const ctx: RequestContext = {
        deps: t.deps,
        user: {
          id: user.id,
          username: user.username,
          displayName: '西陵区商务局',
          role: 'county',
          regionCode: XILING,
          parkId: null,
          centreId: null,
          enterpriseId: null,
          evaluatorId: null,
          locale: 'zh-CN',
          isDemo: false,
          sessionTokenHash: '',
        },
        ip: null,
        requestId: 'crash-test',
        locale: 'zh-CN',
      };
      const { job, done } = await startEnterpriseImport({ ctx, body: await xlsx([line(next())]), contentType: XLSX });
      await expect(done).rejects.toThrow();
      const final = await waitFor('county.420502', job.id);
      expect(final).toMatchObject({ status: 'failed', phase: 'done', errors: [{ row: 0, field: 'file' }] });
      expect(final.errors[0]?.reason).toContain('crash-test');
      const after = await counts();
      // Only the start of the import is audited: nothing was written.
      expect([after?.e, Number(after?.seq)]).toEqual([before?.e, Number(before?.seq) + 1]);
    } finally {
      await exec('drop trigger test_crash on import_jobs', 'drop function test_crash()');
    }
  });

  it('offers a header-only template to those who may import; it imports as an empty file', async () => {
    const res = await as(t.app, cookies['operator.1'] ?? '', { method: 'GET', url: '/api/enterprise-import-template' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toContain(encodeURIComponent('外贸企业导入模板.xlsx'));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = wb.worksheets[0];
    if (!sheet) throw new Error('template has no sheet');
    expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual([...ENTERPRISE_IMPORT_HEADERS]);
    expect(sheet.rowCount).toBe(1);
    const back = await importAs('operator.1', res.rawPayload);
    expect(back).toMatchObject({ status: 'failed', errors: [{ row: 0, field: 'file' }] });
    const refused = await as(t.app, cookies.province ?? '', { method: 'GET', url: '/api/enterprise-import-template' });
    expect(refused.statusCode).toBe(403);
  });
});
