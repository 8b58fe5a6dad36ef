import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TTradeMonitoring, type TTradeMonitoringQuery, ZTradeMonitoring } from '../src/contracts/trade-monitoring';
import { enterprises } from '../src/server/db/schema';
import type { SessionUser } from '../src/server/lib/access/session-user';
import { readFiguresVersion, repairFigures } from '../src/server/modules/figures';
import { requestService } from '../src/server/modules/service/create-service';
import { getTradeMonitoring } from '../src/server/modules/trade/get-trade-monitoring';
import { newlyTradingOfScope } from '../src/server/modules/trade/list-newly-trading';
import { as, loginAs } from './helpers/app';
import { buildFiguresWorld, ctxOf, type FiguresWorld, subItemOf } from './helpers/figures-world';
import { declaration, ingestAs, rawDeclarations, seedRates } from './helpers/trade-data';

/**
 * Decision 0031: the trade monitoring's answer cache is never stale. An answer is kept under the trade figures' data
 * version, which moves in the transaction of every change that changes an answer — an intake, a centre's first
 * service to an enterprise, a same-day service that moves 新开口's credit, a repair of the figures — and never with a
 * refused or rolled-back one. Scopes never share an entry. (A change to the figures' tables that does not move the
 * version is not seen until it does: that is how these tests know the answers come from the cache at all.)
 */
describe('trade monitoring answer cache (decision 0031)', () => {
  let w: FiguresWorld;
  /** Beijing 20 November 2026, the day every call below is made on. */
  const at = new Date('2026-11-20T10:00:00+08:00');
  const today = '2026-11-20';
  /** E0, E1 (西陵区, centre 0), E2, E3 (枝江, centre 1), E4, E5 (襄阳, centre 2). */
  const E: SessionUser[] = [];
  const code: string[] = [];
  let province: SessionUser;

  const db = () => w.t.deps.db;
  const version = () => readFiguresVersion(db());
  const mon = (user: SessionUser, q: TTradeMonitoringQuery = {}): Promise<TTradeMonitoring> =>
    getTradeMonitoring(ctxOf(w.t.deps, user, at), { year: 2026, ...q });
  /** The whole 新开口 list the paged route slices (the answer holds its first page only). */
  const newly = async (user: SessionUser, q: TTradeMonitoringQuery = {}) =>
    (await newlyTradingOfScope(ctxOf(w.t.deps, user, at), { year: 2026, ...q })).rows;
  /** E5's row in the answer and in the list, which must agree. */
  const e5Row = async () => {
    const m = await mon(province);
    const all = await newly(province);
    expect(m.newlyTrading).toEqual(all.slice(0, m.newlyTrading.length));
    expect(m.newlyTradingTotal).toBe(all.length);
    const row = all.find((n) => n.enterpriseId === idOf(5));
    expect(m.newlyTrading.find((n) => n.enterpriseId === idOf(5))).toEqual(row);
    return row;
  };
  const serve = (ent: number, centre: number, when: Date) =>
    requestService(ctxOf(w.t.deps, E[ent] as SessionUser, when), {
      centreId: w.centres[centre]?.id as number,
      category: 'consultation',
      subItem: subItemOf('consultation'),
      requestText: '请协助了解出口政策。',
    });
  /** The year's total (CNY fen) of the raw declarations `keep` accepts: the test's own sum, not the figures'. */
  const rawTotal = async (keep: (r: { city_code: string; county_code: string; enterprise_id: number }) => boolean) =>
    (await rawDeclarations(w.t.deps)).decls
      .filter((r) => r.month.startsWith('2026') && keep(r))
      .reduce((s, r) => s + r.cny, 0);
  const idOf = (i: number) => E[i]?.enterpriseId as number;

  beforeAll(async () => {
    w = await buildFiguresWorld();
    for (const pair of w.enterprises) E.push(...pair);
    province = w.viewers.province as SessionUser;
    const rows = await db().select({ id: enterprises.id, creditCode: enterprises.creditCode }).from(enterprises);
    for (const e of E) code.push(rows.find((r) => r.id === e.enterpriseId)?.creditCode as string);
    await seedRates(w.t.deps, at);
    await serve(0, 0, new Date('2026-03-01T10:00:00+08:00'));
    await serve(4, 2, new Date('2026-02-01T10:00:00+08:00'));
    // E5: served at centre 1 in 2025 and at centre 2 in January; it trades for the first time today.
    await serve(5, 1, new Date('2025-05-01T10:00:00+08:00'));
    await serve(5, 2, new Date('2026-01-10T10:00:00+08:00'));
    for (const b of [
      [declaration(code[0], '2026-02-10', { amount: '1000.00' })],
      [declaration(code[2], '2026-04-10', { amount: '3000.00' })],
      [declaration(code[4], '2026-05-10', { amount: '2000.00' }), declaration(code[4], '2025-05-10')],
    ])
      expect((await ingestAs(w.t.deps, province, at, b)).status).toBe('succeeded');
  }, 180_000);
  afterAll(async () => w?.t.close());

  it('serves an answer from the cache while the version stands, and a repair of the figures replaces it', async () => {
    // A change to the figures that bypasses the version (as a faulty writer would): the next answer made shows it …
    await db().execute(sql`update trade_figures_region set cny_fen = cny_fen + 100 where month = '2026-02'`);
    const v = await version();
    const drifted = await mon(province);
    const truth = await rawTotal(() => true);
    expect(drifted.totals.total.cnyFen).toBe(truth + 100);
    // … and is kept: the cached answer is served, equal, while the version has not moved.
    await db().execute(sql`update trade_figures_region set cny_fen = cny_fen + 100 where month = '2026-02'`);
    expect(await mon(province)).toEqual(drifted);
    // `npm run figures:check -- --repair` rebuilds the figures and moves the version in its transaction.
    await repairFigures(ctxOf(w.t.deps, w.viewers.admin as SessionUser, at), 1);
    expect(await version()).toBe(v + 1);
    expect((await mon(province)).totals.total.cnyFen).toBe(truth);
  });

  it('changes after an intake, for every scope that sees the declaration', async () => {
    const city = w.viewers.city as SessionUser;
    const county = w.viewers.county as SessionUser;
    const before = { province: await mon(province), city: await mon(city), county: await mon(county) };
    const v = await version();
    const r = await ingestAs(w.t.deps, province, at, [declaration(code[0], '2026-06-01', { amount: '500.00' })]);
    expect(r.status).toBe('succeeded');
    expect(await version()).toBe(v + 1);
    for (const [who, user] of [
      ['province', province],
      ['city', city],
      ['county', county],
    ] as const) {
      const after = await mon(user);
      expect(after.totals.export.cnyFen, who).toBe(before[who].totals.export.cnyFen + 50_000);
      expect(after.months[5]?.exportCnyFen, who).toBe((before[who].months[5]?.exportCnyFen ?? 0) + 50_000);
    }
    // Another county's answer holds no such declaration, before or after.
    const other = await mon(w.viewers.otherCounty as SessionUser);
    expect(other.totals.total.cnyFen).toBe(await rawTotal((d) => d.county_code === '420583'));
  });

  it('changes after a centre serves an enterprise for the first time, and only then', async () => {
    const operator = w.operators[0] as SessionUser;
    const before = await mon(operator);
    expect(before.totals.total.cnyFen).toBe(await rawTotal((d) => d.enterprise_id === idOf(0)));
    const v = await version();
    // E4 (襄阳), which has traded this year, asks centre 0 for a service: the centre's monitoring now holds its trade.
    await serve(4, 0, new Date('2026-11-20T11:00:00+08:00'));
    expect(await version()).toBe(v + 1);
    const after = await mon(operator);
    expect(after.totals.total.cnyFen).toBe(await rawTotal((d) => [idOf(0), idOf(4)].includes(d.enterprise_id)));
    expect(after.totals.total.cnyFen).toBeGreaterThan(before.totals.total.cnyFen);
    // A second service of the same pair changes no answer and leaves the version (and its row) alone.
    await serve(4, 0, new Date('2026-11-20T12:00:00+08:00'));
    expect(await version()).toBe(v + 1);
    expect(await mon(operator)).toEqual(after);
  });

  it('changes when a same-day service moves a newly-trading enterprise’s credit (Art. 12(一))', async () => {
    // E5's first declaration ever is today: new in 2026, credited to centre 2 (its latest service before the day ends).
    expect((await ingestAs(w.t.deps, province, at, [declaration(code[5], today, { amount: '700.00' })])).status).toBe(
      'succeeded',
    );
    const credit = async () => (await e5Row())?.centreId;
    expect(await credit()).toBe(w.centres[2]?.id);
    // Later the same day E5 is served at centre 1 again — a pair that exists since 2025 — and the credit moves.
    const v = await version();
    await serve(5, 1, new Date('2026-11-20T15:00:00+08:00'));
    expect(await version()).toBe(v + 1);
    expect(await credit()).toBe(w.centres[1]?.id);
  });

  it('changes when a newly-trading enterprise corrects its name', async () => {
    const nameOf = async () => (await e5Row())?.name;
    const old = await nameOf();
    const cookie = await loginAs(w.t.app, E[5]?.username as string);
    const me = (await as(w.t.app, cookie, { method: 'GET', url: `/api/enterprises/${idOf(5)}` })).json();
    const v = await version();
    const res = await as(w.t.app, cookie, {
      method: 'PATCH',
      url: `/api/enterprises/${idOf(5)}`,
      payload: { version: me.version, name: '襄阳更名后外贸有限公司' },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(await version()).toBe(v + 1);
    expect(old).not.toBe('襄阳更名后外贸有限公司');
    expect(await nameOf()).toBe('襄阳更名后外贸有限公司');
  });

  it('never serves one scope’s entry to another: a city and another city, a city and its county', async () => {
    const yichang = w.viewers.city as SessionUser;
    const xiangyang = w.viewers.otherCity as SessionUser;
    const xiling = w.viewers.county as SessionUser;
    const own = {
      yichang: await rawTotal((d) => d.city_code === '420500'),
      xiangyang: await rawTotal((d) => d.city_code === '420600'),
      xiling: await rawTotal((d) => d.county_code === '420502'),
    };
    // The three differ, so an entry served to the wrong scope would show.
    expect(new Set(Object.values(own)).size).toBe(3);
    for (let round = 0; round < 2; round++) {
      expect((await mon(yichang)).totals.total.cnyFen).toBe(own.yichang);
      expect((await mon(xiangyang)).totals.total.cnyFen).toBe(own.xiangyang);
      expect((await mon(xiling)).totals.total.cnyFen).toBe(own.xiling);
    }
    // The same query narrowed by the province to a city is the city's figure, not the province's entry.
    expect((await mon(province, { cityCode: '420600' })).totals.total.cnyFen).toBe(own.xiangyang);
    expect((await mon(province)).totals.total.cnyFen).toBe(await rawTotal(() => true));
    // An enterprise sees its own trade only, another enterprise of the same centre its own.
    expect((await mon(E[4] as SessionUser)).totals.total.cnyFen).toBe(
      await rawTotal((d) => d.enterprise_id === idOf(4)),
    );
    expect((await mon(E[5] as SessionUser)).totals.total.cnyFen).toBe(
      await rawTotal((d) => d.enterprise_id === idOf(5)),
    );
  });

  it('answers through the route with the body the response schema gives, the same bytes from the cache', async () => {
    const cookie = await loginAs(w.t.app, 'city.420500');
    const get = () => as(w.t.app, cookie, { method: 'GET', url: '/api/trade/monitoring?year=2026' });
    const first = await get();
    expect(first.statusCode, first.body).toBe(200);
    expect(first.headers['content-type']).toMatch(/^application\/json/);
    const second = await get();
    expect(second.body).toBe(first.body);
    const body = first.json() as TTradeMonitoring;
    expect(ZTradeMonitoring.parse(body)).toEqual(body);
    expect(body.totals).toEqual((await mon(w.viewers.city as SessionUser)).totals);
    expect(body.totals.total.cnyFen).toBe(await rawTotal((d) => d.city_code === '420500'));
  });

  it('does not move the version for a refused intake or one rolled back after its figures were written', async () => {
    const v = await version();
    const before = await mon(province);
    const refused = await ingestAs(w.t.deps, province, at, [
      declaration(code[1], '2026-07-01', { amount: '99.00' }),
      declaration(code[1], '2026-07-02', { country: 'XX' }),
    ]);
    expect(refused.status).toBe('failed');
    expect(await version()).toBe(v);
    // The whole intake — declarations, figures, version — inside a transaction that then fails.
    await expect(
      db().transaction(async (tx) => {
        const r = await ingestAs({ ...w.t.deps, db: tx }, province, at, [
          declaration(code[1], '2026-07-03', { amount: '88.00' }),
        ]);
        expect(r.status).toBe('succeeded');
        expect(await readFiguresVersion(tx)).toBe(v + 1);
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    expect(await version()).toBe(v);
    expect(await mon(province)).toEqual(before);
    expect(before.totals.total.cnyFen).toBe(await rawTotal(() => true));
  });

  it('keeps the 新开口 list the pages slice under the version too, one entry per scope and filters', async () => {
    const firstOf = async (user: SessionUser, q: TTradeMonitoringQuery = {}) =>
      (await newly(user, q)).find((n) => n.enterpriseId === idOf(0))?.firstOn;
    expect(await firstOf(province)).toBe('2026-02-10');
    // A change that bypasses the version: the province's cached list stands …
    await db().execute(
      sql`update trade_figures_enterprise_total set first_on = first_on + 1 where enterprise_id = ${idOf(0)}
        and year = 2026`,
    );
    expect(await firstOf(province)).toBe('2026-02-10');
    // … a list not yet asked for (the province narrowed to 宜昌) is made now and shows it; 襄阳's holds no E0.
    expect(await firstOf(province, { cityCode: '420500' })).toBe('2026-02-11');
    expect(await firstOf(w.viewers.otherCity as SessionUser)).toBeUndefined();
    // A repair moves the version: both lists are made again, from the rebuilt figures.
    await repairFigures(ctxOf(w.t.deps, w.viewers.admin as SessionUser, at), 1);
    expect(await firstOf(province)).toBe('2026-02-10');
    expect(await firstOf(province, { cityCode: '420500' })).toBe('2026-02-10');
  });
});
