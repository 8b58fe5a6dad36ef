import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { sql } from 'drizzle-orm';
import { rowsOf } from '../src/server/db/client';
import type { FnResult } from './harness';
import type { BenchContext } from './scenarios';

/*
 * Issue 13's intake target: a declaration file of BENCH_TRADE_LINES commodity lines (1,000,000 by default) through
 * the real intake path — POST /api/trade/imports to the running app, the background job reading the CSV, grouping
 * rows into declarations, checking every one (format, codes, enterprise in the caller's scope, the month's rates,
 * duplicates) and writing them all or none — against a raw `COPY … FROM STDIN` (psql \copy) of the same file into a
 * scratch table of text columns, in the same run. PostgreSQL only. The file holds valid declarations for the approved
 * demo enterprises of one county, reported by that county's account.
 */

const run = promisify(execFile);
const HEADER =
  '报关单号,统一社会信用代码,进出口,申报日期,贸易方式,贸易国（地区）,币制,总价,订单号,境外客户,项号,商品编号,商品名称,数量,计量单位,金额';
const GOODS = [
  ['8501100010', '微电机', '台'],
  ['6109100021', '棉制T恤衫', '件'],
  ['8479899990', '工业机器人', '台'],
  ['2008999000', '藕粉', '千克'],
  ['9503002100', '玩具', '个'],
];
const COUNTRIES = ['US', 'DE', 'JP', 'SG', 'AU', 'GB', 'KR', 'VN'];

/** Write the file: declarations of 1–4 lines, numbers unique to this run (its customs office code), 2025–2026. */
function writeDeclarationFile(file: string, lines: number, codes: string[], office: string): { declarations: number } {
  const fd = fs.openSync(file, 'w');
  let buf = `${HEADER}\n`;
  let written = 0;
  let n = 0;
  while (written < lines) {
    n++;
    const k = Math.min(1 + (n % 4), lines - written);
    const dir = n % 5 === 0 ? 'import' : 'export';
    const year = n % 2 ? 2025 : 2026;
    const month = 1 + (n % 10);
    const day = `${year}-${String(month).padStart(2, '0')}-${String(1 + (n % 28)).padStart(2, '0')}`;
    const no = `${office}${year}${dir === 'import' ? '1' : '0'}${String(n).padStart(9, '0')}`;
    const amounts = Array.from({ length: k }, (_, i) => 100 + ((n * 7 + i * 13) % 9000) + 0.25 * (i % 4));
    const total = amounts.reduce((s, a) => s + Math.round(a * 100), 0) / 100;
    const head = `${no},${codes[n % codes.length]},${dir === 'import' ? '进口' : '出口'},${day},0110,${COUNTRIES[n % COUNTRIES.length]},USD,${total.toFixed(2)},PO-${n},Buyer ${n % 97}`;
    for (let i = 0; i < k; i++) {
      const g = GOODS[(n + i) % GOODS.length] as string[];
      buf += `${head},${i + 1},${g[0]},${g[1]},${1 + i},${g[2]},${(amounts[i] as number).toFixed(2)}\n`;
    }
    written += k;
    if (buf.length > 1 << 20) {
      fs.writeSync(fd, buf);
      buf = '';
    }
  }
  fs.writeSync(fd, buf);
  fs.closeSync(fd);
  return { declarations: n };
}

export interface TradeImportResult {
  lines: number;
  declarations: number;
  fileMB: number;
  copySeconds: number;
  intakeSeconds: number;
  /** copy seconds / intake seconds: the target is ≥ 0.5. */
  ratio: number;
  /** The copied rows written into trade_declarations and trade_declaration_lines and nothing else (rolled back). */
  storeSeconds: number;
  /** copy / (copy + store): the best ratio any intake that stores the rows in the platform's tables could reach. */
  floorRatio: number;
  status: string;
  written: number;
}

export async function tradeImportVsCopy(ctx: BenchContext): Promise<FnResult> {
  const { app, db, databaseUrl } = ctx;
  if (!app || !db || !databaseUrl) return { skipped: 'measured on PostgreSQL with the app running' };
  const lines = Number(process.env.BENCH_TRADE_LINES || 1_000_000);
  const log = (s: string) => process.stderr.write(`${s}\n`);

  // The county with the most approved demo enterprises reports for them all (its scope).
  const [county] = rowsOf<{ county_code: string }>(
    await db.execute(sql`select county_code from enterprises where status = 'approved'
      group by county_code order by count(*) desc, county_code limit 1`),
  );
  if (!county) return { skipped: 'no approved enterprises' };
  const codes = rowsOf<{ credit_code: string }>(
    await db.execute(sql`select credit_code from enterprises where status = 'approved'
      and county_code = ${county.county_code} order by id`),
  ).map((r) => r.credit_code);
  // The months' USD rates (the file is all in USD), kept if set.
  await db.execute(sql`insert into exchange_rates (month, currency, cny_per_unit, set_at)
    select to_char(m, 'YYYY-MM'), 'USD', 7.1, now() from generate_series('2025-01-01'::date, '2026-12-01', '1 month') m
    on conflict do nothing`);

  const office = String(4000 + Math.floor(Math.random() * 5000));
  const file = path.join(os.tmpdir(), `trade-bench-${process.pid}-${office}.csv`);
  const t0 = performance.now();
  const { declarations } = writeDeclarationFile(file, lines, codes, office);
  const fileMB = fs.statSync(file).size / 1024 / 1024;
  log(
    `  trade file: ${lines.toLocaleString('en')} lines, ${declarations.toLocaleString('en')} declarations, ${fileMB.toFixed(0)} MB in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
  );
  try {
    // Raw COPY FROM STDIN of the same file into a scratch table (psql \copy streams it over the connection).
    await db.execute(
      sql.raw(`drop table if exists trade_copy_scratch;
      create unlogged table trade_copy_scratch (${HEADER.split(',')
        .map((_, i) => `c${i} text`)
        .join(', ')})`),
    );
    const c0 = performance.now();
    await run('psql', [
      databaseUrl,
      '-v',
      'ON_ERROR_STOP=1',
      '-c',
      `\\copy trade_copy_scratch from '${file}' with (format csv, header true)`,
    ]);
    const copySeconds = (performance.now() - c0) / 1000;
    log(`  raw COPY: ${copySeconds.toFixed(2)} s`);
    const storeSeconds = await storeOnlyFloor(db);
    await db.execute(sql`drop table trade_copy_scratch`);
    const floorRatio = copySeconds / (copySeconds + storeSeconds);
    log(
      `  store-only floor: the copied rows into the platform's two tables ${storeSeconds.toFixed(2)} s (rolled back); COPY ÷ (COPY + that) = ${floorRatio.toFixed(3)}`,
    );

    // The real intake path through the API.
    const headers = await ctx.headers({ username: `county.${county.county_code}` });
    const body = fs.readFileSync(file);
    const i0 = performance.now();
    const res = await fetch(`${app.base}/api/trade/imports`, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'text/csv', 'x-file-name': 'bench.csv' },
      body,
    });
    if (res.status !== 202) throw new Error(`import refused: ${res.status} ${await res.text()}`);
    const { id } = (await res.json()) as { id: number };
    let job: { status: string; imported: number; issues: unknown[] };
    for (;;) {
      await new Promise((r) => setTimeout(r, 250));
      const poll = await fetch(`${app.base}/api/trade/imports/${id}`, { headers });
      job = (await poll.json()) as typeof job;
      if (job.status !== 'running') break;
    }
    const intakeSeconds = (performance.now() - i0) / 1000;
    const r: TradeImportResult = {
      lines,
      declarations,
      fileMB: Number(fileMB.toFixed(1)),
      copySeconds: Number(copySeconds.toFixed(2)),
      intakeSeconds: Number(intakeSeconds.toFixed(2)),
      ratio: Number((copySeconds / intakeSeconds).toFixed(3)),
      storeSeconds: Number(storeSeconds.toFixed(2)),
      floorRatio: Number(floorRatio.toFixed(3)),
      status: job.status,
      written: job.imported,
    };
    if (job.status !== 'succeeded') log(`  intake ${job.status}: ${JSON.stringify(job.issues.slice(0, 3))}`);
    return {
      value: { n: r.ratio, unit: '× COPY' },
      note: `trade intake: ${lines.toLocaleString('en')} lines (${declarations.toLocaleString('en')} declarations, ${r.fileMB} MB) ${job.status} in ${r.intakeSeconds} s through POST /api/trade/imports; raw COPY FROM STDIN of the same file ${r.copySeconds} s; ratio ${r.ratio} (target ≥ 0.5); the store-only floor (the same rows into the two tables, no checks, no figures, no audit) ${r.storeSeconds} s, so no intake that stores them can pass ${r.floorRatio}`,
      extra: { tradeImport: r },
    };
  } finally {
    fs.rmSync(file, { force: true });
  }
}

/**
 * The floor under any intake (docs/performance.md, 13.2): the rows COPY just wrote into the scratch table, put into
 * the platform's two tables as the intake's final write does — declarations grouped from their lines and joined to
 * their enterprise, then the lines joined to their new declarations — with no check, rate, figure or audit entry, in
 * a transaction rolled back afterwards. An intake must at least read the file (the COPY) and do this.
 */
async function storeOnlyFloor(db: BenchContext['db'] & object): Promise<number> {
  const t0 = performance.now();
  await db
    .transaction(async (tx) => {
      await tx.execute(sql`insert into trade_declarations (declaration_no, enterprise_id, city_code, county_code,
          park_id, direction, declared_on, month, trade_mode, country, currency, amount, amount_cny_fen,
          amount_usd_cent, line_count, order_no, foreign_customer, source, created_at)
        select d.c0, e.id, e.city_code, e.county_code, e.park_id,
          case d.c2 when '进口' then 'import' else 'export' end, d.c3::date, substr(d.c3, 1, 7), d.c4, d.c5, d.c6,
          d.c7::numeric, round(d.c7::numeric * 710), round(d.c7::numeric * 100), d.n, d.c8, d.c9, 'file', now()
        from (select c0, c1, c2, c3, c4, c5, c6, c7, c8, c9, count(*)::int as n from trade_copy_scratch
              group by c0, c1, c2, c3, c4, c5, c6, c7, c8, c9) d
        join enterprises e on e.credit_code = d.c1`);
      await tx.execute(sql`insert into trade_declaration_lines (declaration_id, line_no, enterprise_id,
          commodity_code, hs_chapter, goods_name, quantity, unit, amount, amount_cny_fen, amount_usd_cent)
        select t.id, s.c10::smallint, t.enterprise_id, s.c11, substr(s.c11, 1, 2), s.c12, s.c13::numeric, s.c14,
          s.c15::numeric, round(s.c15::numeric * 710), round(s.c15::numeric * 100)
        from trade_copy_scratch s join trade_declarations t on t.declaration_no = s.c0`);
      throw new Rollback();
    })
    .catch((e) => {
      if (!(e instanceof Rollback)) throw e;
    });
  return (performance.now() - t0) / 1000;
}

class Rollback extends Error {}
