import { and, eq, inArray, type SQL, sql } from 'drizzle-orm';
import type { TLocale } from '../../../contracts/common';
import type { TTradeDeclarationInput, TTradeIntakeResult, TTradeIssue, TTradeSource } from '../../../contracts/trade';
import { auditContext, type RequestContext, SYSTEM_USER_ID } from '../../context';
import { type Db, rowsOf } from '../../db/client';
import { enterprises, exchangeRates, tradeDeclarationLines, tradeDeclarations, tradeIntakes } from '../../db/schema';
import { tradeEnterpriseScope } from '../../lib/access/scope';
import type { SessionUser } from '../../lib/access/session-user';
import { writeAudit } from '../../lib/audit';
import { AppError } from '../../lib/errors';
import { beijingDay } from '../../policy/policy';
import { addTradeFigures } from '../figures';
import {
  type CheckedDeclaration,
  checkDeclaration,
  convert,
  formatDecimal,
  rateUnits,
  tradeReason,
} from './declaration-rules';

/*
 * The one path every declaration takes onto the platform (issue 13): a file, the JSON bulk API and the exchanges
 * with 单一窗口 and 楚贸通 all turn their input into TTradeDeclarationInput and come here. checkDeclarations finds
 * every problem of the whole batch (nothing is written while any remains: an intake is all or nothing);
 * writeDeclarations writes a checked batch in the caller's transaction. A declaration already on the platform with the
 * same content is a duplicate, counted once; with other content it is refused (the number is the customs' own key).
 */

/** A declaration ready to write: checked, its enterprise found in scope, its CNY and USD values computed. */
export interface ReadyDeclaration extends CheckedDeclaration {
  enterpriseId: number;
  cityCode: string;
  countyCode: string;
  parkId: number | null;
  cnyFen: bigint;
  usdCent: bigint;
  lineValues: { cnyFen: bigint; usdCent: bigint }[];
}

export interface CheckedBatch {
  ready: ReadyDeclaration[];
  /** Already on the platform with the same content: not written again. */
  duplicates: number;
  issues: TTradeIssue[];
}

export interface CheckDeclarationsOptions {
  db: Db;
  user: SessionUser;
  locale: TLocale;
  today: string;
  declarations: TTradeDeclarationInput[];
  /** Which enterprises the caller may report for; by default the user's trade scope. The platform's own runs pass all. */
  enterpriseScope?: SQL;
  /** Told how many declarations are checked, every few thousand (a file job's progress bar). */
  onProgress?: (checked: number) => Promise<void>;
}

export async function checkDeclarations(opts: CheckDeclarationsOptions): Promise<CheckedBatch> {
  const { db, locale } = opts;
  const issues: TTradeIssue[] = [];
  const checked: CheckedDeclaration[] = [];
  const firstIndex = new Map<string, number>();
  for (const [index, input] of opts.declarations.entries()) {
    // A large file's checks take seconds of CPU: let other requests in every few thousand (PGlite shares the loop).
    if (index > 0 && index % 5000 === 0) {
      await opts.onProgress?.(index);
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
    const r = checkDeclaration(input, index, locale, opts.today);
    if (!r.ok) {
      issues.push(...r.issues);
      continue;
    }
    const first = firstIndex.get(r.value.declarationNo);
    if (first !== undefined) {
      issues.push({
        index,
        field: 'declarationNo',
        reason: tradeReason('duplicateInBatch', locale, { value: r.value.declarationNo, first: first + 1 }),
      });
      continue;
    }
    firstIndex.set(r.value.declarationNo, index);
    checked.push(r.value);
  }

  const codes = [...new Set(checked.map((d) => d.enterpriseCreditCode))];
  const found = codes.length
    ? await db
        .select({
          id: enterprises.id,
          creditCode: enterprises.creditCode,
          cityCode: enterprises.cityCode,
          countyCode: enterprises.countyCode,
          parkId: enterprises.parkId,
        })
        .from(enterprises)
        .where(
          and(
            inArray(enterprises.creditCode, codes),
            eq(enterprises.status, 'approved'),
            opts.enterpriseScope ?? tradeEnterpriseScope(opts.user),
          ),
        )
    : [];
  const byCode = new Map(found.map((e) => [e.creditCode, e]));

  const months = [...new Set(checked.map((d) => d.month))];
  const rateRows = months.length
    ? await db.select().from(exchangeRates).where(inArray(exchangeRates.month, months))
    : [];
  const rates = new Map(rateRows.map((r) => [`${r.month} ${r.currency.trim()}`, rateUnits(r.cnyPerUnit)]));
  const rateOf = (month: string, currency: string) =>
    currency === 'CNY' ? 1_000_000n : rates.get(`${month} ${currency}`);

  const nos = checked.map((d) => d.declarationNo);
  const existing = new Map<string, ExistingDeclaration>();
  for (let i = 0; i < nos.length; i += 5000) {
    for (const e of await existingDeclarations(db, nos.slice(i, i + 5000))) existing.set(e.declarationNo, e);
  }

  const ready: ReadyDeclaration[] = [];
  let duplicates = 0;
  for (const d of checked) {
    const ent = byCode.get(d.enterpriseCreditCode);
    if (!ent) {
      issues.push({
        index: d.index,
        field: 'enterpriseCreditCode',
        reason: tradeReason('enterprise', locale, { value: d.enterpriseCreditCode }),
      });
      continue;
    }
    const rate = rateOf(d.month, d.currency);
    const usd = rateOf(d.month, 'USD');
    if (!rate || !usd) {
      issues.push({
        index: d.index,
        field: 'currency',
        reason: tradeReason('rateMissing', locale, { month: d.month, currency: rate ? 'USD' : d.currency }),
      });
      continue;
    }
    const prior = existing.get(d.declarationNo);
    if (prior) {
      if (sameDeclaration(prior, d, ent.id)) duplicates++;
      else
        issues.push({
          index: d.index,
          field: 'declarationNo',
          reason: tradeReason('conflict', locale, { value: d.declarationNo }),
        });
      continue;
    }
    const lineValues = d.lines.map((l) => convert(l.amountCents, rate, usd));
    ready.push({
      ...d,
      enterpriseId: ent.id,
      cityCode: ent.cityCode,
      countyCode: ent.countyCode,
      parkId: ent.parkId,
      lineValues,
      cnyFen: lineValues.reduce((s, v) => s + v.cnyFen, 0n),
      usdCent: lineValues.reduce((s, v) => s + v.usdCent, 0n),
    });
  }
  issues.sort((a, b) => a.index - b.index || (a.line ?? 0) - (b.line ?? 0));
  await opts.onProgress?.(opts.declarations.length);
  return { ready, duplicates, issues };
}

interface ExistingDeclaration {
  declarationNo: string;
  enterpriseId: number;
  direction: string;
  declaredOn: string;
  currency: string;
  amount: string;
  lineCount: number;
}

async function existingDeclarations(db: Db, nos: string[]): Promise<ExistingDeclaration[]> {
  if (nos.length === 0) return [];
  // One array parameter (not one parameter per number): served by the unique index on the number.
  return db
    .select({
      declarationNo: tradeDeclarations.declarationNo,
      enterpriseId: tradeDeclarations.enterpriseId,
      direction: tradeDeclarations.direction,
      declaredOn: tradeDeclarations.declaredOn,
      currency: tradeDeclarations.currency,
      amount: tradeDeclarations.amount,
      lineCount: tradeDeclarations.lineCount,
    })
    .from(tradeDeclarations)
    .where(sql`${tradeDeclarations.declarationNo} = any(${sql.param(nos)}::bpchar[])`);
}

/** The same declaration sent again: same enterprise, direction, day, currency, total and number of lines. */
function sameDeclaration(prior: ExistingDeclaration, d: CheckedDeclaration, enterpriseId: number): boolean {
  return (
    prior.enterpriseId === enterpriseId &&
    prior.direction === d.direction &&
    prior.declaredOn === d.declaredOn &&
    prior.currency === d.currency &&
    prior.amount === formatDecimal(d.amountCents, 2) &&
    prior.lineCount === d.lines.length
  );
}

export interface WriteDeclarationsOptions {
  source: TTradeSource;
  intakeId: number;
  createdBy: number | null;
  now: Date;
  isDemo?: boolean;
}

/**
 * Write a checked batch in the caller's transaction. A declaration that another intake wrote since the check (two
 * intakes of one file at once) is a duplicate when its content is the same; otherwise the whole batch is refused.
 * Returns what was written and the enterprises whose 有进出口实绩 / first-trade date moved (for the audit entry).
 */
export async function writeDeclarations(
  tx: Db,
  batch: ReadyDeclaration[],
  opts: WriteDeclarationsOptions,
): Promise<{ declarations: number; lines: number; lateDuplicates: number; ids: number[] }> {
  let written = 0;
  let lines = 0;
  let lateDuplicates = 0;
  const ids: number[] = [];
  // One statement per few thousand declarations, its columns as arrays (`unnest`): some twenty parameters whatever
  // the size, so neither the driver nor PostgreSQL parses a statement of tens of thousands of parameters, and the
  // JavaScript side builds no SQL per row (issue 13's intake target: a million lines near the speed of COPY).
  for (let i = 0; i < batch.length; i += WRITE_CHUNK) {
    const chunk = batch.slice(i, i + WRITE_CHUNK);
    const col = <T>(f: (d: ReadyDeclaration) => T) => chunk.map(f);
    const inserted = rowsOf<{ id: string | number; declaration_no: string }>(
      await tx.execute(sql`
        insert into ${tradeDeclarations} (declaration_no, enterprise_id, city_code, county_code, park_id, direction,
          declared_on, month, trade_mode, country, currency, amount, amount_cny_fen, amount_usd_cent, line_count,
          order_no, foreign_customer, source, intake_id, created_by, created_at, is_demo)
        select no, ent, city, county, park, dir, day::date, month, mode, country, currency, amount::numeric,
          cny::bigint, usd::bigint, line_count, order_no, customer, ${opts.source}, ${opts.intakeId},
          ${opts.createdBy}::int, ${opts.now}::timestamptz, ${opts.isDemo ?? false}
        from unnest(${sql.param(col((d) => d.declarationNo))}::text[], ${sql.param(col((d) => d.enterpriseId))}::int[],
          ${sql.param(col((d) => d.cityCode))}::text[], ${sql.param(col((d) => d.countyCode))}::text[], ${sql.param(col((d) => d.parkId))}::int[],
          ${sql.param(col((d) => d.direction))}::text[], ${sql.param(col((d) => d.declaredOn))}::text[], ${sql.param(col((d) => d.month))}::text[],
          ${sql.param(col((d) => d.tradeMode))}::text[], ${sql.param(col((d) => d.country))}::text[], ${sql.param(col((d) => d.currency))}::text[],
          ${sql.param(col((d) => formatDecimal(d.amountCents, 2)))}::text[], ${sql.param(col((d) => String(d.cnyFen)))}::text[],
          ${sql.param(col((d) => String(d.usdCent)))}::text[], ${sql.param(col((d) => d.lines.length))}::int[],
          ${sql.param(col((d) => d.orderNo))}::text[], ${sql.param(col((d) => d.foreignCustomer))}::text[])
          as t(no, ent, city, county, park, dir, day, month, mode, country, currency, amount, cny, usd, line_count,
            order_no, customer)
        on conflict (declaration_no) do nothing
        returning id, declaration_no`),
    );
    const idOf = new Map(inserted.map((r) => [r.declaration_no.trim(), Number(r.id)]));
    const missed = chunk.filter((d) => !idOf.has(d.declarationNo));
    if (missed.length) {
      const now = new Map(
        (
          await existingDeclarations(
            tx,
            missed.map((d) => d.declarationNo),
          )
        ).map((e) => [e.declarationNo, e]),
      );
      for (const d of missed) {
        const prior = now.get(d.declarationNo);
        if (!prior || !sameDeclaration(prior, d, d.enterpriseId))
          throw new AppError('TRADE_DECLARATION_CONFLICT', { declarationNo: d.declarationNo });
        lateDuplicates++;
      }
    }
    const line = {
      id: [] as number[],
      no: [] as number[],
      ent: [] as number[],
      code: [] as string[],
      chapter: [] as string[],
      name: [] as string[],
      qty: [] as string[],
      unit: [] as string[],
      amount: [] as string[],
      cny: [] as string[],
      usd: [] as string[],
    };
    for (const d of chunk) {
      const id = idOf.get(d.declarationNo);
      if (id === undefined) continue;
      d.lines.forEach((l, k) => {
        line.id.push(id);
        line.no.push(l.lineNo);
        line.ent.push(d.enterpriseId);
        line.code.push(l.commodityCode);
        line.chapter.push(l.hsChapter);
        line.name.push(l.goodsName);
        line.qty.push(l.quantity);
        line.unit.push(l.unit);
        line.amount.push(formatDecimal(l.amountCents, 2));
        line.cny.push(String(d.lineValues[k]?.cnyFen));
        line.usd.push(String(d.lineValues[k]?.usdCent));
      });
    }
    if (line.id.length)
      await tx.execute(sql`
        insert into ${tradeDeclarationLines} (declaration_id, line_no, enterprise_id, commodity_code, hs_chapter,
          goods_name, quantity, unit, amount, amount_cny_fen, amount_usd_cent)
        select id, no, ent, code, chapter, name, qty::numeric, unit, amount::numeric, cny::bigint, usd::bigint
        from unnest(${sql.param(line.id)}::bigint[], ${sql.param(line.no)}::int[], ${sql.param(line.ent)}::int[], ${sql.param(line.code)}::text[],
          ${sql.param(line.chapter)}::text[], ${sql.param(line.name)}::text[], ${sql.param(line.qty)}::text[], ${sql.param(line.unit)}::text[],
          ${sql.param(line.amount)}::text[], ${sql.param(line.cny)}::text[], ${sql.param(line.usd)}::text[])
          as t(id, no, ent, code, chapter, name, qty, unit, amount, cny, usd)`);
    written += idOf.size;
    lines += line.id.length;
    ids.push(...idOf.values());
  }
  return { declarations: written, lines, lateDuplicates, ids };
}

/** Declarations written by one statement (their lines by the next). */
const WRITE_CHUNK = 5000;

/**
 * An enterprise with declarations has 有进出口实绩, and its first import/export is no later than its earliest
 * declaration (Art. 12(一) counts 新开口企业 from it). Returns the enterprises that changed, before and after.
 */
export async function markTrading(
  tx: Db,
  intakeId: number,
  now: Date,
): Promise<{ id: number; before: string | null; after: string }[]> {
  const res = await tx.execute(sql`
    with first as (
      select enterprise_id, min(declared_on) as first_on from trade_declarations where intake_id = ${intakeId}
      group by enterprise_id
    ), changed as (
      select e.id, e.first_trade_on as before, least(coalesce(e.first_trade_on, f.first_on), f.first_on) as after
      from enterprises e join first f on f.enterprise_id = e.id
      where not e.has_trade_record or e.first_trade_on is null or e.first_trade_on > f.first_on
      for update of e
    )
    update enterprises e set has_trade_record = true, first_trade_on = c.after, updated_at = ${now},
      version = e.version + 1
    from changed c where e.id = c.id
    returning e.id, c.before::text as before, c.after::text as after`);
  return rowsOf<{ id: number; before: string | null; after: string }>(res).map((r) => ({
    id: Number(r.id),
    before: r.before,
    after: r.after,
  }));
}

export interface IngestDeclarationsOptions {
  source: TTradeSource;
  channel: 'file' | 'api' | 'exchange' | 'demo';
  fileName?: string | null;
  idempotencyKey?: string | null;
  requestHash?: string | null;
  declarations: TTradeDeclarationInput[];
  enterpriseScope?: SQL;
  isDemo?: boolean;
  /** Name each issue where the input had it (a file's row and column) before it is reported and kept. */
  locate?: (issues: TTradeIssue[]) => TTradeIssue[];
  onProgress?: (checked: number) => Promise<void>;
}

type IntakeRow = typeof tradeIntakes.$inferInsert;

/** A refused intake is kept with its report (who tried what), and audited; nothing else changes. */
export async function recordFailedIntake(
  ctx: RequestContext,
  intakeRow: Omit<IntakeRow, 'status'>,
  issues: TTradeIssue[],
): Promise<TTradeIntakeResult> {
  const now = intakeRow.createdAt;
  // A report is for people: the first thousand issues say what is wrong with the file; the count says how much.
  const kept = issues.slice(0, 1000);
  const result: TTradeIntakeResult = {
    intakeId: null,
    status: 'failed',
    declarations: 0,
    lines: 0,
    duplicates: 0,
    issues: kept,
  };
  const id = await ctx.deps.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(tradeIntakes)
      .values({ ...intakeRow, status: 'failed', result })
      .returning({ id: tradeIntakes.id });
    await writeAudit(tx, auditContext(ctx, now), {
      action: 'trade.intake',
      objectType: 'tradeIntake',
      objectId: row.id,
      after: {
        status: 'failed',
        source: intakeRow.source,
        channel: intakeRow.channel,
        fileName: intakeRow.fileName ?? null,
        issues: issues.length,
      },
    });
    return row.id;
  });
  return { ...result, intakeId: id };
}

/**
 * Check and take in one batch, all or nothing, with its intake row and audit entry in one transaction. A refused
 * batch is recorded as a failed intake with its report (who tried what is kept) and changes nothing else.
 */
export async function ingestDeclarations(
  ctx: RequestContext,
  opts: IngestDeclarationsOptions,
): Promise<TTradeIntakeResult> {
  const user = ctx.user;
  if (!user) throw new AppError('FORBIDDEN');
  const db = ctx.deps.db;
  const now = ctx.deps.clock();
  const batch = await checkDeclarations({
    db,
    user,
    locale: ctx.locale,
    today: beijingDay(now),
    declarations: opts.declarations,
    enterpriseScope: opts.enterpriseScope,
    onProgress: opts.onProgress,
  });
  const userId = user.id === SYSTEM_USER_ID ? null : user.id;
  const intakeRow = {
    source: opts.source,
    channel: opts.channel,
    userId,
    fileName: opts.fileName ?? null,
    idempotencyKey: opts.idempotencyKey ?? null,
    requestHash: opts.requestHash ?? null,
    createdAt: now,
    finishedAt: now,
  };
  if (batch.issues.length > 0)
    return recordFailedIntake(ctx, intakeRow, opts.locate ? opts.locate(batch.issues) : batch.issues);
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(tradeIntakes)
      .values({ ...intakeRow, status: 'running' })
      .returning({ id: tradeIntakes.id });
    const w = await writeDeclarations(tx, batch.ready, {
      source: opts.source,
      intakeId: row.id,
      createdBy: userId,
      now,
      isDemo: opts.isDemo,
    });
    return completeIntake(tx, ctx, row.id, {
      source: opts.source,
      channel: opts.channel,
      fileName: intakeRow.fileName,
      now,
      declarations: w.declarations,
      lines: w.lines,
      duplicates: batch.duplicates + w.lateDuplicates,
    });
  });
}

/**
 * The end of every successful intake, in the transaction that wrote its declarations (this path and the PostgreSQL
 * file path, fast-intake.ts): the trade figures, 有进出口实绩, the intake row's outcome and its audit entry.
 */
export async function completeIntake(
  tx: Db,
  ctx: RequestContext,
  intakeId: number,
  w: {
    source: TTradeSource;
    channel: IngestDeclarationsOptions['channel'];
    fileName: string | null;
    now: Date;
    declarations: number;
    lines: number;
    duplicates: number;
  },
): Promise<TTradeIntakeResult> {
  // The trade figures move with the declarations, in this transaction (decision 0026): a few set-based statements.
  await addTradeFigures(tx, { intakeId });
  const firstTrade = await markTrading(tx, intakeId, w.now);
  const result: TTradeIntakeResult = {
    intakeId,
    status: 'succeeded',
    declarations: w.declarations,
    lines: w.lines,
    duplicates: w.duplicates,
    issues: [],
  };
  await tx
    .update(tradeIntakes)
    .set({ status: 'succeeded', declarations: w.declarations, lines: w.lines, duplicates: w.duplicates, result })
    .where(eq(tradeIntakes.id, intakeId));
  await writeAudit(tx, auditContext(ctx, w.now), {
    action: 'trade.intake',
    objectType: 'tradeIntake',
    objectId: intakeId,
    after: {
      status: 'succeeded',
      source: w.source,
      channel: w.channel,
      fileName: w.fileName,
      declarations: w.declarations,
      lines: w.lines,
      duplicates: w.duplicates,
      enterprisesFirstTrade: firstTrade,
    },
  });
  return result;
}
