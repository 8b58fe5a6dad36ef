import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TTradeIntakeResult } from '../src/contracts/trade';
import type { TTradeDeclaration, TTradeImportJob, TTradeIntake } from '../src/contracts/trade-intake';
import { enterprises } from '../src/server/db/schema';
import { loadExcelJS } from '../src/server/lib/exceljs';
import { as, loginAs } from './helpers/app';
import { usingPostgres } from './helpers/db';
import { act, buildFiguresWorld, type FiguresWorld, rawRows } from './helpers/figures-world';

/**
 * Issue 13, the intake: declaration files (.csv and .xlsx, all or nothing, row/column/reason, duplicates counted once),
 * the JSON bulk API with its idempotency key, the province's monthly rates, and the declarations list in each role's
 * scope — through the routes, as the web and other systems call them.
 */
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const HEADERS = [
  '报关单号',
  '统一社会信用代码',
  '进出口',
  '申报日期',
  '贸易方式',
  '贸易国（地区）',
  '币制',
  '总价',
  '订单号',
  '境外客户',
  '项号',
  '商品编号',
  '商品名称',
  '数量',
  '计量单位',
  '金额',
];
type Line = (string | number | null)[];

const csv = (headers: string[], rows: Line[]) =>
  `\uFEFF${[headers, ...rows].map((r) => r.map((c) => (c === null ? '' : `"${String(c).replace(/"/g, '""')}"`)).join(',')).join('\r\n')}\r\n`;
async function xlsx(headers: string[], rows: Line[]): Promise<Buffer> {
  const Excel = await loadExcelJS();
  const wb = new Excel.Workbook();
  const ws = wb.addWorksheet('报关单');
  ws.addRow(headers);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe('trade intake: files, bulk API, rates, the declarations list (issue 13)', () => {
  let w: FiguresWorld;
  const cookies: Record<string, string> = {};
  let codeA: string; // centre 0's first enterprise (served by operator.1 once a record exists)
  let codeB: string; // centre 0's second enterprise (never served)
  let codeC: string; // centre 2's (襄阳) first enterprise
  let seq = 0;
  const no = (dir: 'import' | 'export' = 'export', year = 2026) =>
    `4701${year}${dir === 'import' ? '1' : '0'}${String(++seq).padStart(9, '0')}`;
  /** A declaration's rows: head repeated, one row per line [code, name, qty, unit, amount]. */
  const declRows = (
    d: { no: string; code: string; dir?: 'import' | 'export'; day?: string; currency?: string; country?: string },
    lines: [string, string, string, string, string][],
  ): Line[] => {
    const total = lines.reduce((s, l) => s + Math.round(Number(l[4]) * 100), 0) / 100;
    return lines.map((l, i) => [
      d.no,
      d.code,
      d.dir === 'import' ? '进口' : '出口',
      d.day ?? '2026-03-15',
      '0110',
      d.country ?? 'US',
      d.currency ?? 'USD',
      total.toFixed(2),
      'PO-1',
      'ACME Inc.',
      i + 1,
      l[0],
      l[1],
      l[2],
      l[3],
      l[4],
    ]);
  };
  const counts = async () =>
    (
      await rawRows<{ d: number; l: number; fen: string; i: number }>(
        w.t.deps,
        sql`select (select count(*)::int from trade_declarations) d, (select count(*)::int from trade_declaration_lines) l,
          (select coalesce(sum(amount_cny_fen),0)::text from trade_declarations) fen, (select count(*)::int from trade_intakes) i`,
      )
    )[0];

  const upload = (user: string, body: Buffer | string, type: string, fileName = 'declarations.csv') =>
    as(w.t.app, cookies[user] ?? '', {
      method: 'POST',
      url: '/api/trade/imports',
      payload: body,
      headers: { 'content-type': type, 'x-file-name': encodeURIComponent(fileName) },
    });
  const importAs = async (user: string, body: Buffer | string, type = 'text/csv'): Promise<TTradeImportJob> => {
    const res = await upload(user, body, type);
    expect(res.statusCode, res.body).toBe(202);
    for (let i = 0; i < 3000; i++) {
      const job = await as(w.t.app, cookies[user] ?? '', { method: 'GET', url: `/api/trade/imports/${res.json().id}` });
      expect(job.statusCode, job.body).toBe(200);
      if (job.json().status !== 'running') return job.json();
      await new Promise((r) => setTimeout(r, 20));
    }
    throw new Error('job still running');
  };
  const get = (user: string, url: string) => as(w.t.app, cookies[user] ?? '', { method: 'GET', url });
  const list = async (user: string, query = '') => {
    const res = await get(user, `/api/trade/declarations?pageSize=200${query}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as { items: TTradeDeclaration[]; total: number };
  };
  const bulk = (user: string, key: string | null, body: unknown) =>
    as(w.t.app, cookies[user] ?? '', {
      method: 'POST',
      url: '/api/trade/declarations/bulk',
      payload: body as object,
      headers: key ? { 'idempotency-key': key } : {},
    });

  beforeAll(async () => {
    w = await buildFiguresWorld();
    w.t.clock.now = new Date('2026-11-20T02:00:00Z');
    const codeOf = async (id: number | null) =>
      (
        await w.t.deps.db
          .select()
          .from(enterprises)
          .where(eq(enterprises.id, id as number))
      )[0]?.creditCode as string;
    codeA = await codeOf(w.enterprises[0]?.[0]?.enterpriseId ?? null);
    codeB = await codeOf(w.enterprises[0]?.[1]?.enterpriseId ?? null);
    codeC = await codeOf(w.enterprises[2]?.[0]?.enterpriseId ?? null);
    const names = {
      entA: w.enterprises[0]?.[0]?.username,
      entB: w.enterprises[0]?.[1]?.username,
      entC: w.enterprises[2]?.[0]?.username,
      op1: 'operator.1',
      province: 'province',
      city: 'city.420500',
      otherCity: 'city.420600',
      county: 'county.420502',
      otherCounty: 'county.420583',
      admin: 'admin',
      evaluator: 'evaluator.1',
    };
    for (const [k, u] of Object.entries(names)) cookies[k] = await loginAs(w.t.app, u as string);
  }, 180_000);
  afterAll(async () => w?.t.close());

  describe('monthly exchange rates (province)', () => {
    it('imports a rates file whole and lists it; a bad row refuses the whole file naming row, column and reason', async () => {
      const bad = csv(
        ['月份', '币制', '人民币折算率'],
        [
          ['2026-03', 'USD', '7.1234'],
          ['2026-13', 'EUR', '7.8'],
          ['2026-03', 'CNY', '1'],
          ['2026-03', 'USD', '7.2'],
        ],
      );
      const refused = await as(w.t.app, cookies.province, {
        method: 'POST',
        url: '/api/trade/rates',
        payload: bad,
        headers: { 'content-type': 'text/csv' },
      });
      expect(refused.statusCode).toBe(400);
      expect(refused.json().code).toBe('IMPORT_REJECTED');
      expect(refused.json().details.errors.map((e: { row: number; field: string }) => [e.row, e.field])).toEqual([
        [3, '月份'],
        [4, '币制'],
        [5, '币制'],
      ]);
      expect((await get('province', '/api/trade/rates')).json().total).toBe(0);

      const good = csv(
        ['month', 'currency', 'cnyPerUnit'],
        [
          ['2026-03', 'USD', '7.1234'],
          ['2026-03', 'EUR', '7.654321'],
          ['2026-04', 'USD', '7.2'],
          ['2025-06', 'USD', '7.1'],
        ],
      );
      const ok = await as(w.t.app, cookies.province, {
        method: 'POST',
        url: '/api/trade/rates',
        payload: good,
        headers: { 'content-type': 'text/csv' },
      });
      expect(ok.statusCode, ok.body).toBe(200);
      expect(ok.json()).toEqual({ rows: 4, added: 4, changed: 0 });
      const rates = (await get('county', '/api/trade/rates?year=2026')).json();
      expect(rates.items.map((r: { month: string; currency: string }) => `${r.month} ${r.currency}`)).toEqual([
        '2026-04 USD',
        '2026-03 EUR',
        '2026-03 USD',
      ]);
      // Changing one rate: the audit keeps the before and after of that one.
      const again = await as(w.t.app, cookies.province, {
        method: 'POST',
        url: '/api/trade/rates',
        payload: csv(['月份', '币制', '人民币折算率'], [['2026-04', 'USD', '7.25']]),
        headers: { 'content-type': 'text/csv' },
      });
      expect(again.json()).toEqual({ rows: 1, added: 0, changed: 1 });
      const [audit] = await rawRows<{ before: Record<string, string>; after: { rates: Record<string, string> } }>(
        w.t.deps,
        sql`select before, after from audit_entries where action = 'trade.rates.imported' order by id desc limit 1`,
      );
      expect(audit.before).toEqual({ '2026-04 USD': '7.200000' });
      expect(audit.after.rates).toEqual({ '2026-04 USD': '7.250000' });
      const xlsxDownload = await get('province', '/api/trade/rates?format=xlsx');
      expect(xlsxDownload.headers['content-type']).toContain('spreadsheetml');
      expect((await get('province', '/api/trade/rates/template')).statusCode).toBe(200);
    });

    it('refuses rates from anyone but the province', async () => {
      for (const who of ['county', 'entA', 'op1', 'city']) {
        const res = await as(w.t.app, cookies[who] ?? '', {
          method: 'POST',
          url: '/api/trade/rates',
          payload: csv(['月份', '币制', '人民币折算率'], [['2026-05', 'USD', '7']]),
          headers: { 'content-type': 'text/csv' },
        });
        expect(res.statusCode, who).toBe(403);
      }
      expect((await get('province', '/api/trade/rates?month=2026-05')).json().total).toBe(0);
    });
  });

  describe('declaration files', () => {
    let firstFile: string;
    it('takes in a good .csv whole; the same file again counts duplicates and writes nothing', async () => {
      const before = await counts();
      firstFile = csv(HEADERS, [
        ...declRows({ no: no(), code: codeA }, [
          ['8501100010', '微电机', '10', '台', '600.00'],
          ['6109100021', '棉制T恤衫', '100', '件', '400.00'],
        ]),
        ...declRows({ no: no('import'), code: codeA, dir: 'import', currency: 'EUR', country: 'DE' }, [
          ['8479899990', '工业机器人', '1', '台', '2500.50'],
        ]),
      ]);
      const job = await importAs('entA', firstFile);
      expect(job).toMatchObject({ status: 'succeeded', imported: 2, total: 3, processed: 3, phase: 'done' });
      expect(job.intake).toMatchObject({ status: 'succeeded', declarations: 2, lines: 3, duplicates: 0 });
      const after = await counts();
      expect(after.d - before.d).toBe(2);
      expect(after.l - before.l).toBe(3);
      // 1000 USD × 7.1234 + 2500.50 EUR × 7.654321 = 7123.40 + 19139.63
      expect(Number(after.fen) - Number(before.fen)).toBe(712340 + 1913963);

      const dup = await importAs('entA', firstFile);
      expect(dup).toMatchObject({ status: 'succeeded', imported: 0 });
      expect(dup.intake).toMatchObject({ declarations: 0, duplicates: 2 });
      const again = await counts();
      expect([again.d, again.l, again.fen]).toEqual([after.d, after.l, after.fen]);
    });

    it('refuses a whole .xlsx for one bad row, naming its row, column and reason; nothing is written', async () => {
      const before = await counts();
      const rows = [
        ...declRows({ no: no(), code: codeA }, [['8501100010', '微电机', '1', '台', '100']]),
        ...declRows({ no: no(), code: codeA }, [
          ['8501100010', '微电机', '1', '台', '100'],
          ['9999999999', '不存在的章', '1', '件', '50'],
        ]),
      ];
      const job = await importAs('entA', await xlsx(HEADERS, rows), XLSX);
      expect(job.status).toBe('failed');
      expect(job.issues.map((i) => [i.row, i.column])).toEqual([[4, '商品编号']]);
      expect(job.issues[0]?.reason).toContain('99');
      const after = await counts();
      expect([after.d, after.l, after.fen]).toEqual([before.d, before.l, before.fen]);
      // The refused file is in the intake history with its report.
      const hist = (await get('entA', '/api/trade/intakes?status=failed')).json() as { items: TTradeIntake[] };
      expect(hist.items[0]).toMatchObject({ status: 'failed', channel: 'file', declarations: 0 });
      expect(hist.items[0]?.issues[0]).toMatchObject({ row: 4, column: '商品编号' });
    });

    it('names rows of one declaration that disagree on its head, and a missing column', async () => {
      const n = no();
      const rows = declRows({ no: n, code: codeA }, [
        ['8501100010', '微电机', '1', '台', '100'],
        ['8501100010', '微电机', '1', '台', '100'],
      ]);
      (rows[1] as Line)[3] = '2026-03-16';
      const job = await importAs('entA', csv(HEADERS, rows));
      expect(job.status).toBe('failed');
      expect(job.issues[0]).toMatchObject({ row: 3, column: '申报日期' });

      const noUnit = await importAs(
        'entA',
        csv(
          HEADERS.filter((h) => h !== '计量单位'),
          [],
        ),
      );
      expect(noUnit.status).toBe('failed');
      expect(noUnit.issues[0]?.reason).toContain('计量单位');
    });

    it('accepts English header aliases and Excel date cells in an .xlsx', async () => {
      const en = [
        'declarationNo',
        'creditCode',
        'direction',
        'declaredOn',
        'tradeMode',
        'country',
        'currency',
        'total',
        'lineNo',
        'commodityCode',
        'goodsName',
        'quantity',
        'unit',
        'amount',
      ];
      const n = no();
      const job = await importAs(
        'entA',
        await xlsx(en, [
          [
            n,
            codeA,
            'export',
            new Date(Date.UTC(2026, 3, 2)) as unknown as string,
            '0110',
            'JP',
            'USD',
            '20',
            1,
            '8501100010',
            '微电机',
            '2',
            '台',
            '20',
          ],
        ]),
        XLSX,
      );
      expect(job.status, JSON.stringify(job.issues)).toBe('succeeded');
      const found = await list('entA', `&declarationNo=${n}`);
      expect(found.items[0]).toMatchObject({ declaredOn: '2026-04-02', country: 'JP', amountCny: '145.00' });
    });

    it('offers the template in both formats; a filled-in template is taken in as it is', async () => {
      const csvTemplate = await get('entA', '/api/trade/template?format=csv');
      expect(csvTemplate.statusCode).toBe(200);
      expect(csvTemplate.headers['content-disposition']).toContain(encodeURIComponent('报关单导入模板.csv'));
      const headerLine = csvTemplate.body.replace(/^\uFEFF/, '').trim();
      expect(headerLine.split(',')).toEqual(HEADERS);
      const filled = `${csvTemplate.body.trimEnd()}\r\n${declRows({ no: no(), code: codeA }, [
        ['8501100010', '微电机', '3', '台', '30'],
      ])
        .map((r) => r.join(','))
        .join('\r\n')}\r\n`;
      expect((await importAs('entA', filled)).status).toBe('succeeded');

      const xlsxTemplate = await get('entA', '/api/trade/template');
      expect(xlsxTemplate.headers['content-type']).toContain('spreadsheetml');
      const Excel = await loadExcelJS();
      const wb = new Excel.Workbook();
      await wb.xlsx.load(xlsxTemplate.rawPayload as unknown as ArrayBuffer);
      const ws = wb.worksheets[0];
      if (!ws) throw new Error('the template has no sheet');
      expect((ws.getRow(1).values as unknown[]).slice(1)).toEqual(HEADERS);
      for (const r of declRows({ no: no(), code: codeA }, [['8501100010', '微电机', '3', '台', '30']])) ws.addRow(r);
      const job = await importAs('entA', Buffer.from(await wb.xlsx.writeBuffer()), XLSX);
      expect(job.status, JSON.stringify(job.issues)).toBe('succeeded');
    });

    it('lets a centre upload only for enterprises it served, and a county for its own', async () => {
      const before = await counts();
      const forA = csv(HEADERS, declRows({ no: no(), code: codeA }, [['8501100010', '微电机', '1', '台', '10']]));
      const refused = await importAs('op1', forA);
      expect(refused.status).toBe('failed');
      expect(refused.issues[0]).toMatchObject({ row: 2, column: '统一社会信用代码' });
      expect((await counts()).d).toBe(before.d);
      await act.record(w, new Date('2026-10-01T02:00:00Z'), 0, 0, 'consultation', 'window');
      const ok = await importAs('op1', forA);
      expect(ok.status, JSON.stringify(ok.issues)).toBe('succeeded');
      // The other enterprise of the same centre was never served by it.
      const forB = csv(HEADERS, declRows({ no: no(), code: codeB }, [['8501100010', '微电机', '1', '台', '10']]));
      expect((await importAs('op1', forB)).status).toBe('failed');
      expect((await importAs('otherCounty', forB)).status).toBe('failed');
      expect((await importAs('county', forB)).status).toBe('succeeded');
      const [src] = await rawRows<{ source: string }>(
        w.t.deps,
        sql`select source from trade_declarations where enterprise_id = ${w.enterprises[0]?.[1]?.enterpriseId as number}`,
      );
      expect(src.source).toBe('county');
      // Officials without the import right.
      for (const who of ['province', 'city', 'admin', 'evaluator'])
        expect((await upload(who, forB, 'text/csv')).statusCode, who).toBe(403);
    });
  });

  describe('the JSON bulk API', () => {
    const body = (n: string, amount = '500.00') => ({
      declarations: [
        {
          declarationNo: n,
          enterpriseCreditCode: codeC,
          direction: 'export',
          declaredOn: '2026-04-10',
          tradeMode: '9710',
          country: 'GB',
          currency: 'USD',
          amount,
          lines: [{ commodityCode: '9503002100', goodsName: '玩具', quantity: '50', unit: '个', amount }],
        },
      ],
    });

    it('answers the first result again for the same key and body, and refuses the key with another body', async () => {
      const n = no();
      const first = await bulk('entC', 'erp-2026-04-10-1', body(n));
      expect(first.statusCode, first.body).toBe(200);
      expect(first.json()).toMatchObject({ status: 'succeeded', declarations: 1 });
      const before = await counts();
      const second = await bulk('entC', 'erp-2026-04-10-1', body(n));
      expect(second.json()).toEqual(first.json() as TTradeIntakeResult);
      const other = await bulk('entC', 'erp-2026-04-10-1', body(n, '600.00'));
      expect(other.statusCode).toBe(409);
      expect(other.json().code).toBe('TRADE_IDEMPOTENCY_KEY_REUSED');
      expect(await counts()).toEqual(before);
      expect((await bulk('entC', 'bad key with spaces', body(no()))).statusCode).toBe(400);
      // Another user may use the same key: keys are per user.
      expect((await bulk('entA', 'erp-2026-04-10-1', body(no()))).json().status).toBe('failed');
    });

    it.runIf(usingPostgres)('two concurrent calls with one key write once and answer the same result', async () => {
      const before = await counts();
      const b = body(no());
      const [x, y] = await Promise.all([bulk('entC', 'race-1', b), bulk('entC', 'race-1', b)]);
      expect([x.statusCode, y.statusCode]).toEqual([200, 200]);
      expect(x.json()).toEqual(y.json());
      const after = await counts();
      expect(after.d - before.d).toBe(1);
      expect(after.i - before.i).toBe(1);
    });

    it('refuses more than 5,000 declarations and a malformed body with 400 naming the field', async () => {
      const res = await bulk('entC', null, { declarations: [{ declarationNo: 1 }] });
      expect(res.statusCode).toBe(400);
      expect(res.body).toContain('declarations');
    });
  });

  describe('the declarations list', () => {
    it('shows each role exactly its scope, with totals equal to raw counts', async () => {
      const raw = async (where: ReturnType<typeof sql>) =>
        (await rawRows<{ n: number }>(w.t.deps, sql`select count(*)::int n from trade_declarations where ${where}`))[0]
          ?.n;
      const entA = w.enterprises[0]?.[0]?.enterpriseId as number;
      expect((await list('province')).total).toBe(await raw(sql`true`));
      expect((await list('city')).total).toBe(await raw(sql`city_code = '420500'`));
      expect((await list('county')).total).toBe(await raw(sql`county_code = '420502'`));
      expect((await list('otherCity')).total).toBe(await raw(sql`city_code = '420600'`));
      expect((await list('entA')).total).toBe(await raw(sql`enterprise_id = ${entA}`));
      // operator.1 has served enterprise A only.
      expect((await list('op1')).items.every((d) => d.enterpriseId === entA)).toBe(true);
      expect((await list('op1')).total).toBe(await raw(sql`enterprise_id = ${entA}`));
      for (const who of ['admin', 'evaluator'])
        expect((await get(who, '/api/trade/declarations')).statusCode).toBe(403);
      // Filters.
      expect((await list('province', '&direction=import')).total).toBe(await raw(sql`direction = 'import'`));
      expect((await list('province', '&month=2026-03')).total).toBe(await raw(sql`month = '2026-03'`));
      expect((await list('province', '&country=de')).total).toBe(await raw(sql`country = 'DE'`));
      expect((await list('province', '&hsChapter=95')).total).toBe(
        await raw(sql`id in (select declaration_id from trade_declaration_lines where hs_chapter = '95')`),
      );
      expect((await list('province', `&centreId=${w.centres[0]?.id}`)).total).toBe(
        await raw(sql`enterprise_id = ${entA}`),
      );
    });

    it('opens a declaration with its lines in scope, and answers 404 outside it', async () => {
      const mine = (await list('entA')).items.find((d) => d.lineCount === 2) as TTradeDeclaration;
      const detail = await get('entA', `/api/trade/declarations/${mine.id}`);
      expect(detail.statusCode).toBe(200);
      expect(detail.json().lines.map((l: { lineNo: number; amountCny: string }) => [l.lineNo, l.amountCny])).toEqual([
        [1, '4274.04'],
        [2, '2849.36'],
      ]);
      for (const who of ['entB', 'entC', 'otherCity', 'otherCounty'])
        expect((await get(who, `/api/trade/declarations/${mine.id}`)).statusCode, who).toBe(404);
      const x = await get('province', '/api/trade/declarations?format=xlsx');
      expect(x.headers['content-type']).toContain('spreadsheetml');
    });

    it('shows officials their region’s intakes, failed ones with their report', async () => {
      const county = (await get('county', '/api/trade/intakes?pageSize=100')).json() as { items: TTradeIntake[] };
      expect(county.items.some((i) => i.status === 'failed' && i.issues.length > 0)).toBe(true);
      const other = (await get('otherCity', '/api/trade/intakes?pageSize=100')).json() as { items: TTradeIntake[] };
      // 襄阳 sees enterprise C's bulk intakes, never 宜昌's files.
      expect(other.items.length).toBeGreaterThan(0);
      expect(other.items.every((i) => i.channel === 'api')).toBe(true);
    });
  });
});
