import { sql } from 'drizzle-orm';
import { type Db, rowsOf } from '../src/server/db/client';
import { rebuildFigures } from '../src/server/modules/figures';

/**
 * Service records at the scale of SPEC §6 (1,000,000 records and ratings a year), bulk-inserted by a few
 * `insert … select … from generate_series` statements into the demo database the bench has loaded: spread evenly over
 * the operating centres and the enterprises of their parks (of their counties when the park has none), submitted over
 * the last 365 days, mostly completed, ~60 % of the completed ones rated, a few hundred 差评 with rectifications
 * (open, answered, closed; some overdue). Pseudo-random but deterministic: every choice comes from hashint4 of the
 * row number. Numbers are FWB + nine digits, apart from the platform's FW + year + six.
 */
export interface Seeded {
  records: number;
  ratings: number;
  rectifications: number;
  centres: number;
  seconds: number;
  /** Seconds per step: records, ratings, rectifications, figures rebuild, vacuum. */
  steps: Record<string, number>;
}

/** Seconds in 365 days: submitted_at = now() minus up to this. */
const YEAR_S = 365 * 86_400;
/** Records submitted in the last three days are still being handled: any status. */
const RECENT_S = 3 * 86_400;
/** Aim at about this many 差评 (and so rectifications) whatever the number of records. */
const BAD_RATINGS = 300;

export async function seedServiceRecords(db: Db, n: number): Promise<Seeded> {
  const started = performance.now();
  const steps: Record<string, number> = {};
  let last = started;
  const step = (name: string) => {
    const now = performance.now();
    steps[name] = (now - last) / 1000;
    last = now;
  };
  const one = async <T>(q: ReturnType<typeof sql>) => rowsOf<T>(await db.execute(q))[0] as T;
  const before = await one<{ records: number; ratings: number }>(sql`select
      (select coalesce(max(id), 0) from service_records)::int as records,
      (select coalesce(max(id), 0) from service_ratings)::int as ratings`);

  await db.execute(sql`
    insert into service_records (number, centre_id, enterprise_id, county_code, city_code, park_id, category, sub_item,
      channel, source, request_text, status, assignee_id, result_text, cancel_reason, submitted_at, accepted_at,
      completed_at, cancelled_at, is_demo, updated_at)
    with c as (
      select (row_number() over (order by c.id) - 1)::int as k, c.id, c.county_code, c.city_code, c.park_id,
        array(select jsonb_array_elements_text(c.services)) as cats,
        coalesce(
          (select array_agg(e.id order by e.id) from enterprises e where e.park_id = c.park_id and e.status = 'approved'),
          (select array_agg(e.id order by e.id) from enterprises e
            where e.county_code = c.county_code and e.status = 'approved')
        ) as ents,
        (select min(s.id) from centre_staff s where s.centre_id = c.id) as staff
      from centres c
      where c.status = 'operating'
        and exists (select 1 from enterprises e where e.county_code = c.county_code and e.status = 'approved')
    ), nc as (select count(*)::int as n from c)
    select 'FWB' || lpad(g.i::text, 9, '0'), c.id, c.ents[1 + h.h3 % cardinality(c.ents)], c.county_code, c.city_code,
      c.park_id, c.cats[1 + h.h2 % cardinality(c.cats)], 'other',
      case when so.source = 'enterprise' then 'online' else (array['window', 'onsite', 'online'])[1 + (h.h3 / 3) % 3] end,
      so.source, '咨询出口退税及RCEP原产地证书申领（压测数据）', st.status,
      case when t1.accepted_at is not null then c.staff end,
      case when st.status = 'completed' then '已办结，相关材料已交企业（压测数据）' end,
      case when st.status = 'cancelled' then '企业撤回申请（压测数据）' end,
      t0.submitted_at, t1.accepted_at, t2.completed_at, t2.cancelled_at, true,
      coalesce(t2.completed_at, t2.cancelled_at, t1.accepted_at, t0.submitted_at)
    from generate_series(1, ${n}::int) g(i)
    cross join lateral (select hashint4(g.i)::bigint & 2147483647 as h1, hashint4(-g.i)::bigint & 2147483647 as h2,
      hashint4(g.i # 1431655765)::bigint & 2147483647 as h3) h
    cross join lateral (select (h.h1 % ${YEAR_S}::int)::int as age) a
    cross join lateral (select case
      when a.age < ${RECENT_S}::int then (array['submitted', 'accepted', 'in_progress', 'completed'])[1 + h.h3 % 4]
      when h.h2 % 1000 < 20 then 'cancelled'
      when h.h2 % 1000 < 25 then 'in_progress'
      else 'completed' end as status) st
    cross join lateral (select case when st.status = 'submitted' or h.h3 % 3 = 0 then 'enterprise' else 'staff' end
      as source) so
    cross join lateral (select now() - make_interval(secs => a.age) as submitted_at) t0
    cross join lateral (select case
      when st.status = 'submitted' or (st.status = 'cancelled' and so.source = 'enterprise') then null
      else least(now(), t0.submitted_at + make_interval(secs => case when so.source = 'enterprise' then h.h2 % 28800
        else 0 end)) end as accepted_at) t1
    cross join lateral (select
      case when st.status = 'completed' then least(now(), t1.accepted_at + make_interval(secs => 3600 + h.h1 % 432000))
      end as completed_at,
      case when st.status = 'cancelled' then least(now(), t0.submitted_at + interval '2 hours') end as cancelled_at) t2
    join c on c.k = g.i % (select n from nc)`);
  step('records');

  // ~60 % of the completed records rated, within three days of completion; about BAD_RATINGS of them 差评.
  const completed = await one<{ n: number }>(
    sql`select count(*)::int as n from service_records where id > ${before.records} and status = 'completed'`,
  );
  const badEvery = Math.max(20, Math.round((completed.n * 0.6) / BAD_RATINGS));
  // The record carries its rating's level, as rate-service writes it (decision 0017).
  await db.execute(sql`
    with rated as (
    insert into service_ratings (record_id, enterprise_id, centre_id, county_code, city_code, level, efficiency,
      attitude, professionalism, comment, rated_at)
    select r.id, r.enterprise_id, r.centre_id, r.county_code, r.city_code, lv.level,
      case when lv.bad then 2 else 4 + x.h2 % 2 end, case when lv.bad then 3 else 5 end,
      case when lv.bad then 3 else 4 + x.h2 % 2 end,
      case when lv.bad then '办理周期偏长，进度反馈不及时。' else '服务专业，响应及时。' end,
      least(now(), r.completed_at + make_interval(secs => 600 + x.h % 259200))
    from service_records r
    cross join lateral (select hashint4(r.id)::bigint & 2147483647 as h, hashint4(-r.id)::bigint & 2147483647 as h2,
      hashint4(r.id # 1431655765)::bigint & 2147483647 as h3) x
    cross join lateral (select x.h3 % ${badEvery}::int = 0 as bad) b
    cross join lateral (select case
      when b.bad then (array['dissatisfied', 'very_dissatisfied'])[1 + x.h2 % 2]
      else (array['very_satisfied', 'very_satisfied', 'very_satisfied', 'satisfied', 'satisfied', 'basic'])[1 + x.h2 % 6]
      end as level, b.bad) lv
    where r.id > ${before.records} and r.status = 'completed' and x.h % 100 < 60
    returning record_id, level)
    update service_records r set rating_level = rated.level from rated where r.id = rated.record_id`);
  step('ratings');

  // A rectification for every 差评: the due day 21 calendar days on (≈ 15 working days); old ones mostly closed,
  // recent ones open, answered or closed, so that some are overdue (open past due, or answered after it).
  await db.execute(sql`
    insert into rectifications (rating_id, record_id, centre_id, county_code, city_code, status, opened_on, due_on,
      answer, answered_on, follow_up, followed_up_on, policy_version, created_at, updated_at)
    select g.id, g.record_id, g.centre_id, g.county_code, g.city_code, st.status, o.opened, o.opened + 21,
      case when st.status <> 'open' then '已约谈经办人员，建立进度周报制度。' end,
      case when st.status <> 'open' then least(o.today, o.opened + (g.id % 25)) end,
      case when st.status = 'closed' then '整改到位，同意办结。' end,
      case when st.status = 'closed' then least(o.today, o.opened + (g.id % 25) + 2) end,
      (select max(version) from policy_versions), g.rated_at, g.rated_at
    from service_ratings g
    cross join lateral (select (timezone('UTC', g.rated_at) + interval '8 hours')::date as opened,
      (timezone('UTC', now()) + interval '8 hours')::date as today) o
    cross join lateral (select case
      when o.today - o.opened > 60 then case when g.id % 5 = 0 then 'open' else 'closed' end
      else (array['open', 'answered', 'closed'])[1 + g.id % 3] end as status) st
    where g.id > ${before.ratings} and g.level in ('dissatisfied', 'very_dissatisfied')`);
  step('rectifications');

  // The figures layer: the seeder writes past the use cases that move it, so it is counted once from the rows.
  await rebuildFigures(db);
  step('figures rebuild');

  // Autovacuum would have passed over a year's records long before anyone looks: without the visibility map that
  // it sets, counts cannot use index-only scans and read every heap page the scope touches.
  for (const table of [
    'service_records',
    'service_ratings',
    'rectifications',
    'service_figures_month',
    'service_figures_status',
    'service_figures_centre',
    'service_figures_enterprise',
  ])
    await db.execute(sql.raw(`vacuum (analyze) ${table}`));
  step('vacuum analyze');
  const after = await one<Omit<Seeded, 'seconds'>>(sql`select
      (select count(*) from service_records where id > ${before.records})::int as records,
      (select count(*) from service_ratings where id > ${before.ratings})::int as ratings,
      (select count(*) from rectifications r join service_ratings g on g.id = r.rating_id
        where g.id > ${before.ratings})::int as rectifications,
      (select count(distinct centre_id) from service_records where id > ${before.records})::int as centres`);
  return { ...after, seconds: (last - started) / 1000, steps };
}
