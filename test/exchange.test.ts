import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TServiceRecordDetail } from '../src/contracts/service-record';
import { exchangeRates } from '../src/server/db/schema';
import { readZipEntries, type ZipEntry, zipEntryData } from '../src/server/lib/zip-directory';
import { signCallback } from '../src/server/modules/exchange/single-window-status';
import { as, loginAs } from './helpers/app';
import { act, buildFiguresWorld, type FiguresWorld, rawRows } from './helpers/figures-world';

/**
 * Issue 13, data exchange: each format the project ships (docs/exchange/fixtures) end to end through the routes —
 * declarations taken in and recognised on a re-run, a broken file changing nothing and naming its element or cell,
 * the Single Window's signed callback (good, bad, replayed, unsigned) putting progress on the filing record, the
 * 数智通 package and its status completing the record, the 楚贸通 month equal to sums computed here from the rows,
 * and who may see and pull what.
 */

const FIXTURES = path.resolve(import.meta.dirname, '../docs/exchange/fixtures');
const fixture = (p: string) => fs.readFileSync(path.join(FIXTURES, p));
const SECRET = 'exchange-test-secret';

describe('data exchange with 单一窗口, 数智通 and 楚贸通 (issue 13)', () => {
  let w: FiguresWorld;
  const at = new Date('2026-11-20T10:00:00+08:00');
  const cookies: Record<string, string> = {};
  let filing: TServiceRecordDetail;
  let rebate: TServiceRecordDetail;

  const count = async (q: ReturnType<typeof sql>) => Number((await rawRows<{ n: string }>(w.t.deps, q))[0]?.n);
  const declarations = () => count(sql`select count(*) n from trade_declarations`);
  const progressOf = (id: number) =>
    rawRows<{ kind: string; note: string; status_after: string; actor_name: string }>(
      w.t.deps,
      sql`select kind, note, status_after, actor_name from service_progress where record_id = ${id} order by id`,
    );
  const inbound = (who: string, kind: string, body: Buffer, name = 'file') =>
    as(w.t.app, cookies[who] as string, {
      method: 'POST',
      url: `/api/exchange/inbound?kind=${kind}`,
      payload: body,
      headers: { 'content-type': 'application/octet-stream', 'x-file-name': encodeURIComponent(name) },
    });
  const outbound = (who: string, payload: Record<string, unknown>) =>
    as(w.t.app, cookies[who] as string, { method: 'POST', url: '/api/exchange/outbound', payload });
  const download = (who: string, id: number, which: 'input' | 'output') =>
    as(w.t.app, cookies[who] as string, { method: 'GET', url: `/api/exchange/runs/${id}/${which}` });

  beforeAll(async () => {
    w = await buildFiguresWorld();
    w.t.clock.now = new Date(at);
    w.t.deps.config.singleWindowSecret = SECRET;
    await w.t.deps.db.insert(exchangeRates).values([
      { month: '2026-03', currency: 'USD', cnyPerUnit: '7.123400', setAt: at },
      { month: '2026-03', currency: 'EUR', cnyPerUnit: '7.654321', setAt: at },
    ]);
    // Centre 1 serves both its enterprises (a filing and a rebate), centre 3 its first (so 楚贸通 data is in scope).
    filing = await act.record(w, at, 0, 0, 'filing_agency', 'window');
    rebate = await act.record(w, at, 0, 1, 'tax_refund', 'window');
    await act.record(w, at, 2, 0, 'filing_agency', 'window');
    cookies.operator = await loginAs(w.t.app, 'operator.1');
    cookies.operator2 = await loginAs(w.t.app, 'operator.fig1');
    cookies.operator3 = await loginAs(w.t.app, 'operator.fig2');
    cookies.province = await loginAs(w.t.app, w.t.world.users.province.username);
    cookies.county = await loginAs(w.t.app, w.t.world.users.county.username);
    cookies.otherCounty = await loginAs(w.t.app, w.t.world.users.otherCounty.username);
    cookies.enterprise = await loginAs(w.t.app, w.t.world.users.enterprise.username);
  }, 120_000);
  afterAll(async () => w?.t.close());

  describe('单一窗口 declarations in', () => {
    it('takes in the XML message whole, keeps the input, and a re-run counts nothing twice', async () => {
      const before = await declarations();
      const res = await inbound(
        'operator',
        'sw_declarations_xml',
        fixture('single-window/declarations.xml'),
        '报关单.xml',
      );
      expect(res.statusCode, res.body).toBe(201);
      const run = res.json();
      expect(run).toMatchObject({
        system: 'single_window',
        direction: 'inbound',
        status: 'succeeded',
        formatVersion: '1.0',
      });
      expect(run.summary).toMatchObject({
        declarations: 2,
        lines: 3,
        duplicates: 0,
        messageId: 'HBSW-DEC-20261120-000001',
      });
      expect(await declarations()).toBe(before + 2);
      const rows = await rawRows<{ declaration_no: string; source: string; direction: string; country: string }>(
        w.t.deps,
        sql`select declaration_no, source, direction, country from trade_declarations
          where declaration_no in ('470120260000000101', '470120261000000102') order by declaration_no`,
      );
      expect(rows).toEqual([
        { declaration_no: '470120260000000101', source: 'single_window', direction: 'export', country: 'US' },
        { declaration_no: '470120261000000102', source: 'single_window', direction: 'import', country: 'DE' },
      ]);
      const input = await download('operator', run.id, 'input');
      expect(input.statusCode).toBe(200);
      expect(input.rawPayload.equals(fixture('single-window/declarations.xml'))).toBe(true);

      const again = await as(w.t.app, cookies.operator as string, {
        method: 'POST',
        url: `/api/exchange/runs/${run.id}/rerun`,
      });
      expect(again.statusCode, again.body).toBe(201);
      expect(again.json()).toMatchObject({ status: 'succeeded', rerunOf: run.id });
      expect(again.json().summary).toMatchObject({ declarations: 0, duplicates: 2 });
      expect(await declarations()).toBe(before + 2);
      const audit = await count(sql`select count(*) n from audit_entries where action = 'exchange.inbound'`);
      expect(audit).toBeGreaterThanOrEqual(2);
    });

    it('refuses a broken message whole, naming the element, and logs the refused run', async () => {
      const before = await declarations();
      const intakes = await count(sql`select count(*) n from trade_intakes`);
      const res = await inbound('operator', 'sw_declarations_xml', fixture('single-window/declarations-broken.xml'));
      expect(res.statusCode).toBe(400);
      expect(res.json().code).toBe('EXCHANGE_FILE_REJECTED');
      const issues = res.json().details.issues as { where: string; reason: string }[];
      expect(issues.map((i) => i.where)).toEqual(['Declarations/Declaration[2]/DecLists/DecList[1]/CodeTS']);
      expect(issues[0]?.reason).toContain('77');
      expect(await declarations()).toBe(before);
      expect(await count(sql`select count(*) n from trade_intakes`)).toBe(intakes);
      const [run] = await rawRows<{ status: string; input_file_id: number | null }>(
        w.t.deps,
        sql`select status, input_file_id from exchange_runs where id = ${res.json().details.runId}`,
      );
      expect(run).toMatchObject({ status: 'failed' });
      expect(run?.input_file_id).not.toBeNull();
    });

    it('refuses XML that is not well-formed or carries a DOCTYPE, by line and column', async () => {
      const bad = await inbound(
        'operator',
        'sw_declarations_xml',
        Buffer.from('<DecMessage><MessageHead></DecMessage>'),
      );
      expect(bad.statusCode).toBe(400);
      expect(bad.json().details.issues[0].where).toMatch(/第 1 行/);
      const entity = await inbound(
        'operator',
        'sw_declarations_xml',
        Buffer.from('<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><DecMessage>&a;</DecMessage>'),
      );
      expect(entity.statusCode).toBe(400);
      expect(entity.json().details.issues[0].where).toBe('DOCTYPE');
    });

    it('takes in the spreadsheet export (header sheet + lines sheet) and names a bad cell by sheet, row and column', async () => {
      const before = await declarations();
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(fixture('single-window/declarations.xlsx') as unknown as ArrayBuffer);
      const sheet = wb.getWorksheet('报关单表体');
      if (sheet) sheet.getCell('C3').value = '7700000000';
      const broken = Buffer.from(await wb.xlsx.writeBuffer());
      const refused = await inbound('operator', 'sw_declarations_xlsx', broken, 'broken.xlsx');
      expect(refused.statusCode).toBe(400);
      expect(refused.json().details.issues.map((i: { where: string }) => i.where)).toEqual([
        '报关单表体 第 3 行 C 列（商品编号）',
      ]);
      expect(await declarations()).toBe(before);

      const res = await inbound(
        'operator',
        'sw_declarations_xlsx',
        fixture('single-window/declarations.xlsx'),
        '报关单.xlsx',
      );
      expect(res.statusCode, res.body).toBe(201);
      expect(res.json().summary).toMatchObject({ declarations: 2, lines: 3, duplicates: 0 });
      expect(await declarations()).toBe(before + 2);
    });

    it('an operator cannot report for an enterprise its centre does not serve: refused, nothing taken in', async () => {
      const before = await declarations();
      const xml = fixture('single-window/declarations.xml')
        .toString()
        .replace(/0000000101/g, '0000000111')
        .replace(/1000000102/g, '1000000112');
      const res = await inbound('operator2', 'sw_declarations_xml', Buffer.from(xml));
      expect(res.statusCode).toBe(400);
      expect(res.json().details.issues[0].where).toBe('Declarations/Declaration[1]/DecHead/TradeCoScc');
      expect(await declarations()).toBe(before);
    });
  });

  describe('单一窗口 filing status (Art. 5(一))', () => {
    const statusXml = () =>
      Buffer.from(fixture('single-window/filing-status.xml').toString().replaceAll('FW2026000001', filing.number));
    const call = (body: Buffer, headers: Record<string, string>) =>
      w.t.app.inject({
        method: 'POST',
        url: '/api/exchange/single-window/callback',
        payload: body,
        headers: { 'content-type': 'application/xml', ...headers },
      });
    const signed = (body: Buffer, at = w.t.clock.now) => {
      const ts = String(Math.floor(at.getTime() / 1000));
      return { 'x-sw-timestamp': ts, 'x-sw-signature': signCallback(SECRET, ts, body) };
    };

    it('refuses unsigned, wrongly signed and stale callbacks without touching the record', async () => {
      const body = statusXml();
      const before = await progressOf(filing.id);
      const runs = await count(sql`select count(*) n from exchange_runs`);
      const unsigned = await call(body, {});
      expect(unsigned.statusCode).toBe(401);
      expect(unsigned.json().code).toBe('EXCHANGE_SIGNATURE_INVALID');
      const wrong = await call(body, {
        ...signed(body),
        'x-sw-signature': signCallback('another-secret', signed(body)['x-sw-timestamp'], body),
      });
      expect(wrong.statusCode).toBe(401);
      const tampered = await call(Buffer.from(body.toString().replace('审核通过', '已驳回')), signed(body));
      expect(tampered.statusCode).toBe(401);
      const stale = await call(body, signed(body, new Date(w.t.clock.now.getTime() - 10 * 60_000)));
      expect(stale.statusCode).toBe(401);
      expect(await progressOf(filing.id)).toEqual(before);
      expect(await count(sql`select count(*) n from exchange_runs`)).toBe(runs);
    });

    it('a signed callback puts each status on the record as progress, once; its replay is refused', async () => {
      const body = statusXml();
      const before = await progressOf(filing.id);
      const res = await call(body, signed(body));
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json().status).toBe('succeeded');
      const after = await progressOf(filing.id);
      expect(after.slice(before.length)).toEqual([
        expect.objectContaining({
          kind: 'progress',
          status_after: 'in_progress',
          actor_name: '湖北国际贸易“单一窗口”',
        }),
        expect.objectContaining({ kind: 'progress', status_after: 'in_progress' }),
      ]);
      expect(after[before.length]?.note).toContain('单一窗口已受理');
      expect(after[before.length + 1]?.note).toContain('对外贸易经营者备案信息已核准');

      const replay = await call(body, signed(body));
      expect(replay.statusCode).toBe(409);
      expect(replay.json().code).toBe('EXCHANGE_REPLAYED');
      expect(await progressOf(filing.id)).toEqual(after);

      // The same statuses as an uploaded status file: recognised, nothing added.
      const file = await inbound('operator', 'sw_filing_status', body, '备案进度.xml');
      expect(file.statusCode, file.body).toBe(201);
      expect(file.json().summary).toMatchObject({ applied: 0, duplicates: 2 });
      expect(await progressOf(filing.id)).toEqual(after);
    });

    it('a record still awaiting acceptance is accepted by its first status, then progresses', async () => {
      const requested = await act.request(w, at, 0, 0, 'filing_agency');
      expect(requested.status).toBe('submitted');
      const body = Buffer.from(
        statusXml()
          .toString()
          .replaceAll(filing.number, requested.number)
          .replace('HBSW-FS-20261120-000001', 'HBSW-FS-2'),
      );
      const res = await inbound('county', 'sw_filing_status', body);
      expect(res.statusCode, res.body).toBe(201);
      expect((await progressOf(requested.id)).map((p) => [p.kind, p.status_after])).toEqual([
        ['submitted', 'submitted'],
        ['accepted', 'accepted'],
        ['progress', 'in_progress'],
      ]);
      // The county's run belongs to the record's centre: the centre sees it in its log.
      const run = await as(w.t.app, cookies.operator as string, {
        method: 'GET',
        url: `/api/exchange/runs/${res.json().id}`,
      });
      expect(run.statusCode).toBe(200);
    });

    it('a message whose later status cannot apply (record completed) undoes the statuses before it', async () => {
      const open = await act.record(w, at, 0, 1, 'filing_agency', 'window');
      const done = await act.step(w, at, await act.record(w, at, 0, 1, 'filing_agency', 'window'), 'complete');
      const xml = statusXml()
        .toString()
        .replace(filing.number, open.number)
        .replace(filing.number, done.number)
        .replace('HBSW-FS-20261120-000001', 'HBSW-FS-3');
      const before = { open: await progressOf(open.id), done: await progressOf(done.id) };
      const events = await count(sql`select count(*) n from exchange_status_events`);
      const res = await inbound('operator', 'sw_filing_status', Buffer.from(xml));
      expect(res.statusCode).toBe(400);
      expect(res.json().details.issues[0].reason).toContain('已办结');
      expect({ open: await progressOf(open.id), done: await progressOf(done.id) }).toEqual(before);
      expect(await count(sql`select count(*) n from exchange_status_events`)).toBe(events);
    });

    it('a status naming a record of another category or outside the uploader’s scope is refused whole', async () => {
      const wrongCategory = Buffer.from(statusXml().toString().replaceAll(filing.number, rebate.number));
      const res = await inbound('operator', 'sw_filing_status', wrongCategory);
      expect(res.statusCode).toBe(400);
      expect(res.json().details.issues[0].where).toBe('FilingStatuses/FilingStatus[1]');
      const other = await inbound('operator2', 'sw_filing_status', statusXml());
      expect(other.statusCode).toBe(400);
      expect(other.json().details.issues[0].reason).toContain('不在您的范围内');
    });
  });

  describe('数智通 (Art. 5(六))', () => {
    it('exports the rebate package of the record’s export declarations with their lines, amounts and invoices', async () => {
      const res = await outbound('operator', {
        kind: 'szt_rebate_package',
        recordId: rebate.id,
        fromMonth: '2026-03',
        toMonth: '2026-03',
        invoices: [{ number: '42001234', date: '2026-03-23', amount: '10684.10' }],
      });
      expect(res.statusCode, res.body).toBe(201);
      const file = await download('operator', res.json().id, 'output');
      expect(file.statusCode).toBe(200);
      const pkg = JSON.parse(file.body);
      expect(pkg).toMatchObject({ format: 'hbts.shuzhitong.rebate-package', version: '1.0' });
      expect(pkg.serviceRecord.number).toBe(rebate.number);
      expect(pkg.enterprise.creditCode).toBe(rebate.enterpriseCreditCode);
      const rows = await rawRows<{ declaration_no: string; fen: string; lines: string }>(
        w.t.deps,
        sql`select declaration_no, amount_cny_fen::text fen, line_count::text lines from trade_declarations
          where enterprise_id = ${rebate.enterpriseId} and direction = 'export' and month = '2026-03'
          order by declared_on, declaration_no`,
      );
      expect(pkg.declarations.map((d: { declarationNo: string }) => d.declarationNo)).toEqual(
        rows.map((r) => r.declaration_no),
      );
      expect(pkg.declarations.map((d: { lines: unknown[] }) => d.lines.length)).toEqual(
        rows.map((r) => Number(r.lines)),
      );
      const fen = rows.reduce((s, r) => s + BigInt(r.fen), 0n);
      expect(pkg.totals.amountCny).toBe(`${fen / 100n}.${String(fen % 100n).padStart(2, '0')}`);
      expect(pkg.invoices).toEqual([{ number: '42001234', date: '2026-03-23', amount: '10684.10' }]);

      // The zip form carries the same package and a manifest whose digests match its files.
      const zipped = await outbound('operator', {
        kind: 'szt_rebate_package',
        recordId: rebate.id,
        fromMonth: '2026-03',
        toMonth: '2026-03',
        format: 'zip',
      });
      expect(zipped.statusCode, zipped.body).toBe(201);
      const zip = (await download('operator', zipped.json().id, 'output')).rawPayload;
      const entries = readZipEntries(zip);
      expect([...entries.keys()]).toEqual(['manifest.json', 'package.json', 'declarations.csv']);
      const part = (name: string) => zipEntryData(zip, entries.get(name) as ZipEntry);
      const manifest = JSON.parse(part('manifest.json').toString());
      for (const f of manifest.files)
        expect(createHash('sha256').update(part(f.name)).digest('hex'), f.name).toBe(f.sha256);
      expect(JSON.parse(part('package.json').toString()).declarations).toEqual(pkg.declarations);
      expect(part('declarations.csv').toString().trim().split('\r\n')).toHaveLength(
        1 + rows.reduce((s, r) => s + Number(r.lines), 0),
      );
    });

    it('refuses a package for a record that is not a tax refund, or outside the caller’s scope', async () => {
      const wrong = await outbound('operator', {
        kind: 'szt_rebate_package',
        recordId: filing.id,
        fromMonth: '2026-03',
        toMonth: '2026-03',
      });
      expect(wrong.statusCode).toBe(400);
      expect(wrong.json().details.field).toBe('recordId');
      const other = await outbound('operator2', {
        kind: 'szt_rebate_package',
        recordId: rebate.id,
        fromMonth: '2026-03',
        toMonth: '2026-03',
      });
      expect(other.statusCode).toBe(404);
    });

    it('the rebate status file accepts the filing and completes the record on payment; a re-run adds nothing', async () => {
      const body = Buffer.from(
        fixture('shuzhitong/rebate-status.json').toString().replaceAll('FW2026000002', rebate.number),
      );
      const res = await inbound('operator', 'szt_rebate_status', body, '数智通回执.json');
      expect(res.statusCode, res.body).toBe(201);
      expect(res.json().summary).toMatchObject({ applied: 2, completed: 1, duplicates: 0 });
      const [rec] = await rawRows<{ status: string; result_text: string }>(
        w.t.deps,
        sql`select status, result_text from service_records where id = ${rebate.id}`,
      );
      expect(rec?.status).toBe('completed');
      expect(rec?.result_text).toContain('已退税 845.50 元（2026年11月25日）');
      const progress = await progressOf(rebate.id);
      expect(progress.slice(-2).map((p) => p.kind)).toEqual(['progress', 'completed']);
      // The service figures follow the record (they were kept in the step's transaction).
      const [fig] = await rawRows<{ n: string }>(
        w.t.deps,
        sql`select coalesce(sum(records), 0) n from service_figures_month where centre_id = ${rebate.centreId}
          and category = 'tax_refund' and status = 'completed'`,
      );
      expect(Number(fig?.n)).toBe(1);

      const again = await as(w.t.app, cookies.operator as string, {
        method: 'POST',
        url: `/api/exchange/runs/${res.json().id}/rerun`,
      });
      expect(again.statusCode, again.body).toBe(201);
      expect(again.json().summary).toMatchObject({ applied: 0, duplicates: 2 });
      expect(await progressOf(rebate.id)).toEqual(progress);
    });

    it('names the JSON path of a bad status', async () => {
      const body = Buffer.from(
        JSON.stringify({
          format: 'shuzhitong.rebate-status',
          version: '1.0',
          messageId: 'x',
          statuses: [{ recordNumber: 'FW1', status: 'paid', at: 'x' }],
        }),
      );
      const res = await inbound('operator', 'szt_rebate_status', body);
      expect(res.statusCode).toBe(400);
      expect(res.json().details.issues.map((i: { where: string }) => i.where)).toContain('statuses[0].recordNumber');
    });
  });

  describe('楚贸通 (Art. 5(十三))', () => {
    it('takes in enterprises’ trade data (JSON) through the one intake path, source chumaotong', async () => {
      const before = await declarations();
      const res = await inbound('province', 'cmt_trade_data', fixture('chumaotong/trade-data.json'), '楚贸通.json');
      expect(res.statusCode, res.body).toBe(201);
      expect(res.json().summary).toMatchObject({ declarations: 2, lines: 3, duplicates: 0 });
      expect(await declarations()).toBe(before + 2);
      expect(await count(sql`select count(*) n from trade_declarations where source = 'chumaotong'`)).toBe(2);
      const broken = JSON.parse(fixture('chumaotong/trade-data.json').toString());
      broken.declarations[1].lines[0].amount = 'abc';
      broken.declarations[1].declarationNo = '420620260000000399';
      const refused = await inbound('province', 'cmt_trade_data', Buffer.from(JSON.stringify(broken)));
      expect(refused.statusCode).toBe(400);
      expect(refused.json().details.issues.map((i: { where: string }) => i.where)).toContain(
        'declarations[1].lines[0].amount',
      );
      expect(await declarations()).toBe(before + 2);
    });

    it('the centre’s monthly set equals the sums of its served enterprises’ rows, as JSON and CSV', async () => {
      const centre = w.centres[0]?.id as number;
      const res = await outbound('operator', { kind: 'cmt_centre_month', centreId: centre, month: '2026-03' });
      expect(res.statusCode, res.body).toBe(201);
      const set = JSON.parse((await download('operator', res.json().id, 'output')).body);
      expect(set).toMatchObject({ format: 'hbts.chumaotong.centre-month', version: '1.0', month: '2026-03' });
      const served = sql`(select enterprise_id from service_records where centre_id = ${centre})`;
      const expectGroups = async (col: string) =>
        (
          await rawRows<{ code: string; direction: string; n: string; fen: string }>(
            w.t.deps,
            sql`select ${sql.raw(col)} code, direction, count(*) n, sum(amount_cny_fen)::text fen from trade_declarations
              where month = '2026-03' and enterprise_id in ${served} group by 1, 2 order by 1, 2`,
          )
        ).map((r) => ({ code: r.code, direction: r.direction, declarations: Number(r.n), fen: BigInt(r.fen) }));
      const asFen = (yuan: string) => BigInt(yuan.replace('.', ''));
      const got = (list: { code: string; direction: string; declarations: number; amountCny: string }[]) =>
        list.map((g) => ({
          code: g.code,
          direction: g.direction,
          declarations: g.declarations,
          fen: asFen(g.amountCny),
        }));
      expect(got(set.trade.byCountry)).toEqual(await expectGroups('country'));
      expect(got(set.trade.byTradeMode)).toEqual(await expectGroups('trade_mode'));
      const chapters = await rawRows<{ code: string; direction: string; n: string; fen: string }>(
        w.t.deps,
        sql`select l.hs_chapter code, d.direction, count(distinct d.id) n, sum(l.amount_cny_fen)::text fen
          from trade_declarations d join trade_declaration_lines l on l.declaration_id = d.id
          where d.month = '2026-03' and d.enterprise_id in ${served} group by 1, 2 order by 1, 2`,
      );
      expect(got(set.trade.byHsChapter)).toEqual(
        chapters.map((r) => ({ code: r.code, direction: r.direction, declarations: Number(r.n), fen: BigInt(r.fen) })),
      );
      expect(set.trade.byCountry.length).toBeGreaterThan(1);
      // Centre 1's enterprises only: nothing of centre 3's 楚贸通 data.
      expect(set.enterprises.map((e: { creditCode: string }) => e.creditCode).sort()).toEqual(
        [filing.enterpriseCreditCode, rebate.enterpriseCreditCode].sort(),
      );
      // Services given in the month by category, from the figures tables, equal the records counted here.
      const nov = await outbound('operator', {
        kind: 'cmt_centre_month',
        centreId: centre,
        month: '2026-11',
        format: 'csv',
      });
      expect(nov.statusCode, nov.body).toBe(201);
      const csv = (await download('operator', nov.json().id, 'output')).body.replace(/^\uFEFF/, '');
      const lines = csv
        .trim()
        .split('\r\n')
        .map((l) => l.split(','));
      expect(lines[0]?.[0]).toBe('format_version');
      const services = await rawRows<{ category: string; n: string }>(
        w.t.deps,
        sql`select category, count(*) n from service_records where centre_id = ${centre} and status <> 'cancelled'
          and submitted_at >= '2026-10-31T16:00:00Z' and submitted_at < '2026-11-30T16:00:00Z' group by 1 order by 1`,
      );
      expect(lines.filter((l) => l[3] === 'service').map((l) => [l[4], Number(l[7])])).toEqual(
        services.map((s) => [s.category, Number(s.n)]),
      );
    });

    it('an operator cannot pull another centre’s set, a county only its own county’s, an enterprise none', async () => {
      const other = w.centres[2]?.id as number;
      const runs = await count(sql`select count(*) n from exchange_runs`);
      const op = await outbound('operator', { kind: 'cmt_centre_month', centreId: other, month: '2026-03' });
      expect(op.statusCode).toBe(404);
      const county = await outbound('county', { kind: 'cmt_centre_month', centreId: other, month: '2026-03' });
      expect(county.statusCode).toBe(404);
      const ent = await outbound('enterprise', { kind: 'cmt_centre_month', centreId: other, month: '2026-03' });
      expect(ent.statusCode).toBe(403);
      expect(await count(sql`select count(*) n from exchange_runs`)).toBe(runs);
      const own = await outbound('county', { kind: 'cmt_centre_month', centreId: w.centres[0]?.id, month: '2026-03' });
      expect(own.statusCode).toBe(201);
    });
  });

  describe('the log of runs', () => {
    it('each sees the runs of its scope only; a run outside it is 404, its files too', async () => {
      const list = async (who: string) =>
        (await as(w.t.app, cookies[who] as string, { method: 'GET', url: '/api/exchange/runs?pageSize=100' })).json();
      const mine = await list('operator');
      expect(mine.total).toBeGreaterThan(5);
      expect(mine.items.every((r: { centreId: number | null }) => r.centreId === w.centres[0]?.id)).toBe(true);
      const other = await list('operator2');
      expect(other.items.every((r: { centreId: number | null }) => r.centreId === w.centres[1]?.id)).toBe(true);
      const province = await list('province');
      expect(province.total).toBeGreaterThanOrEqual(mine.total);
      const id = mine.items[0].id;
      expect(
        (await as(w.t.app, cookies.operator2 as string, { method: 'GET', url: `/api/exchange/runs/${id}` })).statusCode,
      ).toBe(404);
      expect((await download('otherCounty', id, 'input')).statusCode).toBe(404);
      expect(
        (await as(w.t.app, cookies.operator2 as string, { method: 'POST', url: `/api/exchange/runs/${id}/rerun` }))
          .statusCode,
      ).toBe(404);
      expect(
        (await as(w.t.app, cookies.enterprise as string, { method: 'GET', url: '/api/exchange/runs' })).statusCode,
      ).toBe(403);
    });
  });
});
