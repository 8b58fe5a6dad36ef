import { inArray, sql } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TTradeDeclarationInput } from '../src/contracts/trade';
import { rowsOf } from '../src/server/db/client';
import { enterprises } from '../src/server/db/schema';
import type { SessionUser } from '../src/server/lib/access/session-user';
import { checkFigures, newlyTradingEnterprises } from '../src/server/modules/figures';
import { requestService } from '../src/server/modules/service/create-service';
import { loginAs } from './helpers/app';
import { buildFiguresWorld, ctxOf, type FiguresWorld, subItemOf } from './helpers/figures-world';
import { expectFirstPageOf, newlyTradingPages } from './helpers/newly-trading';
import { declaration, ingestAs, rawDeclarations, seedRates } from './helpers/trade-data';

const DAYS = [
  '2021-06-30',
  '2022-12-31',
  '2023-01-01',
  '2024-12-31',
  '2025-01-01',
  '2025-07-15',
  '2026-01-01',
  '2026-11-19',
];
const COUNTRIES = ['US', 'DE', 'JP', 'VN'];
const MODES = ['0110', '0214', '0615'];
const CHAPTERS = ['8501100010', '6109100021', '3004900000', '9403200000'];

const decl = fc.record({
  ent: fc.integer({ min: 0, max: 5 }),
  day: fc.constantFrom(...DAYS),
  direction: fc.constantFrom('import' as const, 'export' as const),
  country: fc.constantFrom(...COUNTRIES),
  mode: fc.constantFrom(...MODES),
  currency: fc.constantFrom('CNY', 'USD', 'EUR'),
  lines: fc.array(
    fc.record({ chapter: fc.constantFrom(...CHAPTERS), cents: fc.integer({ min: 1, max: 10_000_000 }) }),
    {
      minLength: 1,
      maxLength: 3,
    },
  ),
});
type Decl = typeof decl extends fc.Arbitrary<infer T> ? T : never;
const action = fc.oneof(
  fc.record({ kind: fc.constant('intake' as const), decls: fc.array(decl, { minLength: 1, maxLength: 4 }) }),
  fc.record({ kind: fc.constant('again' as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant('refused' as const), decls: fc.array(decl, { minLength: 1, maxLength: 3 }) }),
  fc.record({
    kind: fc.constant('serve' as const),
    ent: fc.integer({ min: 0, max: 5 }),
    centre: fc.integer({ min: 0, max: 2 }),
    at: fc.constantFrom('2022-12-31T23:30:00+08:00', '2025-01-01T00:10:00+08:00', '2026-03-01T10:00:00+08:00'),
  }),
);

/**
 * Issue 13: whatever the sequence — intakes of random declarations at year edges, the same batch again (duplicates),
 * batches refused whole, services that make a centre serve an enterprise — the trade figures equal the recomputation
 * from the raw rows after every action, and 新开口企业 read from the layer equal those found in the raw rows.
 */
describe('the trade figures under random sequences of intakes (issue 13)', () => {
  let w: FiguresWorld;
  const at = new Date('2026-11-20T10:00:00+08:00');
  const E: SessionUser[] = [];
  const code: string[] = [];
  let provinceCookie: string;
  beforeAll(async () => {
    w = await buildFiguresWorld();
    provinceCookie = await loginAs(w.t.app, 'province');
    for (const pair of w.enterprises) E.push(...pair);
    const rows = await w.t.deps.db
      .select({ id: enterprises.id, creditCode: enterprises.creditCode })
      .from(enterprises)
      .where(
        inArray(
          enterprises.id,
          E.map((e) => e.enterpriseId as number),
        ),
      );
    for (const e of E) code.push(rows.find((r) => r.id === e.enterpriseId)?.creditCode as string);
    await seedRates(w.t.deps, at);
  }, 120_000);
  afterAll(async () => w?.t.close());

  const toInput = (d: Decl): TTradeDeclarationInput => {
    const amount = (c: number) => (c / 100).toFixed(2);
    return declaration(code[d.ent] as string, d.day, {
      direction: d.direction,
      country: d.country,
      tradeMode: d.mode,
      currency: d.currency,
      chapters: d.lines.map((l) => ({ code: l.chapter, amount: amount(l.cents) })),
    });
  };

  it('equals the recomputation after every action', async () => {
    const province = w.viewers.province as SessionUser;
    const batches: TTradeDeclarationInput[][] = [];
    let actions = 0;
    let written = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(action, { minLength: 1, maxLength: 8 }),
        fc.integer({ min: 1, max: 4 }),
        async (plan, size) => {
          for (const a of plan) {
            if (a.kind === 'intake') {
              const batch = a.decls.map(toInput);
              const r = await ingestAs(w.t.deps, province, at, batch);
              expect(r.status).toBe('succeeded');
              written += r.declarations;
              batches.push(batch);
            } else if (a.kind === 'again' && batches.length) {
              const batch = batches[a.pick % batches.length] as TTradeDeclarationInput[];
              const r = await ingestAs(w.t.deps, province, at, batch);
              expect(r).toMatchObject({ status: 'succeeded', declarations: 0, duplicates: batch.length });
            } else if (a.kind === 'refused') {
              const batch = [...a.decls.map(toInput), { ...toInput(a.decls[0] as Decl), country: 'XX' }];
              expect((await ingestAs(w.t.deps, province, at, batch)).status).toBe('failed');
            } else if (a.kind === 'serve') {
              await requestService(ctxOf(w.t.deps, E[a.ent] as SessionUser, new Date(a.at)), {
                centreId: w.centres[a.centre]?.id as number,
                category: 'consultation',
                subItem: subItemOf('consultation'),
                requestText: '请协助了解政策。',
              });
            }
            actions++;
            const { differences } = await checkFigures(w.t.deps.db);
            expect(differences, JSON.stringify(a)).toEqual([]);
          }
          // 新开口企业 from the layer = from the raw rows: traded in Y, not in Y-3 … Y-1.
          const { decls } = await rawDeclarations(w.t.deps);
          for (const year of [2022, 2023, 2025, 2026]) {
            const yearsOf = new Map<number, Set<number>>();
            for (const d of decls) {
              const s = yearsOf.get(d.enterprise_id) ?? new Set<number>();
              s.add(Number(d.month.slice(0, 4)));
              yearsOf.set(d.enterprise_id, s);
            }
            const expected = [...yearsOf.entries()]
              .filter(([, ys]) => ys.has(year) && ![1, 2, 3].some((k) => ys.has(year - k)))
              .map(([id]) => id)
              .sort((x, y) => x - y);
            const all = await newlyTradingEnterprises(w.t.deps.db, { user: province }, year);
            const got = all.map((n) => n.enterpriseId).sort((x, y) => x - y);
            expect(got, String(year)).toEqual(expected);
            // The same list through the route, `size` rows a page; the monitoring answer holds its first page and total.
            const paged = await newlyTradingPages(w.t.app, provinceCookie, `year=${year}`, size);
            expect(
              paged.map((n) => n.enterpriseId).sort((x, y) => x - y),
              `${year} paged`,
            ).toEqual(expected);
            expect(paged.map((n) => [n.enterpriseId, n.firstOn, n.centreId])).toEqual(
              all.map((n) => [n.enterpriseId, n.firstOn, n.centreId]),
            );
            const answer = await w.t.app.inject({
              method: 'GET',
              url: `/api/trade/monitoring?year=${year}`,
              headers: { cookie: provinceCookie },
            });
            expectFirstPageOf(answer.json(), paged);
            // Its first day: the earliest declaration of the year, either direction.
            for (const n of all)
              expect(n.firstOn).toBe(
                decls
                  .filter((d) => d.enterprise_id === n.enterpriseId && d.month.startsWith(String(year)))
                  .map((d) => d.declared_on)
                  .sort()[0],
              );
            // A centre sees the same list cut to the enterprises it has served (any service record there).
            for (const c of w.centres) {
              const served = new Set(
                rowsOf<{ e: number }>(
                  await w.t.deps.db.execute(
                    sql`select distinct enterprise_id as e from service_records where centre_id = ${c.id}`,
                  ),
                ).map((r) => Number(r.e)),
              );
              const operator = { ...province, role: 'operator' as const, regionCode: null, centreId: c.id };
              expect(
                (await newlyTradingEnterprises(w.t.deps.db, { user: operator }, year)).map((n) => [
                  n.enterpriseId,
                  n.firstOn,
                  n.centreId,
                ]),
                `${year} centre ${c.id}`,
              ).toEqual(
                all.filter((n) => served.has(n.enterpriseId)).map((n) => [n.enterpriseId, n.firstOn, n.centreId]),
              );
            }
          }
        },
      ),
      { numRuns: 12, seed: 20261207 },
    );
    expect(actions).toBeGreaterThan(12);
    expect(written).toBeGreaterThan(0);
  }, 300_000);
});
