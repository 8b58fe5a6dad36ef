import { isUtf8 } from 'node:buffer';
import { type SQL, sql } from 'drizzle-orm';
import { DAY_MIN } from '../../../contracts/common';
import type { TTradeIntakeResult, TTradeSource } from '../../../contracts/trade';
import { HS_CHAPTERS, TRADE_MODE_CODES, toCountryCode } from '../../../contracts/trade-codes';
import { TRADE_FILE_MAX_ROWS } from '../../../contracts/trade-intake';
import { type RequestContext, SYSTEM_USER_ID } from '../../context';
import { type Db, rowsOf } from '../../db/client';
import { copyFrom, pgClientOf } from '../../db/copy-from';
import { tradeIntakes } from '../../db/schema';
import { tradeEnterpriseScope } from '../../lib/access/scope';
import type { SessionUser } from '../../lib/access/session-user';
import { AppError } from '../../lib/errors';
import { beijingDay } from '../../policy/policy';
import { IMPORT_MAX_CELL_CHARS } from '../enterprise/check-enterprise-file';
import { completeIntake } from './ingest-declarations';
import { type Field, mapHeader } from './read-declaration-file';

/*
 * The PostgreSQL path for a declaration file in CSV (issue 13 target 13.2, decision 0028). The file's bytes go by
 * COPY FROM STDIN into an unlogged staging table of text columns (no row of the file is held in JavaScript); the
 * checks of declaration-rules.ts run set-based in SQL; a clean file is written by `insert … select` with CNY/USD
 * computed as convert() does, and ends like every intake (completeIntake: figures, 有进出口实绩, intake, audit), all
 * in one transaction.
 *
 * The SQL is a gate, not a second report: it accepts only what it can prove the JavaScript checks accept (a strict
 * subset of what a file may write — ISO days, plain decimals, alpha-2 countries, no quotes, no padding). Anything it
 * cannot prove clean (a fault, or a form only the reader normalises) goes back to the one JavaScript path, which
 * writes the row-by-row report or takes the file in. So the report (row, column, reason) has one definition, and
 * test/trade-fast-intake.test.ts checks with random files that whatever the gate accepts, checkDeclarations accepts
 * with the same amounts to the fen.
 */

/** Countries the gate accepts as written: alpha-2 codes that toCountryCode keeps as they are (one source). */
const ALPHA2: string[] = (() => {
  const out: string[] = [];
  for (let a = 65; a <= 90; a++)
    for (let b = 65; b <= 90; b++) {
      const c = String.fromCharCode(a, b);
      if (toCountryCode(c) === c) out.push(c);
    }
  return out;
})();
const CHAPTERS = Object.keys(HS_CHAPTERS);
const MODES: string[] = [...TRADE_MODE_CODES];
/** What String.prototype.trim removes (ECMAScript WhiteSpace and LineTerminator), as a regex class for PostgreSQL. */
const JS_SPACE = '[ \\t\\n\\r\\v\\f\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000\\ufeff]';

export type FastIntakeOutcome =
  | { kind: 'done'; result: TTradeIntakeResult }
  /** Not provably clean (or not a plain UTF-8 CSV): the caller runs the JavaScript path, which reports. */
  | { kind: 'fallback'; why: string };

export interface FastIntakeOptions {
  ctx: RequestContext;
  jobId: number;
  body: Buffer;
  fileName: string | null;
  source: TTradeSource;
  /** Which enterprises the caller may report for; by default the user's trade scope. */
  enterpriseScope?: SQL;
  onPhase?: (p: { total?: number; processed?: number; phase?: 'checking' | 'writing' }) => Promise<void>;
}

/** Only a plain UTF-8 CSV without quotes comes this way; the rest is the reader's (GB 18030, quoted fields). */
function plainCsv(body: Buffer): { header: string[]; data: Buffer } | null {
  if (body.includes(0x22) || body.includes(0) || !isUtf8(body)) return null;
  const start = body[0] === 0xef && body[1] === 0xbb && body[2] === 0xbf ? 3 : 0;
  const nl = body.indexOf(0x0a, start);
  if (nl < 0) return null;
  const header = body
    .subarray(start, nl)
    .toString('utf8')
    .replace(/\r$/, '')
    .split(',')
    .map((h) => h.trim());
  return { header, data: body.subarray(nl + 1) };
}

export async function fastCsvIntake(opts: FastIntakeOptions): Promise<FastIntakeOutcome> {
  const { ctx, body } = opts;
  const db = ctx.deps.db;
  const user = ctx.user as SessionUser;
  if (ctx.deps.dbKind !== 'postgres') return { kind: 'fallback', why: 'PGlite' };
  const csv = plainCsv(body);
  if (!csv) return { kind: 'fallback', why: 'not a plain UTF-8 CSV' };
  // The same header reading as the JavaScript path; its complaints (a missing column) are the reader's to report.
  const { at, missing } = mapHeader(csv.header);
  if (missing.length || csv.header.length > 24) return { kind: 'fallback', why: 'header' };
  const table = `trade_stage_${opts.jobId}_${process.pid}`;
  // Where the time goes, for the bench (TRADE_INTAKE_TIMINGS=1 writes one line to stderr at the end).
  const steps: [string, number][] = [];
  let t0 = performance.now();
  const step = (name: string) => {
    const t = performance.now();
    steps.push([name, Math.round(t - t0)]);
    t0 = t;
  };
  const cols = csv.header.map((_, i) => `c${i}`);
  try {
    try {
      await db.execute(
        sql.raw(
          `create unlogged table ${table} (r bigint generated always as identity, ${cols
            .map((c) => `${c} text`)
            .join(', ')})`,
        ),
      );
      // Zero-copy 1 MB slices of the body: the rows exist only in PostgreSQL.
      const chunks: Buffer[] = [];
      for (let i = 0; i < csv.data.length; i += 1 << 20) chunks.push(csv.data.subarray(i, i + (1 << 20)));
      await db.transaction(async (tx) => {
        await copyFrom(pgClientOf(tx), table, cols, chunks, 'format csv');
      });
      step('copy');
    } catch {
      // A row of another width, a blank line, mixed line ends: the reader decides what the file says.
      return { kind: 'fallback', why: 'COPY refused the file' };
    }
    const f = (field: Field) => {
      const i = at.get(field);
      return sql.raw(i === undefined ? `''` : `coalesce(c${i}, '')`);
    };
    const stage = sql.raw(table);
    const today = beijingDay(ctx.deps.clock());

    // 1. Every row alone: the checks of checkDeclaration and the reader's shape (Zod) restated on text.
    const rowChecks = rowsOf<{ rows: string; bad: string }>(
      await db.execute(sql`
      select count(*)::text as rows, count(*) filter (where not (${rowOk(f, today, cols)}))::text as bad
      from ${stage}`),
    )[0];
    step('row checks');
    const rows = Number(rowChecks?.rows ?? 0);
    await opts.onPhase?.({ total: rows });
    if (rows === 0 || rows > TRADE_FILE_MAX_ROWS) return { kind: 'fallback', why: 'row count' };
    if (Number(rowChecks?.bad) > 0) return { kind: 'fallback', why: `${rowChecks?.bad} rows not provably clean` };

    // 2. Declarations: one head, lines numbered and adding up, the enterprise in scope, the month's rates, and what
    //    is already on the platform (same content: a duplicate; other content: refused).
    const scope = opts.enterpriseScope ?? tradeEnterpriseScope(user);
    // Each line once, with its number in the declaration and its CNY fen and USD cents as convert() computes them
    // (integer arithmetic on numeric, rounded half up: div(2a + b, 2b)); null where the month's rate is missing.
    await db.execute(sql`
      create unlogged table ${sql.raw(`${table}_l`)} as
      select s.*, k.cny, div(k.cny * 2000000 + s.usd_u, s.usd_u * 2) as usd
      from (
        select ${f('declarationNo')} as no, upper(${f('enterpriseCreditCode')}) as credit,
          ${f('enterpriseCreditCode')} as raw_credit, ${f('direction')} as raw_dir,
          case when lower(${f('direction')}) in ('进口', 'import', 'i') then 'import' else 'export' end as dir,
          ${f('declaredOn')} as day, ${f('tradeMode')} as mode, ${f('country')} as country,
          ${f('currency')} as currency, ${f('amount')} as amount, ${f('orderNo')} as order_no,
          ${f('foreignCustomer')} as customer, ${f('lineNo')} as line_text,
          row_number() over (partition by ${f('declarationNo')} order by r) as line_no,
          ${f('commodityCode')} as code, ${f('goodsName')} as name, ${f('quantity')}::numeric as qty,
          ${f('unit')} as unit, ${f('lineAmount')}::numeric as line_amount,
          case when ${f('currency')} = 'CNY' then 1000000 else x.cny_per_unit * 1000000 end as rate_u,
          u.cny_per_unit * 1000000 as usd_u
        from ${stage}
        left join exchange_rates x on x.month = substr(${f('declaredOn')}, 1, 7) and trim(x.currency) = ${f('currency')}
        left join exchange_rates u on u.month = substr(${f('declaredOn')}, 1, 7) and u.currency = 'USD'
      ) s
      cross join lateral (select div(s.line_amount * 100 * s.rate_u * 2 + 1000000, 2000000) as cny) k`);
    await db.execute(sql.raw(`analyze ${table}_l`));
    step('lines staged');
    await db.execute(sql`
      create unlogged table ${sql.raw(`${table}_d`)} as
      select no, min(credit) as credit, min(dir) as dir, min(day) as day, min(mode) as mode,
        min(country) as country, min(currency) as currency, min(amount)::numeric as amount,
        nullif(min(order_no), '') as order_no, nullif(min(customer), '') as customer, count(*)::int as line_count,
        count(distinct (raw_credit, raw_dir, day, mode, country, currency, amount, order_no, customer)) = 1 as one_head,
        ${at.has('lineNo') ? sql`bool_and(line_text = line_no::text)` : sql`true`} as numbered,
        sum(line_amount) as line_sum, bool_and(rate_u is not null) as has_rate, bool_and(usd_u is not null) as has_usd,
        sum(cny) as cny, sum(usd) as usd
      from ${sql.raw(`${table}_l`)} group by no`);
    await db.execute(sql.raw(`analyze ${table}_d`));
    step('declarations staged');
    const d = sql.raw(`${table}_d`);
    const [check] = rowsOf<Record<string, string>>(
      await db.execute(sql`
      with d as (
        select d.*, enterprises.id as ent,
          t.declaration_no is not null as known,
          (t.enterprise_id = enterprises.id and t.direction = d.dir and t.declared_on = d.day::date
            and trim(t.currency) = d.currency and t.amount = d.amount and t.line_count = d.line_count) as same
        from ${d} d
        left join enterprises on enterprises.credit_code = d.credit and enterprises.status = 'approved' and ${scope}
        left join trade_declarations t on t.declaration_no = d.no
      )
      select count(*)::text as declarations,
        count(*) filter (where not one_head or not numbered or line_count > 500 or line_sum <> amount)::text as shape,
        count(*) filter (where ent is null)::text as enterprise,
        count(*) filter (where ent is not null and not (has_rate and has_usd))::text as rate,
        count(*) filter (where ent is not null and has_rate and has_usd and known and not same)::text as conflict,
        count(*) filter (where ent is not null and has_rate and has_usd and known and same)::text as duplicates
      from d`),
    );
    step('declaration checks');
    const faults = ['shape', 'enterprise', 'rate', 'conflict'].filter((k) => Number(check?.[k]) > 0);
    if (faults.length) return { kind: 'fallback', why: faults.map((k) => `${k} ${check?.[k]}`).join(', ') };
    const declarations = Number(check?.declarations);

    // 3. The write: one transaction, as ingestDeclarations.
    await opts.onPhase?.({ processed: rows, phase: 'writing' });
    const now = ctx.deps.clock();
    const userId = user.id === SYSTEM_USER_ID ? null : user.id;
    return {
      kind: 'done',
      result: await db.transaction(async (tx) => {
        const [row] = await tx
          .insert(tradeIntakes)
          .values({
            source: opts.source,
            channel: 'file',
            userId,
            fileName: opts.fileName,
            createdAt: now,
            finishedAt: now,
            status: 'running',
          })
          .returning({ id: tradeIntakes.id });
        const written = await writeStaged(tx, {
          l: sql.raw(`${table}_l`),
          d,
          intakeId: row.id,
          source: opts.source,
          userId,
          now,
        });
        step('write');
        const duplicates = declarations - written.declarations;
        if (duplicates > 0) {
          // Known before the check, or written by another intake since (two imports of one file at once): the same
          // content only, as writeDeclarations decides.
          const [c] = rowsOf<{ n: string; no: string }>(
            await tx.execute(sql`
            select count(*)::text as n, min(d.no) as no from ${d} d
            join enterprises e on e.credit_code = d.credit and e.status = 'approved'
            join trade_declarations t on t.declaration_no = d.no and t.intake_id is distinct from ${row.id}
            where not (t.enterprise_id = e.id and t.direction = d.dir and t.declared_on = d.day::date
              and trim(t.currency) = d.currency and t.amount = d.amount and t.line_count = d.line_count)`),
          );
          if (Number(c?.n) > 0) throw new AppError('TRADE_DECLARATION_CONFLICT', { declarationNo: c?.no });
        }
        return completeIntake(tx, ctx, row.id, {
          source: opts.source,
          channel: 'file',
          fileName: opts.fileName,
          now,
          declarations: written.declarations,
          lines: written.lines,
          duplicates,
        });
      }),
    };
  } finally {
    await db.execute(sql.raw(`drop table if exists ${table}, ${table}_l, ${table}_d`)).catch(() => {});
    step('end (figures, 有进出口实绩, audit, commit, drop)');
    if (process.env.TRADE_INTAKE_TIMINGS === '1')
      process.stderr.write(`fast intake ms: ${steps.map(([n, ms]) => `${n} ${ms}`).join(', ')}\n`);
  }
}

/** A row the JavaScript checks certainly accept (every cell unpadded and within the reader's bounds). */
function rowOk(f: (field: Field) => SQL, today: string, cols: string[]): SQL {
  const num = (v: SQL, scale: number) => sql`${v} ~ ${`^\\d{1,14}(\\.\\d{1,${scale}})?$`}`;
  const text16 = (v: SQL, min: number, max: number) =>
    // UTF-16 length as JavaScript counts it (a character beyond the BMP counts twice): bounded conservatively.
    sql`(char_length(${v}) between ${min} and ${max} and (char_length(${v}) * 2 <= ${max}
      or ${v} !~ '[\\U00010000-\\U0010FFFF]'))`;
  const no = f('declarationNo');
  const day = f('declaredOn');
  const dir = f('direction');
  return sql.join(
    [
      // Art. 5(十三): the declaration number's four parts (declaration-rules.ts checkDeclaration).
      sql`${no} ~ '^\\d{18}$' and substr(${no}, 1, 4) <> '0000' and substr(${no}, 10) <> '000000000'`,
      sql`(${dir} in ('进口', '出口') or lower(${dir}) in ('import', 'export', 'i', 'e'))`,
      sql`substr(${no}, 9, 1) = case when lower(${dir}) in ('进口', 'import', 'i') then '1' else '0' end`,
      sql`${day} ~ '^\\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\\d|3[01])$' and ${day} >= ${DAY_MIN} and ${day} <= ${today}`,
      sql`case when ${day} ~ '^\\d{4}-(0[1-9]|1[0-2])-' and ${day} >= ${DAY_MIN} then substr(${day}, 9, 2) <= to_char((substr(${day}, 1, 7)
        || '-01')::date + interval '1 month' - interval '1 day', 'DD') else false end`,
      sql`substr(${no}, 5, 4) = substr(${day}, 1, 4)`,
      sql`${f('tradeMode')} = any(${sql.param(MODES)}::text[])`,
      sql`${f('country')} = any(${sql.param(ALPHA2)}::text[])`,
      sql`${f('currency')} ~ '^[A-Z]{3}$'`,
      sql`case when ${num(f('amount'), 2)} then ${f('amount')}::numeric > 0 else false end`,
      sql`${f('enterpriseCreditCode')} ~ '^[0-9A-Za-z]{1,24}$'`,
      text16(f('orderNo'), 0, 64),
      text16(f('foreignCustomer'), 0, 200),
      sql`${f('lineNo')} ~ '^(\\d{1,3})?$'`,
      sql`${f('commodityCode')} ~ '^\\d{10}$' and substr(${f('commodityCode')}, 1, 2) = any(${sql.param(CHAPTERS)}::text[])`,
      text16(f('goodsName'), 1, 200),
      text16(f('unit'), 1, 20),
      num(f('quantity'), 5),
      sql`case when ${num(f('lineAmount'), 2)} then ${f('lineAmount')}::numeric > 0 else false end`,
      // No padding the reader would trim, and every cell within its bound (bytes ≥ UTF-16 units).
      ...cols.map(
        (c) =>
          sql`coalesce(octet_length(${sql.raw(c)}) <= ${IMPORT_MAX_CELL_CHARS} and ${sql.raw(c)} !~ ${`^${JS_SPACE}|${JS_SPACE}$`}, true)`,
      ),
    ],
    sql` and `,
  );
}

/** Insert the staged declarations (their CNY/USD the sums of their lines') and then their lines. */
async function writeStaged(
  tx: Db,
  o: { l: SQL; d: SQL; intakeId: number; source: string; userId: number | null; now: Date },
): Promise<{ declarations: number; lines: number }> {
  await tx.execute(sql.raw("set local work_mem = '64MB'"));
  const inserted = rowsOf<{ n: string }>(
    await tx.execute(sql`
    with ins as (
      insert into trade_declarations (declaration_no, enterprise_id, city_code, county_code, park_id, direction,
        declared_on, month, trade_mode, country, currency, amount, amount_cny_fen, amount_usd_cent, line_count,
        order_no, foreign_customer, source, intake_id, created_by, created_at, is_demo)
      select d.no, e.id, e.city_code, e.county_code, e.park_id, d.dir, d.day::date, substr(d.day, 1, 7), d.mode,
        d.country, d.currency, d.amount, d.cny, d.usd, d.line_count, d.order_no, d.customer, ${o.source},
        ${o.intakeId}, ${o.userId}::int, ${o.now}::timestamptz, false
      from ${o.d} d join enterprises e on e.credit_code = d.credit and e.status = 'approved'
      where not exists (select 1 from trade_declarations t where t.declaration_no = d.no)
      on conflict (declaration_no) do nothing
      returning 1)
    select count(*)::text as n from ins`),
  )[0];
  const lineRows = rowsOf<{ n: string }>(
    await tx.execute(sql`
    with ins as (
      insert into trade_declaration_lines (declaration_id, line_no, enterprise_id, commodity_code, hs_chapter,
        goods_name, quantity, unit, amount, amount_cny_fen, amount_usd_cent)
      select t.id, l.line_no, t.enterprise_id, l.code, substr(l.code, 1, 2), l.name, l.qty, l.unit, l.line_amount,
        l.cny, l.usd
      from ${o.l} l join trade_declarations t on t.declaration_no = l.no and t.intake_id = ${o.intakeId}
      returning 1)
    select count(*)::text as n from ins`),
  )[0];
  return { declarations: Number(inserted?.n ?? 0), lines: Number(lineRows?.n ?? 0) };
}

/**
 * Staging tables of jobs that no longer run. A job drops its own when it ends; a process that died mid-job leaves
 * them (they are unlogged working data, never read by anyone else). Housekeeping and start-up drop them: those of a
 * running job (another instance's, on PostgreSQL) stay. Answers how many tables were dropped.
 */
export async function dropLeftoverTradeStaging(db: Db, dbKind: 'pglite' | 'postgres'): Promise<number> {
  if (dbKind !== 'postgres') return 0;
  const tables = rowsOf<{ name: string; job: number }>(
    await db.execute(sql`select t.tablename as name, split_part(t.tablename, '_', 3)::int as job
      from pg_tables t where t.schemaname = current_schema() and t.tablename ~ '^trade_stage_[0-9]+_[0-9]+(_l|_d)?$'
        and not exists (select 1 from import_jobs j
          where j.id = split_part(t.tablename, '_', 3)::int and j.status = 'running')`),
  );
  for (const t of tables) await db.execute(sql.raw(`drop table if exists "${t.name.replace(/"/g, '')}"`));
  return tables.length;
}
