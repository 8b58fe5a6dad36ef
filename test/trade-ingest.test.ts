import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TTradeDeclarationInput } from '../src/contracts/trade';
import { enterprises, exchangeRates } from '../src/server/db/schema';
import type { SessionUser } from '../src/server/lib/access/session-user';
import { ingestDeclarations } from '../src/server/modules/trade/ingest-declarations';
import { act, buildFiguresWorld, ctxOf, type FiguresWorld, rawRows } from './helpers/figures-world';

/**
 * Issue 13: every intake goes through one check and write path — all or nothing, duplicates recognised by the
 * declaration number, the caller's scope decides for whom it may report, CNY/USD computed with the month's rates.
 */
describe('taking in customs declarations (issue 13)', () => {
  let w: FiguresWorld;
  const at = new Date('2026-11-20T10:00:00+08:00');
  let ent: SessionUser;
  let creditCode: string;
  let otherCreditCode: string;

  const decl = (n: number, over: Partial<TTradeDeclarationInput> = {}): TTradeDeclarationInput => ({
    declarationNo: `4701202600${String(n).padStart(8, '0')}`,
    enterpriseCreditCode: creditCode,
    direction: 'export',
    declaredOn: '2026-03-15',
    tradeMode: '0110',
    country: 'US',
    currency: 'USD',
    amount: '1000.00',
    lines: [
      { commodityCode: '8501100010', goodsName: '微电机', quantity: '10', unit: '台', amount: '600.00' },
      { commodityCode: '6109100021', goodsName: '棉制T恤衫', quantity: '100', unit: '件', amount: '400.00' },
    ],
    ...over,
  });
  const sums = async () =>
    (
      await rawRows<{ n: string; fen: string; lines: string; line_fen: string }>(
        w.t.deps,
        sql`select count(*) n, coalesce(sum(amount_cny_fen),0) fen,
          (select count(*) from trade_declaration_lines) lines,
          (select coalesce(sum(amount_cny_fen),0) from trade_declaration_lines) line_fen from trade_declarations`,
      )
    )[0];

  beforeAll(async () => {
    w = await buildFiguresWorld();
    ent = w.enterprises[0]?.[0] as SessionUser;
    const [row] = await w.t.deps.db
      .select()
      .from(enterprises)
      .where(eq(enterprises.id, ent.enterpriseId as number));
    creditCode = row.creditCode;
    const [other] = await w.t.deps.db
      .select()
      .from(enterprises)
      .where(eq(enterprises.id, w.enterprises[2]?.[0]?.enterpriseId as number));
    otherCreditCode = other.creditCode;
    await w.t.deps.db.insert(exchangeRates).values([
      { month: '2026-03', currency: 'USD', cnyPerUnit: '7.123400', setAt: at },
      { month: '2026-03', currency: 'EUR', cnyPerUnit: '7.654321', setAt: at },
      { month: '2023-02', currency: 'USD', cnyPerUnit: '6.850000', setAt: at },
    ]);
  }, 120_000);
  afterAll(async () => w?.t.close());

  it('takes in an enterprise’s own declarations with CNY and USD values that add up line by line', async () => {
    const r = await ingestDeclarations(ctxOf(w.t.deps, ent, at), {
      source: 'enterprise',
      channel: 'api',
      declarations: [decl(1), decl(2, { currency: 'EUR', amount: '1000.00' })],
    });
    expect(r).toMatchObject({ status: 'succeeded', declarations: 2, lines: 4, duplicates: 0, issues: [] });
    const s = await sums();
    // 1000 USD × 7.1234 = 7123.40 CNY; 600 EUR and 400 EUR at 7.654321 = 4592.59 + 3061.73.
    expect(Number(s.fen)).toBe(712340 + 459259 + 306173);
    expect(s.fen).toBe(s.line_fen);
    const [e] = await w.t.deps.db
      .select()
      .from(enterprises)
      .where(eq(enterprises.id, ent.enterpriseId as number));
    // Its first trade (2024-05-01) is earlier than these declarations: it stays.
    expect(e.firstTradeOn).toBe('2024-05-01');
    expect(e.hasTradeRecord).toBe(true);
  });

  it('counts the same declaration sent again once, and refuses one whose content differs', async () => {
    const before = await sums();
    const again = await ingestDeclarations(ctxOf(w.t.deps, ent, at), {
      source: 'enterprise',
      channel: 'api',
      declarations: [decl(1), decl(3)],
    });
    expect(again).toMatchObject({ status: 'succeeded', declarations: 1, duplicates: 1 });
    const changed = await ingestDeclarations(ctxOf(w.t.deps, ent, at), {
      source: 'enterprise',
      channel: 'api',
      declarations: [decl(4), decl(1, { declaredOn: '2026-03-16' })],
    });
    expect(changed.status).toBe('failed');
    expect(changed.issues).toEqual([expect.objectContaining({ index: 1, field: 'declarationNo' })]);
    const after = await sums();
    // Only decl(3) arrived: the refused batch wrote nothing, not even its good decl(4).
    expect(Number(after.n)).toBe(Number(before.n) + 1);
  });

  it('refuses the whole batch when any declaration is wrong, naming each problem', async () => {
    const before = await sums();
    const r = await ingestDeclarations(ctxOf(w.t.deps, ent, at), {
      source: 'enterprise',
      channel: 'file',
      fileName: 'march.xlsx',
      declarations: [
        decl(10),
        decl(11, { currency: 'JPY' }),
        decl(12, { enterpriseCreditCode: otherCreditCode }),
        decl(10),
        decl(13, { declarationNo: '470120261000000013' }),
      ],
    });
    expect(r.status).toBe('failed');
    expect(r.issues.map((i) => `${i.index}:${i.field}`)).toEqual([
      '1:currency',
      '2:enterpriseCreditCode',
      '3:declarationNo',
      '4:declarationNo',
    ]);
    expect(r.issues[0].reason).toContain('2026-03');
    expect(await sums()).toEqual(before);
    const [intake] = await rawRows<{ status: string }>(
      w.t.deps,
      sql`select status from trade_intakes where id = ${r.intakeId}`,
    );
    expect(intake.status).toBe('failed');
  });

  it('lets a centre report only for enterprises it has served', async () => {
    const op = w.operators[0] as SessionUser;
    const first = await ingestDeclarations(ctxOf(w.t.deps, op, at), {
      source: 'centre',
      channel: 'file',
      declarations: [decl(20, { enterpriseCreditCode: creditCode })],
    });
    expect(first.status).toBe('failed');
    await act.record(w, at, 0, 0, 'consultation', 'window');
    const second = await ingestDeclarations(ctxOf(w.t.deps, op, at), {
      source: 'centre',
      channel: 'file',
      declarations: [
        decl(20, { enterpriseCreditCode: creditCode, declaredOn: '2023-02-01', declarationNo: '470120230000000020' }),
      ],
    });
    expect(second).toMatchObject({ status: 'succeeded', declarations: 1 });
    // An earlier declaration moves the enterprise's first trade back.
    const [e] = await w.t.deps.db
      .select()
      .from(enterprises)
      .where(eq(enterprises.id, ent.enterpriseId as number));
    expect(e.firstTradeOn).toBe('2023-02-01');
  });
});
