import { eq, sql } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TRADE_FILE_COLUMNS, TRADE_FILE_MAX_ROWS } from '../src/contracts/trade-intake';
import { enterprises, exchangeRates } from '../src/server/db/schema';
import type { SessionUser } from '../src/server/lib/access/session-user';
import { csvText, readCsv } from '../src/server/lib/sheet-reader';
import { IMPORT_MAX_CELL_CHARS } from '../src/server/modules/enterprise/check-enterprise-file';
import { checkFigures } from '../src/server/modules/figures';
import { dropLeftoverTradeStaging, fastCsvIntake } from '../src/server/modules/trade/fast-intake';
import { getTradeImportJob, startTradeImport } from '../src/server/modules/trade/import-declaration-file';
import { checkDeclarations } from '../src/server/modules/trade/ingest-declarations';
import { readDeclarationFile } from '../src/server/modules/trade/read-declaration-file';
import { usingPostgres } from './helpers/db';
import { buildFiguresWorld, ctxOf, type FiguresWorld, rawRows } from './helpers/figures-world';

/**
 * Issue 13 target 13.2, decision 0028: on PostgreSQL a plain CSV declaration file is staged by COPY and checked in
 * SQL. The SQL restates the rules of declaration-rules.ts, so random files of valid and faulty rows must get the same
 * verdict as the JavaScript path (readDeclarationFile + checkDeclarations) and, when taken in, the same amounts to
 * the fen; a faulty file goes back to the JavaScript path for its row-by-row report.
 */
const HEADER = TRADE_FILE_COLUMNS.map((c) => c.header).join(',');
const at = new Date('2026-11-20T10:00:00+08:00');

type Fault =
  | 'none'
  | 'numberFormat'
  | 'office'
  | 'year'
  | 'flag'
  | 'sequence'
  | 'future'
  | 'mode'
  | 'country'
  | 'currency'
  | 'amount'
  | 'lineAmount'
  | 'quantity'
  | 'commodity'
  | 'chapter'
  | 'sum'
  | 'head'
  | 'lineNo'
  | 'scope'
  | 'rate'
  | 'conflict'
  | 'goodsName';
const FAULTS: Fault[] = [
  'numberFormat',
  'office',
  'year',
  'flag',
  'sequence',
  'future',
  'mode',
  'country',
  'currency',
  'amount',
  'lineAmount',
  'quantity',
  'commodity',
  'chapter',
  'sum',
  'head',
  'lineNo',
  'scope',
  'rate',
  'conflict',
  'goodsName',
];

interface DeclSpec {
  fault: Fault;
  dir: 'import' | 'export';
  month: number;
  currency: 'USD' | 'EUR' | 'CNY';
  country: string;
  cents: number[];
  qty: string;
}

describe.skipIf(!usingPostgres)('fast file intake on PostgreSQL (issue 13.2, decision 0028)', () => {
  let w: FiguresWorld;
  let ent: SessionUser;
  let own: string;
  let other: string;
  let seq = 0;
  const known: { no: string; line: string }[] = [];

  /** The rows of one declaration as a file writes them (number unique to this test run unless it reuses one). */
  const rowsOf = (d: DeclSpec): string[] => {
    const f = d.fault;
    const year = f === 'year' ? '2025' : '2026';
    const month = f === 'rate' ? '05' : String(d.month).padStart(2, '0');
    const day = f === 'future' ? '2026-12-01' : `2026-${month}-1${d.month % 9}`;
    const flag = (d.dir === 'import') !== (f === 'flag') ? '1' : '0';
    const office = f === 'office' ? '0000' : '4701';
    const seqText = f === 'sequence' ? '000000000' : String(++seq).padStart(9, '0');
    let no = `${office}${year}${flag}${seqText}`;
    if (f === 'numberFormat') no = no.slice(1);
    if (f === 'conflict' && known.length) no = (known[0] as { no: string }).no;
    const total = d.cents.reduce((s, c) => s + c, 0) + (f === 'sum' ? 1 : 0);
    const money = (c: number) => (c / 100).toFixed(2);
    return d.cents.map((c, i) => {
      const head = [
        no,
        f === 'scope' ? other : own,
        d.dir === 'import' ? (i % 2 ? 'import' : '进口') : '出口',
        day,
        f === 'mode' ? '0111' : '0110',
        f === 'country' ? 'XX' : d.country,
        f === 'currency' ? 'US1' : d.currency,
        f === 'amount' ? `${money(total)}1` : money(total),
        f === 'head' && i === 1 ? 'PO-other' : `PO-${no.slice(-4)}`,
        'Buyer 湖北',
      ];
      // Rows of an import mix 进口 and import: the same head only if the file writes it the same way.
      if (d.dir === 'import') head[2] = '进口';
      const line = [
        f === 'lineNo' && i === d.cents.length - 1 ? String(i + 2) : String(i + 1),
        f === 'commodity' ? '850110001' : f === 'chapter' ? '7700000000' : '8501100010',
        f === 'goodsName' && i === 0 ? '' : '微电机',
        f === 'quantity' ? '1.123456' : d.qty,
        '台',
        f === 'lineAmount' && i === 0 ? '0' : money(c),
      ];
      return [...head, ...line].join(',');
    });
  };
  const fileOf = (decls: DeclSpec[]) => Buffer.from(`\uFEFF${[HEADER, ...decls.flatMap(rowsOf)].join('\r\n')}\r\n`);

  const jsCheck = async (body: Buffer, user: SessionUser) => {
    const file = readDeclarationFile(
      readCsv(csvText(body), {
        maxDataRows: TRADE_FILE_MAX_ROWS,
        width: TRADE_FILE_COLUMNS.length + 8,
        maxBytes: 1 << 30,
        maxCellChars: IMPORT_MAX_CELL_CHARS,
      }),
      'zh-CN',
    );
    if (file.issues.length) return { issues: file.issues, ready: [], duplicates: 0 };
    return checkDeclarations({
      db: w.t.deps.db,
      user,
      locale: 'zh-CN',
      today: '2026-11-20',
      declarations: file.declarations,
    });
  };
  let job = 1;
  const fast = (body: Buffer, user: SessionUser = ent) =>
    fastCsvIntake({
      ctx: ctxOf(w.t.deps, user, at),
      jobId: job++,
      body,
      fileName: 'test.csv',
      source: 'enterprise',
    });

  beforeAll(async () => {
    w = await buildFiguresWorld();
    ent = w.enterprises[0]?.[0] as SessionUser;
    const code = async (id: number) =>
      (await w.t.deps.db.select().from(enterprises).where(eq(enterprises.id, id)))[0]?.creditCode as string;
    own = await code(ent.enterpriseId as number);
    other = await code(w.enterprises[2]?.[0]?.enterpriseId as number);
    // Rates for every month of 2026 but May; EUR at an awkward rate so that rounding is exercised.
    const months = Array.from({ length: 12 }, (_, i) => `2026-${String(i + 1).padStart(2, '0')}`).filter(
      (m) => m !== '2026-05',
    );
    await w.t.deps.db
      .insert(exchangeRates)
      .values([
        ...months.map((month) => ({ month, currency: 'USD', cnyPerUnit: '7.123457', setAt: at })),
        ...months.map((month) => ({ month, currency: 'EUR', cnyPerUnit: '7.654321', setAt: at })),
      ]);
  }, 120_000);
  afterAll(async () => {
    await w?.t.close();
  });

  const declArb = (faults: fc.Arbitrary<Fault>) =>
    fc.record({
      fault: faults,
      dir: fc.constantFrom('import', 'export'),
      month: fc.constantFrom(1, 3, 6, 9, 11),
      currency: fc.constantFrom('USD', 'EUR', 'CNY'),
      country: fc.constantFrom('US', 'DE', 'JP', 'SG'),
      cents: fc.array(fc.integer({ min: 1, max: 999_999_999 }), { minLength: 1, maxLength: 4 }),
      qty: fc.constantFrom('1', '2.5', '0', '12345.12345'),
    }) as fc.Arbitrary<DeclSpec>;

  it('takes in what checkDeclarations takes in, with the same amounts to the fen, and nothing else', async () => {
    let taken = 0;
    let refused = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(declArb(fc.oneof({ weight: 6, arbitrary: fc.constant<Fault>('none') }, fc.constantFrom(...FAULTS))), {
          minLength: 1,
          maxLength: 6,
        }),
        async (decls) => {
          const body = fileOf(decls);
          const js = await jsCheck(body, ent);
          const before = await rawRows<{ n: string }>(w.t.deps, sql`select count(*)::text n from trade_declarations`);
          const r = await fast(body);
          // The verdict: the SQL accepts exactly the files the JavaScript path accepts.
          expect(r.kind === 'done', r.kind === 'fallback' ? r.why : '').toBe(js.issues.length === 0);
          if (r.kind !== 'done') {
            const after = await rawRows<{ n: string }>(w.t.deps, sql`select count(*)::text n from trade_declarations`);
            expect(after).toEqual(before);
            refused++;
            return;
          }
          expect(r.result.declarations).toBe(js.ready.length);
          expect(r.result.duplicates).toBe(js.duplicates);
          const got = await rawRows<{ no: string; fen: string; cent: string; lines: string[] }>(
            w.t.deps,
            sql`select d.declaration_no no, d.amount_cny_fen::text fen, d.amount_usd_cent::text cent,
              array_agg(l.amount_cny_fen || '/' || l.amount_usd_cent || '/' || l.quantity::text order by l.line_no) lines
            from trade_declarations d join trade_declaration_lines l on l.declaration_id = d.id
            where d.intake_id = ${r.result.intakeId} group by d.id`,
          );
          const want = js.ready.map((d) => ({
            no: d.declarationNo,
            fen: String(d.cnyFen),
            cent: String(d.usdCent),
            lines: d.lines.map((l, k) => `${d.lineValues[k]?.cnyFen}/${d.lineValues[k]?.usdCent}/${l.quantity}`),
          }));
          const byNo = (a: { no: string }, b: { no: string }) => a.no.localeCompare(b.no);
          expect(got.sort(byNo)).toEqual(want.sort(byNo));
          for (const d of js.ready) known.push({ no: d.declarationNo, line: '' });
          taken++;
        },
      ),
      { numRuns: 40 },
    );
    // Both verdicts were exercised, not only one.
    expect(taken).toBeGreaterThan(5);
    expect(refused).toBeGreaterThan(5);
    expect((await checkFigures(w.t.deps.db)).differences).toEqual([]);
  }, 300_000);

  it('every kind of fault alone sends the file back to the reporting path, which names it', async () => {
    const base: DeclSpec = {
      fault: 'none',
      dir: 'export',
      month: 3,
      currency: 'USD',
      country: 'US',
      cents: [100, 250],
      qty: '1',
    };
    const first = await fast(fileOf([base]));
    expect(first.kind).toBe('done');
    const [last] = await rawRows<{ no: string }>(
      w.t.deps,
      sql`select declaration_no no from trade_declarations order by id desc limit 1`,
    );
    known.unshift({ no: last?.no as string, line: '' });
    for (const fault of FAULTS) {
      const body = fileOf([{ ...base }, { ...base, fault, cents: fault === 'conflict' ? [100, 251] : base.cents }]);
      const js = await jsCheck(body, ent);
      expect(js.issues.length, fault).toBeGreaterThan(0);
      expect((await fast(body)).kind, fault).toBe('fallback');
    }
  }, 120_000);

  it('a file sent twice changes nothing the second time; two at once write it once', async () => {
    const decls: DeclSpec[] = Array.from({ length: 30 }, (_, i) => ({
      fault: 'none',
      dir: i % 3 ? 'export' : 'import',
      month: 1 + (i % 10 === 4 ? 5 : i % 10),
      currency: 'USD',
      country: 'DE',
      cents: [1000 + i, 2000],
      qty: '3',
    }));
    const body = fileOf(decls);
    const count = async () =>
      (
        await rawRows<{ d: string; l: string; f: string }>(
          w.t.deps,
          sql`select (select count(*) from trade_declarations)::text d, (select count(*) from trade_declaration_lines)::text l,
            (select coalesce(sum(amount_cny_fen), 0) from trade_declarations)::text f`,
        )
      )[0];
    const first = await fast(body);
    expect(first.kind === 'done' && first.result.declarations).toBe(30);
    const before = await count();
    const again = await fast(body);
    expect(again.kind === 'done' && [again.result.declarations, again.result.duplicates]).toEqual([0, 30]);
    expect(await count()).toEqual(before);

    const twin = fileOf(decls.map((d) => ({ ...d, cents: [d.cents[0] as number, 7777] })));
    const [a, b] = await Promise.all([fast(twin), fast(twin)]);
    const results = [a, b].map((r) => (r.kind === 'done' ? [r.result.declarations, r.result.duplicates] : r.why));
    expect(results.sort()).toEqual([
      [0, 30],
      [30, 0],
    ]);
    const after = await count();
    expect(Number(after?.d)).toBe(Number(before?.d) + 30);
    expect(Number(after?.l)).toBe(Number(before?.l) + 60);
    expect((await checkFigures(w.t.deps.db)).differences).toEqual([]);
  }, 120_000);

  it('through the file job: out of scope is refused row by row with nothing written; in scope is taken in', async () => {
    const spec: DeclSpec = {
      fault: 'scope',
      dir: 'export',
      month: 6,
      currency: 'EUR',
      country: 'JP',
      cents: [12345],
      qty: '1',
    };
    const run = async (body: Buffer) => {
      const ctx = ctxOf(w.t.deps, ent, at);
      const { job, done } = await startTradeImport({ ctx, body, contentType: 'text/csv', fileName: 'a.csv' });
      await done;
      return getTradeImportJob(ctx, job.id);
    };
    const before = await rawRows<{ n: string }>(w.t.deps, sql`select count(*)::text n from trade_declarations`);
    const refused = await run(fileOf([{ ...spec, fault: 'none' }, spec]));
    expect(refused.status).toBe('failed');
    expect(refused.issues.map((i) => [i.row, i.column])).toEqual([[3, '统一社会信用代码']]);
    expect(await rawRows(w.t.deps, sql`select count(*)::text n from trade_declarations`)).toEqual(before);
    const ok = await run(fileOf([{ ...spec, fault: 'none' }]));
    expect([ok.status, ok.imported]).toEqual(['succeeded', 1]);
    const audit = await rawRows<{ n: string }>(
      w.t.deps,
      sql`select count(*)::text n from audit_entries where action = 'trade.intake' and object_id = ${String(ok.intake?.intakeId)}`,
    );
    expect(audit[0]?.n).toBe('1');
  }, 120_000);

  it('drops the staging tables a dead process left, and keeps those of a running job', async () => {
    const db = w.t.deps.db;
    const job = async (status: 'running' | 'failed') =>
      (
        await rawRows<{ id: number }>(
          w.t.deps,
          sql`insert into import_jobs (kind, user_id, file_name, status, phase, errors, created_at)
            values ('trade', ${ent.id}, 'x.csv', ${status}, 'checking', '[]'::jsonb, now()) returning id`,
        )
      )[0]?.id as number;
    const dead = await job('failed');
    const alive = await job('running');
    await db.execute(sql.raw(`create unlogged table trade_stage_${dead}_999 (r int)`));
    await db.execute(sql.raw(`create unlogged table trade_stage_${dead}_999_l (r int)`));
    await db.execute(sql.raw(`create unlogged table trade_stage_${alive}_999 (r int)`));
    expect(await dropLeftoverTradeStaging(db, 'postgres')).toBe(2);
    const left = await rawRows<{ tablename: string }>(
      w.t.deps,
      sql`select tablename from pg_tables where tablename like 'trade_stage_%' order by tablename`,
    );
    expect(left.map((t) => t.tablename)).toEqual([`trade_stage_${alive}_999`]);
  });
});
