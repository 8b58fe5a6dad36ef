import { type SQL, sql } from 'drizzle-orm';
import type { TFraudSignal, TSignalEvidence, TSignalText } from '../../../contracts/assessment-signals';
import type { TRatingLevel } from '../../../contracts/service-record';
import { type Db, rowsOf } from '../../db/client';
import { RATING_LEVEL_LABELS } from '../../lib/labels';
import { beijingDay } from '../../policy/policy';
import type { SignalThresholds, SignalWindow } from './signals';

/*
 * The four checks behind fraudSignals (signals.ts), one query each (two for the first), every one bounded by the
 * centre and the year on indexed columns: service_records (centre_id, submitted_at), service_ratings (centre_id,
 * rated_at), audit_entries by object and the sign-in entries (partial indexes of migration audit_sign_in_idx),
 * trade_served (centre_id), activities (centre_id, start_on). Raw reads, never writes.
 */

/** At most this many evidence rows per signal; the total is always given. */
export const SIGNAL_EVIDENCE_ROWS = 20;

type Row = Record<string, unknown>;
const DAY_MS = 86_400_000;

function iso(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  return (v instanceof Date ? v : new Date(String(v))).toISOString();
}
const num = (v: unknown) => Number(v ?? 0);
const text = (v: unknown) => (v === null || v === undefined ? null : String(v));

/** 2026-12-07 → 2026年12月7日 (zh) / 2026-12-07 (en). */
function zhDay(day: string): string {
  const [y, m, d] = day.split('-');
  return `${y}年${Number(m)}月${Number(d)}日`;
}
const lastDayOf = (end: Date) => beijingDay(new Date(end.getTime() - 1));
const fmt = (n: number, digits = 1) => (Number.isInteger(n) ? String(n) : n.toFixed(digits));

const SERVICE_COLUMNS = {
  number: { key: 'number', title: { 'zh-CN': '服务编号', en: 'Record' }, type: 'text' },
  enterprise: { key: 'enterprise', title: { 'zh-CN': '企业', en: 'Enterprise' }, type: 'text' },
} as const;

const WHY: Record<'window' | 'backdated', TSignalText> = {
  window: { 'zh-CN': '截止前集中录入', en: 'Entered in the bulk window' },
  backdated: { 'zh-CN': '补录倒签', en: 'Dated back' },
};

/** The centre's records counted for the year, each with when the operation log saw it entered (its creation). */
function yearRecords(w: SignalWindow): SQL {
  // The audit entry's time is the platform's own clock and sits in the hash chain, so the centre cannot move it;
  // a record without one (written outside the use cases) falls back to its own date.
  return sql`select r.id, r.number, r.submitted_at, r.enterprise_id,
      coalesce((select min(a.at) from audit_entries a
                 where a.object_type = 'service_record' and a.object_id = r.id::text
                   and a.action in ('service.recorded', 'service.requested')), r.submitted_at) as logged_at
    from service_records r
    where r.centre_id = ${w.centreId} and r.status <> 'cancelled'
      and r.submitted_at >= ${w.yearStart.toISOString()}::timestamptz
      and r.submitted_at < ${w.yearEnd.toISOString()}::timestamptz`;
}

/** Service records entered in bulk just before the deadline, and records dated back into the year. */
export async function bulkBeforeDeadline(db: Db, w: SignalWindow, t: SignalThresholds): Promise<TFraudSignal | null> {
  const ws = w.windowStart.toISOString();
  const we = w.windowEnd.toISOString();
  const inWindow = sql`(logged_at >= ${ws}::timestamptz and logged_at < ${we}::timestamptz)`;
  const backdated = sql`(logged_at >= submitted_at + make_interval(days => ${t.backdatedAfterDays}::int))`;
  const [counts] = rowsOf<Row>(
    await db.execute(sql`with recs as (${yearRecords(w)})
      select count(*)::int as total, (count(*) filter (where ${inWindow}))::int as in_window,
             (count(*) filter (where ${backdated}))::int as backdated
      from recs`),
  );
  const total = num(counts?.total);
  const windowCount = num(counts?.in_window);
  const backdatedCount = num(counts?.backdated);
  const windowDays = (w.windowEnd.getTime() - w.windowStart.getTime()) / DAY_MS;
  const daysBefore = (w.windowStart.getTime() - w.yearStart.getTime()) / DAY_MS;
  const dailyRate = daysBefore >= 1 ? (total - windowCount) / daysBefore : 0;
  const expected = dailyRate * windowDays;
  const bulk = windowCount >= t.bulkMinRecords && windowCount >= t.bulkRatio * expected;
  if (!bulk && backdatedCount === 0) return null;

  const rows = rowsOf<Row>(
    await db.execute(sql`with recs as (${yearRecords(w)})
      select recs.id, recs.number, recs.submitted_at, recs.logged_at, e.name as enterprise,
             ${backdated} as is_backdated, count(*) over ()::int as shown_total
      from recs join enterprises e on e.id = recs.enterprise_id
      where ${backdated} or (${bulk}::boolean and ${inWindow})
      order by ${backdated} desc, recs.logged_at desc, recs.id desc
      limit ${SIGNAL_EVIDENCE_ROWS}`),
  );
  const from = beijingDay(w.windowStart);
  const to = lastDayOf(w.windowEnd);
  const ratio = expected > 0 ? windowCount / expected : null;
  const zh: string[] = [];
  const en: string[] = [];
  if (bulk) {
    zh.push(
      `本中心${w.year}年计入考核的服务记录共${total}件，此前日均约${fmt(dailyRate, 2)}件；${zhDay(from)}至${zhDay(to)}（${fmt(windowDays)}天）集中录入${windowCount}件` +
        (ratio === null ? '。' : `，是按日均推算数量（约${fmt(expected)}件）的${fmt(ratio)}倍。`),
    );
    en.push(
      `${total} records of ${w.year} count for the assessment, about ${fmt(dailyRate, 2)} a day before; ${windowCount} were entered from ${from} to ${to} (${fmt(windowDays)} days)` +
        (ratio === null ? '.' : `, ${fmt(ratio)} times the ${fmt(expected)} that rate would give.`),
    );
  }
  if (backdatedCount > 0) {
    zh.push(
      `另有${backdatedCount}件服务日期早于平台登记时间${t.backdatedAfterDays}天以上（补录倒签），平台正常录入不会出现这种情况。`,
    );
    en.push(
      `${backdatedCount} records are dated ${t.backdatedAfterDays} or more days before the platform logged their entry (dated back), which normal entry cannot produce.`,
    );
  }
  const evidence: TSignalEvidence = {
    columns: [
      SERVICE_COLUMNS.number,
      SERVICE_COLUMNS.enterprise,
      { key: 'servedAt', title: { 'zh-CN': '服务日期', en: 'Dated' }, type: 'datetime' },
      { key: 'loggedAt', title: { 'zh-CN': '平台登记时间', en: 'Entered on the platform' }, type: 'datetime' },
      { key: 'why', title: { 'zh-CN': '线索', en: 'Why' }, type: 'label' },
    ],
    rows: rows.map((r) => ({
      link: `/services/${num(r.id)}`,
      cells: {
        number: text(r.number),
        enterprise: text(r.enterprise),
        servedAt: iso(r.submitted_at),
        loggedAt: iso(r.logged_at),
        why: r.is_backdated === true ? WHY.backdated : WHY.window,
      },
    })),
    total: num(rows[0]?.shown_total),
  };
  const linkFrom = bulk ? from : `${w.year}-01-01`;
  const linkTo = bulk ? to : `${w.year}-12-31`;
  return {
    kind: 'bulk_before_deadline',
    severity: 'warning',
    title: bulk
      ? { 'zh-CN': '截止前集中录入服务记录', en: 'Service records entered in bulk before the deadline' }
      : { 'zh-CN': '服务记录补录倒签', en: 'Service records dated back' },
    explanation: { 'zh-CN': zh.join(''), en: en.join(' ') },
    evidence,
    link: `/services?centreId=${w.centreId}&from=${linkFrom}&to=${linkTo}`,
    linkAction: 'service.read',
  };
}

/** Ratings sent from an address the centre's own operator accounts signed in from (Art. 8: the served enterprise rates). */
export async function selfRating(db: Db, w: SignalWindow, t: SignalThresholds): Promise<TFraudSignal | null> {
  const ys = w.yearStart.toISOString();
  const due = w.dueEnd.toISOString();
  const rows = rowsOf<Row>(
    await db.execute(sql`with
      centre_sign_ins as (
        select a.ip, string_agg(distinct a.actor_name, '、') as accounts
        from audit_entries a
        where a.action = 'auth.login.succeeded' and a.ip is not null
          and a.actor_id in (select u.id from users u where u.role = 'operator' and u.centre_id = ${w.centreId})
          and a.at >= ${ys}::timestamptz and a.at < ${due}::timestamptz
        group by a.ip),
      centre_ips as (
        select c.* from centre_sign_ins c
        where (select count(distinct s.actor_id) from audit_entries s
                where s.action = 'auth.login.succeeded' and s.ip = c.ip
                  and s.at >= ${ys}::timestamptz and s.at < ${due}::timestamptz) <= ${t.sharedAddressAccounts}::int),
      rated as (
        select s.record_id, s.enterprise_id, s.level, s.rated_at,
               (select a.ip from audit_entries a
                 where a.object_type = 'service_record' and a.object_id = s.record_id::text
                   and a.action = 'service.rated'
                 order by a.id desc limit 1) as ip
        from service_ratings s
        where s.centre_id = ${w.centreId}
          and s.rated_at >= ${ys}::timestamptz and s.rated_at < ${due}::timestamptz)
      select r.record_id, r.level, r.rated_at, r.ip, c.accounts, rec.number, e.name as enterprise,
             count(*) over ()::int as matched, (select count(*)::int from rated) as rated_total,
             (select count(distinct rr.ip)::int from rated rr join centre_ips cc on cc.ip = rr.ip) as addresses
      from rated r
      join centre_ips c on c.ip = r.ip
      join service_records rec on rec.id = r.record_id
      join enterprises e on e.id = r.enterprise_id
      order by r.rated_at desc, r.record_id desc
      limit ${SIGNAL_EVIDENCE_ROWS}`),
  );
  const first = rows[0];
  if (!first) return null;
  const matched = num(first.matched);
  const ratedTotal = num(first.rated_total);
  const addresses = num(first.addresses);
  const due1 = zhDay(lastDayOf(w.dueEnd));
  return {
    kind: 'self_rating',
    severity: 'warning',
    title: { 'zh-CN': '评价来自中心自身网络地址', en: 'Ratings sent from the centre’s own address' },
    explanation: {
      'zh-CN':
        `${w.year}年初至提交截止日（${due1}）本中心收到企业评价${ratedTotal}条，其中${matched}条提交时的网络地址（${addresses}个）` +
        `与本中心运营账号登录时的地址相同。同一园区共用网络的企业也可能如此，请结合评价内容向企业核实。`,
      en:
        `Of ${ratedTotal} ratings the centre received from the start of ${w.year} to the deadline, ${matched} were sent from ` +
        `${addresses} address(es) the centre’s operator accounts signed in from. Enterprises sharing a park’s network can ` +
        `look the same: check with the enterprises.`,
    },
    evidence: {
      columns: [
        SERVICE_COLUMNS.number,
        SERVICE_COLUMNS.enterprise,
        { key: 'level', title: { 'zh-CN': '评价', en: 'Rating' }, type: 'label' },
        { key: 'ratedAt', title: { 'zh-CN': '评价时间', en: 'Rated at' }, type: 'datetime' },
        { key: 'ip', title: { 'zh-CN': '网络地址', en: 'Address' }, type: 'text' },
        {
          key: 'accounts',
          title: { 'zh-CN': '同一地址登录的中心账号', en: 'Centre accounts signed in there' },
          type: 'text',
        },
      ],
      rows: rows.map((r) => ({
        link: `/services/${num(r.record_id)}`,
        cells: {
          number: text(r.number),
          enterprise: text(r.enterprise),
          level: RATING_LEVEL_LABELS[r.level as TRatingLevel] ?? text(r.level),
          ratedAt: iso(r.rated_at),
          ip: text(r.ip),
          accounts: text(r.accounts),
        },
      })),
      total: matched,
    },
    link: `/services?centreId=${w.centreId}&from=${w.year}-01-01&to=${lastDayOf(w.dueEnd)}`,
    linkAction: 'service.read',
  };
}

const SOURCE_LABELS: Record<string, TSignalText> = {
  self: { 'zh-CN': '企业自行注册', en: 'Registered itself' },
  import: { 'zh-CN': '批量导入', en: 'Imported' },
  centre: { 'zh-CN': '中心代为登记', en: 'Entered by a centre' },
};

/** Enterprises that appear in this centre's records only and never declared any trade on the platform. */
export async function neverTradingSingleCentre(
  db: Db,
  w: SignalWindow,
  t: SignalThresholds,
): Promise<TFraudSignal | null> {
  const rows = rowsOf<Row>(
    await db.execute(sql`with
      served as (
        select ts.enterprise_id, ts.first_served_at from trade_served ts
        where ts.centre_id = ${w.centreId} and ts.first_served_at < ${w.yearEnd.toISOString()}::timestamptz),
      lonely as (
        select s.* from served s
        where not exists (select 1 from trade_served o where o.enterprise_id = s.enterprise_id and o.centre_id <> ${w.centreId})
          and not exists (select 1 from trade_declarations d where d.enterprise_id = s.enterprise_id))
      select l.enterprise_id, l.first_served_at, e.name, e.credit_code, e.source,
             (select count(*)::int from service_records r
               where r.enterprise_id = l.enterprise_id and r.centre_id = ${w.centreId}) as records,
             count(*) over ()::int as lonely_total, (select count(*)::int from served) as served_total
      from lonely l join enterprises e on e.id = l.enterprise_id
      order by records desc, l.first_served_at desc, l.enterprise_id
      limit ${SIGNAL_EVIDENCE_ROWS}`),
  );
  const first = rows[0];
  if (!first) return null;
  const lonely = num(first.lonely_total);
  const served = num(first.served_total);
  const share = served > 0 ? lonely / served : 0;
  if (lonely < t.neverTradingMinCount || share < t.neverTradingMinShare) return null;
  const pct = fmt((lonely * 100) / served);
  return {
    kind: 'never_trading_single_centre',
    severity: 'notice',
    title: {
      'zh-CN': '仅本中心服务且从未开展进出口的企业偏多',
      en: 'Many enterprises only this centre served never traded',
    },
    explanation: {
      'zh-CN':
        `截至${w.year}年底本中心服务过${served}家企业，其中${lonely}家（${pct}%）只出现在本中心的服务记录中（其他中心从未服务），` +
        `且在平台上没有任何进出口申报。新企业尚未开口属正常情况，请结合企业实际经营核实。`,
      en:
        `By the end of ${w.year} the centre had served ${served} enterprises; ${lonely} of them (${pct}%) appear in no other ` +
        `centre’s records and never declared any trade on the platform. New enterprises may simply not trade yet: check.`,
    },
    evidence: {
      columns: [
        { key: 'name', title: { 'zh-CN': '企业名称', en: 'Enterprise' }, type: 'text' },
        { key: 'creditCode', title: { 'zh-CN': '统一社会信用代码', en: 'Credit code' }, type: 'text' },
        { key: 'source', title: { 'zh-CN': '登记方式', en: 'Registered by' }, type: 'label' },
        { key: 'firstServedAt', title: { 'zh-CN': '首次服务', en: 'First served' }, type: 'date' },
        { key: 'records', title: { 'zh-CN': '本中心服务记录（件）', en: 'Records here' }, type: 'number' },
      ],
      rows: rows.map((r) => ({
        link: null,
        cells: {
          name: text(r.name),
          creditCode: text(r.credit_code),
          source: SOURCE_LABELS[String(r.source)] ?? text(r.source),
          firstServedAt: iso(r.first_served_at),
          records: num(r.records),
        },
      })),
      total: lonely,
    },
    link: `/services?centreId=${w.centreId}&from=${w.year}-01-01&to=${w.year}-12-31`,
    linkAction: 'service.read',
  };
}

/** Activities whose participant count is far above the enterprises registered for them. */
export async function participantsOverRegistrations(
  db: Db,
  w: SignalWindow,
  t: SignalThresholds,
): Promise<TFraudSignal | null> {
  const from = `${w.year}-01-01`;
  const to = `${w.year}-12-31`;
  const limitExpr = sql`${t.participantsPerRegistration}::int * count(ae.enterprise_id) + ${t.participantsAllowance}::int`;
  const rows = rowsOf<Row>(
    await db.execute(sql`select a.id, a.title, a.start_on::text as start_on, a.participant_count,
             count(ae.enterprise_id)::int as registrations, count(*) over ()::int as flagged_total,
             (select count(*)::int from activities x
               where x.centre_id = ${w.centreId} and x.start_on >= ${from}::date and x.start_on <= ${to}::date) as year_total
      from activities a left join activity_enterprises ae on ae.activity_id = a.id
      where a.centre_id = ${w.centreId} and a.start_on >= ${from}::date and a.start_on <= ${to}::date
      group by a.id
      having a.participant_count > ${limitExpr}
      order by a.participant_count - count(ae.enterprise_id) desc, a.id
      limit ${SIGNAL_EVIDENCE_ROWS}`),
  );
  const first = rows[0];
  if (!first) return null;
  const flagged = num(first.flagged_total);
  const k = t.participantsPerRegistration;
  const m = t.participantsAllowance;
  return {
    kind: 'participants_over_registrations',
    severity: 'notice',
    title: { 'zh-CN': '活动参与人数远超登记企业数', en: 'Participants far above the registered enterprises' },
    explanation: {
      'zh-CN': `本中心${w.year}年登记活动${num(first.year_total)}场，其中${flagged}场的参与人数超过“登记参与企业数×${k}+${m}”，请查看签到表等佐证材料。`,
      en: `Of the centre’s ${num(first.year_total)} activities of ${w.year}, ${flagged} report more participants than registered enterprises × ${k} + ${m}: look at the sign-in sheets.`,
    },
    evidence: {
      columns: [
        { key: 'title', title: { 'zh-CN': '活动名称', en: 'Activity' }, type: 'text' },
        { key: 'startOn', title: { 'zh-CN': '开始日期', en: 'Start' }, type: 'date' },
        { key: 'participants', title: { 'zh-CN': '参与人数', en: 'Participants' }, type: 'number' },
        { key: 'registrations', title: { 'zh-CN': '登记企业数', en: 'Registered enterprises' }, type: 'number' },
      ],
      rows: rows.map((r) => ({
        link: `/activities/${num(r.id)}`,
        cells: {
          title: text(r.title),
          startOn: text(r.start_on),
          participants: num(r.participant_count),
          registrations: num(r.registrations),
        },
      })),
      total: flagged,
    },
    link: `/activities?centreId=${w.centreId}&from=${from}&to=${to}`,
    linkAction: 'activity.read',
  };
}
