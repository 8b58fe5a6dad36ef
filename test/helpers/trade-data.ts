import { sql } from 'drizzle-orm';
import type { TTradeDeclarationInput } from '../../src/contracts/trade';
import type { Deps } from '../../src/server/context';
import { exchangeRates } from '../../src/server/db/schema';
import type { SessionUser } from '../../src/server/lib/access/session-user';
import { ingestDeclarations } from '../../src/server/modules/trade/ingest-declarations';
import { ctxOf, rawRows } from './figures-world';

/** USD and EUR rates for every month of 2019–2026 (a declaration needs its month's USD rate). */
export async function seedRates(deps: Deps, at: Date): Promise<void> {
  const rows = [];
  for (let y = 2019; y <= 2026; y++)
    for (let m = 1; m <= 12; m++) {
      const month = `${y}-${String(m).padStart(2, '0')}`;
      rows.push({ month, currency: 'USD', cnyPerUnit: (7 + m / 100).toFixed(6), setAt: at });
      rows.push({ month, currency: 'EUR', cnyPerUnit: (7.7 + m / 1000).toFixed(6), setAt: at });
    }
  await deps.db.insert(exchangeRates).values(rows).onConflictDoNothing();
}

let sequence = 0;

/** A declaration with a fresh number; lines default to one line of chapter 85 for the whole amount. */
export function declaration(
  creditCode: string,
  declaredOn: string,
  over: Partial<TTradeDeclarationInput> & { chapters?: { code: string; amount: string }[] } = {},
): TTradeDeclarationInput {
  sequence++;
  const direction = over.direction ?? 'export';
  const chapters = over.chapters ?? [{ code: '8501100010', amount: String(over.amount ?? '1000.00') }];
  const { chapters: _, ...rest } = over;
  return {
    declarationNo: `4701${declaredOn.slice(0, 4)}${direction === 'import' ? 1 : 0}${String(sequence).padStart(9, '0')}`,
    enterpriseCreditCode: creditCode,
    direction,
    declaredOn,
    tradeMode: '0110',
    country: 'US',
    currency: 'CNY',
    amount: chapters.reduce((s, c) => s + Math.round(Number(c.amount) * 100), 0) / 100,
    lines: chapters.map((c) => ({
      commodityCode: c.code,
      goodsName: '货物',
      quantity: '1',
      unit: '件',
      amount: c.amount,
    })),
    ...rest,
  };
}

/** Take in a batch for any enterprise (the platform's own run: every enterprise in reach). */
export function ingestAs(deps: Deps, user: SessionUser, at: Date, declarations: TTradeDeclarationInput[]) {
  return ingestDeclarations(ctxOf(deps, user, at), {
    source: 'api',
    channel: 'api',
    declarations,
    enterpriseScope: sql`true`,
  });
}

/** The raw rows, for the tests' own sums: declarations with their scope, and lines with their declaration's. */
export interface RawDeclaration {
  id: number;
  enterprise_id: number;
  city_code: string;
  county_code: string;
  park_id: number | null;
  direction: 'import' | 'export';
  month: string;
  declared_on: string;
  trade_mode: string;
  country: string;
  cny: number;
  usd: number;
}
export interface RawLine extends RawDeclaration {
  hs_chapter: string;
}

export async function rawDeclarations(deps: Deps): Promise<{ decls: RawDeclaration[]; lines: RawLine[] }> {
  const fix = <T extends RawDeclaration>(r: T): T => ({
    ...r,
    id: Number(r.id),
    enterprise_id: Number(r.enterprise_id),
    park_id: r.park_id === null ? null : Number(r.park_id),
    cny: Number(r.cny),
    usd: Number(r.usd),
    month: String(r.month).trim(),
    trade_mode: String(r.trade_mode).trim(),
    country: String(r.country).trim(),
    declared_on: String(r.declared_on),
  });
  const decls = await rawRows<RawDeclaration>(
    deps,
    sql`select id, enterprise_id, city_code, county_code, park_id, direction, month, declared_on::text as declared_on,
      trade_mode, country, amount_cny_fen as cny, amount_usd_cent as usd from trade_declarations`,
  );
  const lines = await rawRows<RawLine>(
    deps,
    sql`select d.id, d.enterprise_id, d.city_code, d.county_code, d.park_id, d.direction, d.month,
      d.declared_on::text as declared_on, d.trade_mode, d.country, l.hs_chapter, l.amount_cny_fen as cny,
      l.amount_usd_cent as usd from trade_declarations d join trade_declaration_lines l on l.declaration_id = d.id`,
  );
  return { decls: decls.map(fix), lines: lines.map((l) => ({ ...fix(l), hs_chapter: String(l.hs_chapter).trim() })) };
}
