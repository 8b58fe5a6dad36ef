import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { METRIC_KEYS, type TMetricValues } from '../src/contracts/assessment';
import type { TServiceRecordDetail } from '../src/contracts/service-record';
import type { SessionUser } from '../src/server/lib/access/session-user';
import { recordActivity } from '../src/server/modules/activity/record-activity';
import { computeYearMetrics } from '../src/server/modules/assessment/metrics';
import { checkFigures, GOOD_LEVELS } from '../src/server/modules/figures';
import { requestService } from '../src/server/modules/service/create-service';
import { answerRectification, followUpRectification } from '../src/server/modules/service/rectification';
import { act, buildFiguresWorld, ctxOf, type FiguresWorld, rawRows, subItemOf } from './helpers/figures-world';
import { declaration, ingestAs, seedRates } from './helpers/trade-data';

/**
 * Issue 14: the figures an assessment computes for a centre and a year (Art. 12(一)) equal what this test recomputes
 * from the raw rows it wrote — service records of several categories and channels, ratings good and bad,
 * rectifications closed on time and late, cancelled records, activities with participants and fair enterprises,
 * declarations of served and unserved enterprises in the year and the year before, a newly-trading enterprise — and
 * nothing of another centre or another year leaks in. Boundaries: the Beijing new year, zero denominators, a centre
 * with nothing, a centre that began serving in the middle of the year.
 */
describe('assessment metrics from the figures layer (issue 14)', () => {
  let w: FiguresWorld;
  const Y = 2025;
  const today = '2026-03-02';
  const at = (s: string) => new Date(s);
  let A: number;
  let B: number;
  let C: number;
  const ent: number[] = [];
  const code: string[] = [];

  const rectificationOf = async (recordId: number) => {
    const [r] = await rawRows<{ id: number; version: number }>(
      w.t.deps,
      sql`select id, version from rectifications where record_id = ${recordId}`,
    );
    if (!r) throw new Error(`no rectification for record ${recordId}`);
    return { id: Number(r.id), version: Number(r.version) };
  };
  const answer = async (recordId: number, when: string) => {
    const r = await rectificationOf(recordId);
    const centre = w.operators.find((o) => o.centreId === A) as SessionUser;
    await answerRectification(ctxOf(w.t.deps, centre, at(when)), r.id, { version: r.version, answer: '已回访整改。' });
  };
  const close = async (recordId: number, when: string) => {
    const r = await rectificationOf(recordId);
    await followUpRectification(ctxOf(w.t.deps, w.viewers.county as SessionUser, at(when)), r.id, {
      version: r.version,
      decision: 'accept',
      comment: '整改到位。',
    });
  };
  const completeAndRate = async (
    r: TServiceRecordDetail,
    doneAt: string,
    level: Parameters<typeof act.rate>[3] | null,
    ratedAt: string,
  ) => {
    let x = r.status === 'submitted' ? await act.step(w, at(doneAt), r, 'accept') : r;
    x = await act.step(w, at(doneAt), x, 'complete');
    if (level) await act.rate(w, at(ratedAt), x, level);
    return x;
  };

  beforeAll(async () => {
    w = await buildFiguresWorld();
    [A, B, C] = w.centres.map((c) => c.id) as [number, number, number];
    for (const pair of w.enterprises) for (const e of pair) ent.push(e.enterpriseId as number);
    const codes = await rawRows<{ id: number; credit_code: string }>(
      w.t.deps,
      sql`select id, credit_code from enterprises`,
    );
    for (const id of ent) code.push(codes.find((c) => Number(c.id) === id)?.credit_code as string);
    await seedRates(w.t.deps, at('2026-01-05T10:00:00+08:00'));
    // The history below starts in 2024: the policy's first version is taken as in force from then (a bad rating opens a
    // rectification whose deadline the policy in force on the day sets).
    // A published version is never edited (migration 0032's trigger, Art. 16): the test lifts the guard as the table's
    // owner, for this one set-up statement only.
    await w.t.deps.db.transaction(async (tx) => {
      await tx.execute(sql`alter table policy_versions disable trigger policy_versions_no_update`);
      await tx.execute(sql`update policy_versions set effective_from = '2024-01-01' where version = 1`);
      await tx.execute(sql`alter table policy_versions enable trigger policy_versions_no_update`);
    });

    // ——— Centre A (index 0), its enterprises e0 and e1 ———
    // An enterprise's request, accepted after 5 hours, completed, rated 非常满意.
    const r1 = await act.request(w, at('2025-03-03T09:00:00+08:00'), 0, 0, 'consultation');
    const r1a = await act.step(w, at('2025-03-03T14:00:00+08:00'), r1, 'accept');
    await completeAndRate(r1a, '2025-03-05T09:00:00+08:00', 'very_satisfied', '2025-03-06T09:00:00+08:00');
    // Staff-entered at the window, rated 不满意: a rectification answered in time and closed.
    const r2 = await act.record(w, at('2025-04-10T10:00:00+08:00'), 0, 1, 'customs_declaration', 'window');
    await completeAndRate(r2, '2025-04-15T10:00:00+08:00', 'dissatisfied', '2025-04-16T10:00:00+08:00');
    await answer(r2.id, '2025-04-20T10:00:00+08:00');
    await close(r2.id, '2025-04-22T10:00:00+08:00');
    // On site, rated 非常不满意: answered after its deadline, then closed — late.
    const r3 = await act.record(w, at('2025-05-06T10:00:00+08:00'), 0, 0, 'tax_refund', 'onsite');
    await completeAndRate(r3, '2025-05-08T10:00:00+08:00', 'very_dissatisfied', '2025-05-09T10:00:00+08:00');
    await answer(r3.id, '2025-07-15T10:00:00+08:00');
    await close(r3.id, '2025-07-16T10:00:00+08:00');
    // A request accepted after 30 hours and still in progress.
    const r4 = await act.request(w, at('2025-06-01T09:00:00+08:00'), 0, 1, 'consultation');
    const r4a = await act.step(w, at('2025-06-02T15:00:00+08:00'), r4, 'accept');
    await act.step(w, at('2025-06-03T10:00:00+08:00'), r4a, 'progress');
    // A request accepted after 2 hours, then cancelled: counts nowhere.
    const r5 = await act.request(w, at('2025-07-01T09:00:00+08:00'), 0, 0, 'logistics');
    const r5a = await act.step(w, at('2025-07-01T11:00:00+08:00'), r5, 'accept');
    await act.step(w, at('2025-07-02T11:00:00+08:00'), r5a, 'cancel');
    // Online, completed, rated 基本满意 (好评).
    const r6 = await act.record(w, at('2025-08-08T10:00:00+08:00'), 0, 1, 'consultation', 'online');
    await completeAndRate(r6, '2025-08-20T10:00:00+08:00', 'basic', '2025-08-21T10:00:00+08:00');
    // Completed, not rated.
    const r7 = await act.record(w, at('2025-10-09T10:00:00+08:00'), 0, 0, 'training', 'window');
    await completeAndRate(r7, '2025-10-10T10:00:00+08:00', null, '');
    // Rated 不满意 in late December: its deadline falls in 2026, not in this year's rectifications.
    const r8 = await act.record(w, at('2025-12-15T10:00:00+08:00'), 0, 0, 'financing', 'window');
    await completeAndRate(r8, '2025-12-18T10:00:00+08:00', 'dissatisfied', '2025-12-22T10:00:00+08:00');
    // 23:30 on 31 December Beijing time belongs to 2025; 00:30 on 1 January to 2026 (both 2025 in UTC).
    await act.record(w, at('2025-12-31T23:30:00+08:00'), 0, 1, 'insurance', 'window');
    await act.record(w, at('2026-01-01T00:30:00+08:00'), 0, 1, 'legal', 'window');
    // The year before: a record, rated badly, its rectification due in 2024.
    const r0 = await act.record(w, at('2024-11-05T10:00:00+08:00'), 0, 0, 'warehousing', 'window');
    await completeAndRate(r0, '2024-11-06T10:00:00+08:00', 'very_dissatisfied', '2024-11-07T10:00:00+08:00');
    // e2 (centre B's enterprise) first comes to centre A in 2026: not one of A's served enterprises of 2025.
    await requestService(ctxOf(w.t.deps, w.enterprises[1]?.[0] as SessionUser, at('2026-02-01T10:00:00+08:00')), {
      centreId: A,
      category: 'consultation',
      subItem: subItemOf('consultation'),
      requestText: '请协助了解出口政策。',
    });

    // ——— Centre B (index 1): records and activities of its own, in the same year ———
    const b1 = await act.record(w, at('2025-03-10T10:00:00+08:00'), 1, 0, 'consultation', 'window');
    await completeAndRate(b1, '2025-03-11T10:00:00+08:00', 'satisfied', '2025-03-12T10:00:00+08:00');
    await act.record(w, at('2025-09-10T10:00:00+08:00'), 1, 1, 'logistics', 'online');

    // ——— Centre C (index 2): began serving in July, staff-entered records only, none completed ———
    const c1 = await act.record(w, at('2025-07-20T10:00:00+08:00'), 2, 0, 'filing_agency', 'window');
    await act.step(w, at('2025-07-21T10:00:00+08:00'), c1, 'progress');
    await act.record(w, at('2025-09-02T10:00:00+08:00'), 2, 1, 'consultation', 'window');

    // ——— Activities ———
    const opA = w.operators[0] as SessionUser;
    const opB = w.operators[1] as SessionUser;
    const activity = (
      op: SessionUser,
      when: string,
      a: { kind: 'training' | 'exhibition' | 'market_expansion' | 'policy_promotion'; subKind?: string },
      startOn: string,
      endOn: string,
      participantCount: number,
      enterpriseIds: number[],
    ) =>
      recordActivity(ctxOf(w.t.deps, op, at(when)), {
        kind: a.kind,
        subKind: a.subKind ?? null,
        title: `${a.kind}活动${startOn}`,
        startOn,
        endOn,
        place: '宜昌市会展中心',
        participantCount,
        enterpriseIds,
      });
    await activity(
      opA,
      '2024-05-01T10:00:00+08:00',
      { kind: 'training', subKind: 'lecture' },
      '2024-06-01',
      '2024-06-01',
      80,
      [ent[0] as number],
    );
    await activity(
      opA,
      '2024-12-01T10:00:00+08:00',
      { kind: 'market_expansion', subKind: 'overseas_market' },
      '2024-12-30',
      '2025-01-02',
      6,
      [ent[1] as number],
    );
    await activity(
      opA,
      '2025-03-01T10:00:00+08:00',
      { kind: 'training', subKind: 'large_training' },
      '2025-03-15',
      '2025-03-15',
      40,
      [ent[0] as number],
    );
    await activity(
      opA,
      '2025-04-01T10:00:00+08:00',
      { kind: 'exhibition', subKind: 'canton_fair' },
      '2025-04-15',
      '2025-04-19',
      12,
      [ent[0] as number, ent[1] as number],
    );
    await activity(
      opA,
      '2025-10-01T10:00:00+08:00',
      { kind: 'exhibition', subKind: 'online' },
      '2025-10-10',
      '2025-10-10',
      5,
      [ent[1] as number],
    );
    await activity(opA, '2025-11-01T10:00:00+08:00', { kind: 'policy_promotion' }, '2025-11-20', '2025-11-20', 30, []);
    await activity(
      opB,
      '2025-05-01T10:00:00+08:00',
      { kind: 'exhibition', subKind: 'canton_fair' },
      '2025-05-15',
      '2025-05-16',
      9,
      [ent[2] as number],
    );

    // ——— Trade ———
    const province = w.viewers.province as SessionUser;
    await ingestAs(w.t.deps, province, at('2026-01-10T10:00:00+08:00'), [
      // e0: traded in 2024 and 2025 (exports and an import).
      declaration(code[0] as string, '2024-06-10', { amount: 1_000_000 }),
      declaration(code[0] as string, '2025-02-10', { chapters: [{ code: '8501100010', amount: '1234567.89' }] }),
      declaration(code[0] as string, '2025-09-10', {
        direction: 'import',
        chapters: [{ code: '8501100010', amount: '200000.11' }],
      }),
      // e1: first trade ever on 20 May 2025, served by A on 10 April — 新开口, credited to A.
      declaration(code[1] as string, '2025-05-20', { amount: 300_000 }),
      // e2: centre B's enterprise, not served by A in 2025.
      declaration(code[2] as string, '2024-03-01', { amount: 50_000 }),
      declaration(code[2] as string, '2025-03-01', { amount: 70_000 }),
      // e4: centre C's, traded both years.
      declaration(code[4] as string, '2024-08-01', { amount: 10_000 }),
      declaration(code[4] as string, '2025-08-01', { amount: 12_000 }),
    ]);
  }, 240_000);

  afterAll(async () => {
    await w?.t.close();
  });

  /** The figures recomputed here from the raw rows, with the definitions written out once more. */
  async function expected(centreId: number, year: number, asOf: string): Promise<TMetricValues> {
    const from = new Date(`${year}-01-01T00:00:00+08:00`);
    const to = new Date(`${year + 1}-01-01T00:00:00+08:00`);
    const recs = (
      await rawRows<Record<string, unknown>>(
        w.t.deps,
        sql`select r.id, r.enterprise_id, r.category, r.source, r.status, r.submitted_at, r.accepted_at,
          r.completed_at, g.level from service_records r left join service_ratings g on g.record_id = r.id
          where r.centre_id = ${centreId}`,
      )
    ).filter((r) => {
      const t = new Date(r.submitted_at as string).getTime();
      return t >= from.getTime() && t < to.getTime() && r.status !== 'cancelled';
    });
    const pct = (x: number, y: number) => (y === 0 ? null : Math.round((x / y) * 10_000) / 100);
    const ms = (a: unknown, b: unknown) => new Date(a as string).getTime() - new Date(b as string).getTime();
    const responded = recs.filter((r) => r.source === 'enterprise' && r.accepted_at);
    const completed = recs.filter((r) => r.status === 'completed');
    const timed = completed.filter((r) => r.completed_at);
    const rated = completed.filter((r) => r.level);
    const good = rated.filter((r) => GOOD_LEVELS.includes(r.level as (typeof GOOD_LEVELS)[number]));
    const rects = (
      await rawRows<Record<string, unknown>>(
        w.t.deps,
        sql`select status, due_on::text as due_on, answered_on::text as answered_on from rectifications
          where centre_id = ${centreId}`,
      )
    ).filter((r) => String(r.due_on).startsWith(String(year)) && (String(r.due_on) < asOf || r.status === 'closed'));
    const onTime = rects.filter(
      (r) => r.status === 'closed' && r.answered_on && String(r.answered_on) <= String(r.due_on),
    );
    // Served by the end of the year: the enterprises with any record at the centre submitted before it ended.
    const served = new Set(
      (
        await rawRows<{ enterprise_id: number }>(
          w.t.deps,
          sql`select distinct enterprise_id from service_records where centre_id = ${centreId} and submitted_at < ${to}`,
        )
      ).map((r) => Number(r.enterprise_id)),
    );
    const decls = await rawRows<{ enterprise_id: number; declared_on: string; cny: string }>(
      w.t.deps,
      sql`select enterprise_id, declared_on::text as declared_on, amount_cny_fen::text as cny from trade_declarations`,
    );
    const fenOf = (y: number) =>
      decls
        .filter((d) => served.has(Number(d.enterprise_id)) && d.declared_on.startsWith(String(y)))
        .reduce((s, d) => s + BigInt(d.cny), 0n);
    const thisFen = fenOf(year);
    const lastFen = fenOf(year - 1);
    const round2 = (num: bigint, den: bigint) => {
      // half up on non-negative figures, half away from zero on negative ones
      const neg = num < 0n;
      const a = neg ? -num : num;
      const q = (a * 2n + den) / (den * 2n);
      return Number(neg ? -q : q) / 100;
    };
    // 新开口: a declaration in the year, none in the three before; credited to the latest service on or before.
    const firstOn = new Map<number, string>();
    for (const d of decls)
      if (d.declared_on.startsWith(String(year))) {
        const e = Number(d.enterprise_id);
        if (!firstOn.has(e) || d.declared_on < (firstOn.get(e) as string)) firstOn.set(e, d.declared_on);
      }
    let newly = 0;
    for (const [e, day] of firstOn) {
      const before = decls.some(
        (d) =>
          Number(d.enterprise_id) === e &&
          Number(d.declared_on.slice(0, 4)) >= year - 3 &&
          Number(d.declared_on.slice(0, 4)) < year,
      );
      if (before) continue;
      const dayEnd = new Date(`${day}T00:00:00+08:00`).getTime() + 86_400_000;
      const last = (
        await rawRows<{ id: number; centre_id: number; submitted_at: string }>(
          w.t.deps,
          sql`select id, centre_id, submitted_at from service_records where enterprise_id = ${e}`,
        )
      )
        .filter((r) => new Date(r.submitted_at).getTime() < dayEnd)
        .sort((x, y) => new Date(y.submitted_at).getTime() - new Date(x.submitted_at).getTime() || y.id - x.id)[0];
      if (last && Number(last.centre_id) === centreId) newly++;
    }
    const heldTo = asOf < `${year}-12-31` ? asOf : `${year}-12-31`;
    const acts = await rawRows<{ id: number; kind: string; participant_count: number }>(
      w.t.deps,
      sql`select id, kind, participant_count from activities where centre_id = ${centreId}
        and start_on <= ${heldTo} and end_on >= ${`${year}-01-01`}`,
    );
    const fair = new Set<number>();
    for (const a of acts.filter((x) => x.kind === 'exhibition'))
      for (const r of await rawRows<{ enterprise_id: number }>(
        w.t.deps,
        sql`select enterprise_id from activity_enterprises where activity_id = ${a.id}`,
      ))
        fair.add(Number(r.enterprise_id));
    return {
      'services.records': recs.length,
      'services.consultations': recs.filter((r) => r.category === 'consultation').length,
      'services.categories': new Set(recs.map((r) => r.category)).size,
      'services.enterprises': new Set(recs.map((r) => Number(r.enterprise_id))).size,
      'services.responseHours': responded.length
        ? Math.round(
            (responded.reduce((s, r) => s + ms(r.accepted_at, r.submitted_at), 0) / 3_600_000 / responded.length) * 10,
          ) / 10
        : null,
      'services.completionDays': timed.length
        ? Math.round(
            (timed.reduce((s, r) => s + ms(r.completed_at, r.submitted_at), 0) / 86_400_000 / timed.length) * 100,
          ) / 100
        : null,
      'feedback.ratingRate': pct(rated.length, completed.length),
      'feedback.goodRate': pct(good.length, rated.length),
      'feedback.rectificationOnTimeRate': pct(onTime.length, rects.length),
      'trade.newlyTrading': newly,
      'trade.servedCny': round2(thisFen, 10_000n),
      'trade.servedGrowthPct': lastFen === 0n ? null : round2((thisFen - lastFen) * 10_000n, lastFen),
      'activities.events': acts.length,
      'activities.participants': acts.reduce((s, a) => s + Number(a.participant_count), 0),
      'activities.fairEnterprises': fair.size,
    };
  }

  it('computes every figure of a centre and year as the raw rows give it, without leaks', async () => {
    const m = await computeYearMetrics(w.t.deps.db, Y, [A, B, C], { today });
    for (const id of [A, B, C]) expect(m.get(id)?.values, `centre ${id}`).toEqual(await expected(id, Y, today));
    const a = m.get(A)?.values as TMetricValues;
    // The same figures spelled out for centre A, so that a wrong definition in both places still shows.
    expect(a).toEqual({
      // r1, r2, r3, r4, r6, r7, r8 and the 23:30 record of 31 December; not r5 (cancelled), not 1 January 2026.
      // Categories: consultation, customs declaration, tax refund, training, financing, insurance.
      'services.records': 8,
      'services.consultations': 3,
      'services.categories': 6,
      'services.enterprises': 2,
      // r1 waited 5 h, r4 30 h; staff-entered records and the cancelled r5 do not count.
      'services.responseHours': 17.5,
      // r1 2 d, r2 5 d, r3 2 d, r6 12 d, r7 1 d, r8 3 d → 25 / 6.
      'services.completionDays': 4.17,
      // Completed 6, rated 5 (r7 unrated).
      'feedback.ratingRate': 83.33,
      // 非常满意, 基本满意 of five ratings (不满意 ×2, 非常不满意).
      'feedback.goodRate': 40,
      // r2 in time, r3 late; r8's is due in 2026, r0's in 2024.
      'feedback.rectificationOnTimeRate': 50,
      'trade.newlyTrading': 1,
      // e0 1,434,568.00 + e1 300,000.00 = 1,734,568.00 CNY.
      'trade.servedCny': 173.46,
      // against e0's 1,000,000.00 of 2024 (e1 had none).
      'trade.servedGrowthPct': 73.46,
      // The trip of 30 Dec 2024 – 2 Jan 2025, the training, two exhibitions, the promotion; not the 2024 lecture.
      'activities.events': 5,
      'activities.participants': 93,
      'activities.fairEnterprises': 2,
    });
    const ev = m.get(A)?.evidence;
    expect(ev?.['feedback.ratingRate']).toMatchObject({ numerator: 5, denominator: 6 });
    expect(ev?.['feedback.rectificationOnTimeRate']).toMatchObject({ numerator: 1, denominator: 2 });
    expect(ev?.['services.records']?.link).toBe(
      `/services?centreId=${A}&from=2025-01-01&to=2025-12-31&status=submitted&status=accepted&status=in_progress&status=completed`,
    );
    expect(ev?.['trade.servedCny']?.link).toBe(`/trade/declarations?centreId=${A}&year=2025`);
    expect(ev?.['activities.fairEnterprises']?.link).toBe(
      `/activities?centreId=${A}&from=2025-01-01&to=2025-12-31&kind=exhibition`,
    );
    for (const k of METRIC_KEYS) expect(ev?.[k]?.basis, k).toMatch(/[\u4e00-\u9fa5]/);
    expect((await checkFigures(w.t.deps.db)).differences).toEqual([]);
  });

  it('gives a centre that began serving in July only what it did: nothing pro-rated, rates without a base null', async () => {
    const c = (await computeYearMetrics(w.t.deps.db, Y, [C], { today })).get(C)?.values;
    expect(c).toEqual(await expected(C, Y, today));
    expect(c).toMatchObject({
      'services.records': 2,
      'services.categories': 2,
      'services.responseHours': null,
      'services.completionDays': null,
      'feedback.ratingRate': null,
      'feedback.goodRate': null,
      'feedback.rectificationOnTimeRate': null,
      // e4 served from July: its whole 2025 against its whole 2024, 12,000 against 10,000.
      'trade.servedCny': 1.2,
      'trade.servedGrowthPct': 20,
    });
  });

  it('gives a centre with nothing in a year zeros and nulls, and the same answer one centre at a time', async () => {
    const empty = (await computeYearMetrics(w.t.deps.db, 2022, [A], { today })).get(A)?.values;
    expect(empty).toEqual({
      'services.records': 0,
      'services.consultations': 0,
      'services.categories': 0,
      'services.enterprises': 0,
      'services.responseHours': null,
      'services.completionDays': null,
      'feedback.ratingRate': null,
      'feedback.goodRate': null,
      'feedback.rectificationOnTimeRate': null,
      'trade.newlyTrading': 0,
      'trade.servedCny': 0,
      'trade.servedGrowthPct': null,
      'activities.events': 0,
      'activities.participants': 0,
      'activities.fairEnterprises': 0,
    });
    expect((await computeYearMetrics(w.t.deps.db, Y, [], { today })).size).toBe(0);
    const all = await computeYearMetrics(w.t.deps.db, Y, [A, B, C], { today });
    for (const id of [A, B, C])
      expect((await computeYearMetrics(w.t.deps.db, Y, [id], { today })).get(id)).toEqual(all.get(id));
  });

  it('counts only what is known by today within the current year: planned activities and rectifications not yet due wait', async () => {
    // As of 10 October 2025: the online fair of that day is held, the promotion of 20 November is still planned.
    const asOf = '2025-10-10';
    const a = (await computeYearMetrics(w.t.deps.db, Y, [A], { today: asOf })).get(A);
    expect(a?.values).toEqual(await expected(A, Y, asOf));
    expect(a?.values['activities.events']).toBe(4);
    expect(a?.evidence['activities.events']?.link).toBe(`/activities?centreId=${A}&from=2025-01-01&to=2025-10-10`);
  });
});
