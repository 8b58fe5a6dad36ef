import { and, eq, gte, inArray, lt, type SQL, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TServiceCategory } from '../src/contracts/service-category';
import {
  RATING_LEVELS,
  type TRatingLevel,
  type TServiceRecordDetail,
  type TServiceStats,
} from '../src/contracts/service-record';
import { serviceRecords } from '../src/server/db/schema';
import { serviceRecordScope } from '../src/server/lib/access/scope';
import type { SessionUser } from '../src/server/lib/access/session-user';
import { regionOverview } from '../src/server/modules/dashboard/region-overview';
import {
  checkFigures,
  emptySums,
  figuresOf,
  type RecordTotalFilters,
  rebuildFigures,
  serviceRecordTotal,
  unratedCount,
} from '../src/server/modules/figures';
import { getServiceStats } from '../src/server/modules/service-stats/service-stats';
import { TEST_START } from './helpers/constants';
import { act, buildFiguresWorld, ctxOf, type FiguresWorld, rawRows } from './helpers/figures-world';

const HOUR = 3_600_000;
const TODAY = '2026-11-24';
/** Beijing time → instant. */
const bj = (local: string) => new Date(`${local}+08:00`);
const dayStart = (day: string) => bj(`${day}T00:00:00`);

/**
 * Issue 12: the figures layer is moved by every use case in the change's own transaction and always equals the
 * recomputation from the raw rows; the list totals, statistics and homes read from it give the raw rows' answers.
 */
describe('the figures layer (issue 12)', () => {
  let w: FiguresWorld;
  const db = () => w.t.deps.db;
  const noDifference = async () => expect((await checkFigures(db())).differences).toEqual([]);

  beforeAll(async () => {
    w = await buildFiguresWorld();
  }, 120_000);
  afterAll(async () => w?.t.close());

  it('equals the recomputation after every use case: request, record, accept, progress, complete, cancel, rate', async () => {
    await noDifference();
    // Records across month edges on the Beijing calendar (00:30 on 1 September is still August in UTC).
    const plan: {
      at: string;
      centre: number;
      ent: number;
      category: TServiceCategory;
      staff?: 'window' | 'onsite' | 'online';
      steps: ('accept' | 'progress' | 'complete' | 'cancel')[];
      rating?: TRatingLevel;
    }[] = [
      {
        at: '2026-09-01T00:30:00',
        centre: 0,
        ent: 0,
        category: 'tax_refund',
        steps: ['accept', 'complete'],
        rating: 'very_satisfied',
      },
      {
        at: '2026-09-10T10:00:00',
        centre: 0,
        ent: 1,
        category: 'customs_declaration',
        staff: 'window',
        steps: ['progress', 'complete'],
        rating: 'basic',
      },
      {
        at: '2026-09-30T23:59:00',
        centre: 1,
        ent: 0,
        category: 'consultation',
        steps: ['accept', 'progress', 'complete'],
        rating: 'dissatisfied',
      },
      { at: '2026-10-05T09:00:00', centre: 1, ent: 1, category: 'consultation', staff: 'onsite', steps: ['complete'] },
      { at: '2026-10-12T14:00:00', centre: 2, ent: 0, category: 'tax_refund', steps: ['cancel'] },
      { at: '2026-10-20T08:00:00', centre: 2, ent: 1, category: 'customs_declaration', steps: ['accept', 'cancel'] },
      {
        at: '2026-10-31T23:00:00',
        centre: 0,
        ent: 0,
        category: 'consultation',
        steps: ['accept', 'complete'],
        rating: 'satisfied',
      },
      { at: '2026-11-02T11:00:00', centre: 2, ent: 0, category: 'tax_refund', staff: 'online', steps: ['progress'] },
      { at: '2026-11-20T16:00:00', centre: 0, ent: 1, category: 'tax_refund', steps: ['accept'] },
      { at: '2026-11-23T10:00:00', centre: 1, ent: 0, category: 'customs_declaration', steps: [] },
      {
        at: '2026-11-23T15:00:00',
        centre: 1,
        ent: 1,
        category: 'tax_refund',
        steps: ['accept', 'complete'],
        rating: 'very_dissatisfied',
      },
    ];
    for (const p of plan) {
      let at = bj(p.at);
      let r: TServiceRecordDetail = p.staff
        ? await act.record(w, at, p.centre, p.ent, p.category, p.staff)
        : await act.request(w, at, p.centre, p.ent, p.category);
      await noDifference();
      for (const step of p.steps) {
        at = new Date(at.getTime() + 3 * HOUR);
        r = await act.step(w, at, r, step);
        await noDifference();
      }
      if (p.rating) {
        r = await act.rate(w, new Date(at.getTime() + HOUR), r, p.rating);
        await noDifference();
      }
    }
    const [counts] = await rawRows<{ n: number; rated: number }>(
      w.t.deps,
      sql`select (select count(*) from service_records)::int as n, (select count(*) from service_ratings)::int as rated`,
    );
    expect(counts).toEqual({ n: plan.length, rated: plan.filter((p) => p.rating).length });
  });

  it('reports a tampered figure with its stored and recomputed values, and a rebuild puts it right', async () => {
    await db().execute(sql`update service_figures_month set records = records + 2, lv_basic = lv_basic + 1
      where centre_id = ${w.centres[0]?.id} and month = '2026-09' and category = 'customs_declaration'
        and status = 'completed'`);
    await db().execute(sql`update service_figures_status set completion_ms = completion_ms + 1
      where centre_id = ${w.centres[0]?.id} and month = '2026-09' and status = 'completed'`);
    await db().execute(sql`update service_figures_centre set rated = rated - 1
      where centre_id = ${w.centres[1]?.id} and status = 'completed'`);
    const found = await checkFigures(db());
    expect(found.differences.map((d) => [d.table, d.key])).toEqual([
      [
        'service_figures_month',
        {
          centre_id: w.centres[0]?.id,
          month: '2026-09',
          category: 'customs_declaration',
          channel: 'window',
          status: 'completed',
        },
      ],
      ['service_figures_status', { centre_id: w.centres[0]?.id, month: '2026-09', status: 'completed' }],
      ['service_figures_centre', { centre_id: w.centres[1]?.id, status: 'completed' }],
    ]);
    const [month, status, centre] = found.differences;
    expect((status?.stored?.completion_ms ?? 0) - (status?.recomputed?.completion_ms ?? 0)).toBe(1);
    expect(month?.stored).toMatchObject({ records: 3, lv_basic: 2 });
    expect(month?.recomputed).toMatchObject({ records: 1, lv_basic: 1 });
    expect((centre?.recomputed?.rated ?? 0) - (centre?.stored?.rated ?? 0)).toBe(1);
    await rebuildFigures(db());
    const after = await checkFigures(db());
    expect(after.differences).toEqual([]);
    expect(after.checked).toBeGreaterThan(0);
  });

  /** The list's count, from the raw rows (the reference: what list-service-records counts today). */
  async function rawTotal(user: SessionUser, f: RecordTotalFilters): Promise<number> {
    const conds: (SQL | undefined)[] = [serviceRecordScope(user)];
    if (f.centreId) conds.push(eq(serviceRecords.centreId, f.centreId));
    if (f.cityCode) conds.push(eq(serviceRecords.cityCode, f.cityCode));
    if (f.countyCode) conds.push(eq(serviceRecords.countyCode, f.countyCode));
    if (f.category) conds.push(eq(serviceRecords.category, f.category));
    if (f.status?.length) conds.push(inArray(serviceRecords.status, f.status));
    if (f.channel) conds.push(eq(serviceRecords.channel, f.channel));
    if (f.from) conds.push(gte(serviceRecords.submittedAt, dayStart(f.from)));
    if (f.to) conds.push(lt(serviceRecords.submittedAt, new Date(dayStart(f.to).getTime() + 24 * HOUR)));
    if (f.unrated === 'true')
      conds.push(
        sql`${serviceRecords.status} = 'completed' and not exists (select 1 from service_ratings g where g.record_id = ${serviceRecords.id})`,
      );
    const [row] = await db()
      .select({ n: sql<number>`count(*)::int` })
      .from(serviceRecords)
      .where(and(...conds));
    return row?.n ?? 0;
  }

  it('gives the list’s exact total for every filter it can answer, in every scope', async () => {
    const c = w.centres;
    const filters: RecordTotalFilters[] = [
      {},
      { status: ['completed'] },
      { status: ['submitted', 'accepted', 'in_progress'] },
      { category: 'tax_refund' },
      { channel: 'online' },
      { centreId: c[1]?.id },
      { cityCode: '420500' },
      { countyCode: '420583' },
      { unrated: 'true' },
      { unrated: 'true', category: 'consultation' },
      { status: ['cancelled'], cityCode: '420600', channel: 'online' },
      { from: '2026-09-01', to: '2026-10-31' },
      { from: '2026-10-01' },
      { to: '2026-09-30' },
      // A `to` on or after today stands for its month's end: nothing is submitted later.
      { from: '2026-11-01', to: TODAY, status: ['accepted'] },
      { from: '2026-09-01', to: '2026-11-30', category: 'tax_refund', unrated: 'true' },
    ];
    let compared = 0;
    for (const [name, user] of Object.entries(w.viewers)) {
      for (const f of filters) {
        const total = await serviceRecordTotal(db(), user, f, TODAY);
        expect(total, `${name} ${JSON.stringify(f)}`).toBe(await rawTotal(user, f));
        compared++;
      }
      expect(await unratedCount(db(), user), `${name} unrated`).toBe(await rawTotal(user, { unrated: 'true' }));
    }
    expect(compared).toBeGreaterThan(100);
    // Some scopes see records and some see none: the comparison is not between zeros only.
    expect(await serviceRecordTotal(db(), w.viewers.province as SessionUser, {}, TODAY)).toBe(11);
    expect(await serviceRecordTotal(db(), w.viewers.county as SessionUser, {}, TODAY)).toBe(4);
  });

  it('answers null where the figures cannot: free text, a window that cuts a month, an enterprise', async () => {
    const province = w.viewers.province as SessionUser;
    expect(await serviceRecordTotal(db(), province, { q: '外贸' }, TODAY)).toBeNull();
    expect(await serviceRecordTotal(db(), province, { from: '2026-09-10' }, TODAY)).toBeNull();
    expect(await serviceRecordTotal(db(), province, { to: '2026-10-15' }, TODAY)).toBeNull();
    expect(await serviceRecordTotal(db(), province, { enterpriseId: 1 }, TODAY)).toBeNull();
    expect(await serviceRecordTotal(db(), w.enterprises[0]?.[0] as SessionUser, {}, TODAY)).toBeNull();
  });

  /** The statistics computed in the test from the raw rows of the window (submitted in [from, to], Beijing days). */
  async function rawStats(user: SessionUser, from: string | null, to: string | null) {
    const conds: (SQL | undefined)[] = [serviceRecordScope(user)];
    if (from) conds.push(gte(serviceRecords.submittedAt, dayStart(from)));
    if (to) conds.push(lt(serviceRecords.submittedAt, new Date(dayStart(to).getTime() + 24 * HOUR)));
    const rows = await rawRows<{
      centre_id: number;
      category: string;
      status: string;
      source: string;
      submitted_at: string;
      accepted_at: string | null;
      completed_at: string | null;
      level: TRatingLevel | null;
    }>(
      w.t.deps,
      sql`select r.centre_id, r.category, r.status, r.source, r.submitted_at::text, r.accepted_at::text,
          r.completed_at::text, g.level
        from service_records r left join service_ratings g on g.record_id = r.id
        where r.id in (select ${serviceRecords.id} from ${serviceRecords} where ${and(...conds)})`,
    );
    const byCentre = new Map<number, ReturnType<typeof emptySums>>();
    const total = emptySums();
    const byMonth = new Map<string, { month: string; total: number; completed: number }>();
    const byCategory = new Map<string, number>();
    const ms = (a: string, b: string) => new Date(a).getTime() - new Date(b).getTime();
    for (const r of rows) {
      for (const s of [total, byCentre.get(r.centre_id) ?? byCentre.set(r.centre_id, emptySums()).get(r.centre_id)]) {
        if (!s) continue;
        s.total++;
        if (['submitted', 'accepted', 'in_progress'].includes(r.status)) s.open++;
        if (r.status === 'completed') s.completed++;
        if (r.status === 'cancelled') s.cancelled++;
        if (r.source === 'enterprise' && r.accepted_at) {
          s.responded++;
          s.responseMs += ms(r.accepted_at, r.submitted_at);
        }
        if (r.status === 'completed' && r.completed_at) {
          s.completedTimed++;
          s.completionMs += ms(r.completed_at, r.submitted_at);
        }
        if (r.level) {
          s.levels[r.level]++;
          if (r.status === 'completed') s.ratedCompleted++;
        }
      }
      const month = new Date(new Date(r.submitted_at).getTime() + 8 * HOUR).toISOString().slice(0, 7);
      const m = byMonth.get(month) ?? { month, total: 0, completed: 0 };
      m.total++;
      if (r.status === 'completed') m.completed++;
      byMonth.set(month, m);
      byCategory.set(r.category, (byCategory.get(r.category) ?? 0) + 1);
    }
    return { total, byCentre, byMonth, byCategory };
  }

  it('gives the raw rows’ statistics for windows that cut months as for whole ones', async () => {
    const windows: [string | null, string | null][] = [
      ['2026-09-01', '2026-10-31'],
      ['2026-09-10', '2026-11-05'],
      ['2026-10-03', '2026-10-20'],
      ['2026-09-02', null],
      [null, '2026-10-12'],
      ['2026-09-30', '2026-10-01'],
      ['2026-11-01', TODAY],
      [null, null],
    ];
    for (const user of [w.viewers.province, w.viewers.city, w.viewers.county, w.viewers.operator2] as SessionUser[]) {
      for (const [from, to] of windows) {
        const label = `${user.username} ${from}…${to}`;
        const got: TServiceStats = await getServiceStats(ctxOf(w.t.deps, user, TEST_START), {
          ...(from ? { from } : {}),
          ...(to ? { to } : {}),
        });
        const want = await rawStats(user, from, to);
        const { openRectifications, overdueRectifications, ...totals } = got.totals;
        const { openRectifications: _o, overdueRectifications: _d, ...wantTotals } = figuresOf(want.total);
        expect(totals, label).toEqual(wantTotals);
        expect(openRectifications + overdueRectifications).toBeGreaterThanOrEqual(0);
        for (const c of got.byCentre) {
          const { total, completed, avgResponseHours, ratingRate, satisfaction } = c;
          const r = figuresOf(want.byCentre.get(c.centreId) ?? emptySums());
          expect(
            { total, completed, avgResponseHours, ratingRate, satisfaction },
            `${label} centre ${c.centreId}`,
          ).toEqual({
            total: r.total,
            completed: r.completed,
            avgResponseHours: r.avgResponseHours,
            ratingRate: r.ratingRate,
            satisfaction: r.satisfaction,
          });
        }
        expect(got.byMonth, label).toEqual([...want.byMonth.values()].sort((a, b) => (a.month < b.month ? -1 : 1)));
        expect(Object.fromEntries(got.byCategory.map((x) => [x.category, x.total])), label).toEqual(
          Object.fromEntries(want.byCategory),
        );
      }
    }
  });

  it('counts 好评 the same on the homes as in the statistics: 非常满意, 满意 and 基本满意', async () => {
    const province = w.viewers.province as SessionUser;
    const overview = await regionOverview(db(), province, TODAY, { by: 'city' });
    const [raw] = await rawRows<{ good: number; rated: number }>(
      w.t.deps,
      sql`select (count(*) filter (where g.level in ('very_satisfied', 'satisfied', 'basic')))::int as good,
          count(g.id)::int as rated
        from service_records r join service_ratings g on g.record_id = r.id
        where r.status = 'completed' and r.submitted_at >= ${dayStart('2026-01-01')}`,
    );
    expect(raw?.good).toBe(3);
    expect(overview.totals.good).toBe(raw?.good);
    expect(overview.totals.rated).toBe(raw?.rated);
    const stats = await getServiceStats(ctxOf(w.t.deps, province, TEST_START), { from: '2026-01-01', to: TODAY });
    expect(stats.totals.satisfaction.goodRate).toBe(
      Math.round((10_000 * (raw?.good ?? 0)) / (raw?.rated ?? 1)) / 10_000,
    );
    expect(RATING_LEVELS.length).toBe(5);
  });

  it('stays equal to the recomputation when changes at the same centres commit concurrently', async () => {
    const at = bj('2026-11-24T08:00:00');
    const created = await Promise.all(
      [0, 1, 2, 0, 1, 2, 0, 0].map((centre, k) =>
        k % 2
          ? act.request(w, at, centre, k % 2, 'consultation')
          : act.record(w, at, centre, 0, 'consultation', 'window'),
      ),
    );
    await noDifference();
    const later = new Date(at.getTime() + HOUR);
    const moved = await Promise.all(
      created.map((r) => act.step(w, later, r, r.status === 'submitted' ? 'accept' : 'complete')),
    );
    // Every step succeeds: a deadlock or a lost update between the figure rows would fail it or the check.
    const done = await Promise.all(
      moved
        .filter((r) => r.status === 'accepted')
        .map((r) => act.step(w, new Date(later.getTime() + HOUR), r, 'complete')),
    );
    expect(done.map((r) => r.status)).toEqual(['completed', 'completed', 'completed', 'completed']);
    await noDifference();
  });
});
