import { and, count, desc, eq, type SQL, sql } from 'drizzle-orm';
import type { TLocale } from '../../../contracts/common';
import type {
  TAnswerRectificationRequest,
  TFollowUpRectificationRequest,
  TRectification,
  TRectificationListQuery,
} from '../../../contracts/service-record';
import { auditContext, type RequestContext } from '../../context';
import type { Db } from '../../db/client';
import { centres, enterprises, rectifications, regions, serviceRatings, serviceRecords } from '../../db/schema';
import { requireAction } from '../../lib/access/require-access';
import { rectificationScope } from '../../lib/access/scope';
import { writeAudit } from '../../lib/audit';
import { AppError, invalidTransition } from '../../lib/errors';
import { RECTIFICATION_STATUS_LABELS } from '../../lib/labels';
import { policyForRegion, regionalTimeline } from '../../policy/city-rules';
import { beijingDay } from '../../policy/policy';
import { rectificationDeadline, rectificationRule } from '../../policy/rules/deadlines';
import { calendarsUsed, describeCalendars } from '../../policy/rules/working-calendar';
import { deliverOutbound, notify } from '../message/notify';

function select(db: Db) {
  return db
    .select({
      x: rectifications,
      recordNumber: serviceRecords.number,
      centreName: centres.name,
      enterpriseName: enterprises.name,
      countyName: regions.name,
      ratingLevel: serviceRatings.level,
      ratingComment: serviceRatings.comment,
    })
    .from(rectifications)
    .innerJoin(serviceRecords, eq(serviceRecords.id, rectifications.recordId))
    .innerJoin(serviceRatings, eq(serviceRatings.id, rectifications.ratingId))
    .innerJoin(centres, eq(centres.id, rectifications.centreId))
    .innerJoin(enterprises, eq(enterprises.id, serviceRecords.enterpriseId))
    .innerJoin(regions, eq(regions.code, rectifications.countyCode));
}
type Row = Awaited<ReturnType<ReturnType<typeof select>['execute']>>[number];

/** Open past the due day, or answered after it. */
export function overdueRectification(today: string): SQL {
  return sql`((${rectifications.status} = 'open' and ${rectifications.dueOn} < ${today})
    or (${rectifications.answeredOn} is not null and ${rectifications.answeredOn} > ${rectifications.dueOn}))`;
}

function present(r: Row, today: string, rule: string, locale: TLocale): TRectification {
  const x = r.x;
  return {
    id: x.id,
    recordId: x.recordId,
    recordNumber: r.recordNumber,
    centreId: x.centreId,
    centreName: r.centreName,
    enterpriseName: r.enterpriseName,
    countyName: r.countyName,
    ratingLevel: r.ratingLevel,
    ratingComment: r.ratingComment,
    status: x.status,
    openedOn: x.openedOn,
    dueOn: x.dueOn,
    overdue: (x.status === 'open' && x.dueOn < today) || (x.answeredOn !== null && x.answeredOn > x.dueOn),
    answer: x.answer,
    answeredOn: x.answeredOn,
    followUp: x.followUp,
    followedUpOn: x.followedUpOn,
    rule,
    calendar: describeCalendars(calendarsUsed(x.openedOn, x.dueOn))[locale],
    version: x.version,
  };
}

/** The rule's words for a rectification of `cityCode`: its implementing rule may shorten the period (Art. 15). */
async function ruleText(ctx: RequestContext, day: string, cityCode: string) {
  return rectificationRule(await policyForRegion(ctx.deps.db, day, cityCode))[ctx.locale];
}

/** One rectification, without a scope check: the caller has already been allowed to see its record. */
export async function loadRectification(ctx: RequestContext, id: number, today: string): Promise<TRectification> {
  const [row] = await select(ctx.deps.db).where(eq(rectifications.id, id)).limit(1);
  if (!row) throw new AppError('NOT_FOUND', { id });
  return present(row, today, await ruleText(ctx, row.x.openedOn, row.x.cityCode), ctx.locale);
}

/** A 不满意/非常不满意 rating opens a rectification, due in the parameter's working days (in the rating's transaction). */
export async function openRectification(
  tx: Db,
  ctx: RequestContext,
  rating: {
    id: number;
    recordId: number;
    recordNumber: string;
    centreId: number;
    countyCode: string;
    cityCode: string;
  },
  now: Date,
) {
  const today = beijingDay(now);
  // Art. 15: the city's implementing rule may shorten the period for its region.
  const policy = await policyForRegion(tx, today, rating.cityCode);
  const dueOn = rectificationDeadline(today, policy);
  const [row] = await tx
    .insert(rectifications)
    .values({
      ratingId: rating.id,
      recordId: rating.recordId,
      centreId: rating.centreId,
      countyCode: rating.countyCode,
      cityCode: rating.cityCode,
      status: 'open',
      openedOn: today,
      dueOn,
      policyVersion: policy.version,
      createdAt: now,
      updatedAt: now,
    })
    .returning({ id: rectifications.id });
  if (!row) throw new Error('rectification insert returned nothing');
  await writeAudit(tx, auditContext(ctx, now), {
    action: 'rectification.opened',
    objectType: 'rectification',
    objectId: row.id,
    after: { recordId: rating.recordId, dueOn, policyVersion: policy.version },
  });
  const params = { number: rating.recordNumber, dueOn };
  const link = `/services/${rating.recordId}`;
  return [
    ...(await notify(
      tx,
      { centreId: rating.centreId },
      { kind: 'rectification.opened', params, link, subject: `rectification:${row.id}`, at: now },
    )),
    ...(await notify(
      tx,
      { countyCode: rating.countyCode },
      { kind: 'rectification.opened', params, link, subject: `rectification:${row.id}`, at: now },
    )),
  ];
}

export async function listRectifications(
  ctx: RequestContext,
  q: TRectificationListQuery,
  limit: number,
  offset: number,
): Promise<{ items: TRectification[]; total: number }> {
  const user = requireAction(ctx.user, 'rectification.read');
  const today = beijingDay(ctx.deps.clock());
  const conds: SQL[] = [rectificationScope(user)];
  if (q.centreId) conds.push(eq(rectifications.centreId, q.centreId));
  if (q.status) conds.push(eq(rectifications.status, q.status));
  if (q.overdue === 'true') conds.push(overdueRectification(today));
  const where = and(...conds);
  const [rows, total] = await Promise.all([
    select(ctx.deps.db)
      .where(where)
      .orderBy(desc(rectifications.openedOn), desc(rectifications.id))
      .limit(limit)
      .offset(offset),
    ctx.deps.db.select({ n: count() }).from(rectifications).where(where),
  ]);
  // Art. 16: each rectification is shown under the version and city rule in force on the day it was opened — the
  // period it was given — not today's.
  const timeline = await regionalTimeline(ctx.deps.db);
  return {
    items: rows.map((r) =>
      present(r, today, rectificationRule(timeline.onIn(r.x.openedOn, r.x.cityCode))[ctx.locale], ctx.locale),
    ),
    total: total[0]?.n ?? 0,
  };
}

type Step = 'answer' | 'accept' | 'reopen';
const STEP_LABELS = {
  answer: { 'zh-CN': '答复整改', en: 'answer' },
  accept: { 'zh-CN': '确认整改', en: 'accept the answer' },
  reopen: { 'zh-CN': '退回整改', en: 'send back' },
} as const;

async function step(ctx: RequestContext, id: number, s: Step, version: number, text: string): Promise<TRectification> {
  const user = requireAction(ctx.user, s === 'answer' ? 'rectification.answer' : 'rectification.followUp');
  const db = ctx.deps.db;
  const [row] = await db
    .select()
    .from(rectifications)
    .where(and(eq(rectifications.id, id), rectificationScope(user)))
    .limit(1);
  if (!row) throw new AppError('NOT_FOUND', { id });
  const from = s === 'answer' ? 'open' : 'answered';
  if (row.status !== from) throw invalidTransition(row.status, RECTIFICATION_STATUS_LABELS[row.status], STEP_LABELS[s]);
  if (row.version !== version) throw new AppError('VERSION_CONFLICT', { id, version });
  const now = ctx.deps.clock();
  const today = beijingDay(now);
  const [record] = await db
    .select({ number: serviceRecords.number })
    .from(serviceRecords)
    .where(eq(serviceRecords.id, row.recordId));
  const to = s === 'answer' ? 'answered' : s === 'accept' ? 'closed' : 'open';
  const set =
    s === 'answer'
      ? { answer: text, answeredOn: today, answeredBy: user.id || null }
      : // Sent back: the centre answers again under the same deadline; the earlier answer stays in the audit log.
        {
          followUp: text,
          followedUpOn: today,
          followedUpBy: user.id || null,
          ...(s === 'reopen' ? { answeredOn: null } : {}),
        };
  const sent = await db.transaction(async (tx) => {
    const done = await tx
      .update(rectifications)
      .set({ ...set, status: to, version: row.version + 1, updatedAt: now })
      .where(and(eq(rectifications.id, id), eq(rectifications.version, version)))
      .returning({ id: rectifications.id });
    if (done.length === 0) throw new AppError('VERSION_CONFLICT', { id, version });
    await writeAudit(tx, auditContext(ctx, now), {
      action:
        s === 'answer'
          ? 'rectification.answered'
          : s === 'accept'
            ? 'rectification.accepted'
            : 'rectification.reopened',
      objectType: 'rectification',
      objectId: id,
      before: { status: row.status, answer: row.answer, answeredOn: row.answeredOn, version: row.version },
      after: { status: to, ...set, version: row.version + 1 },
    });
    const link = `/services/${row.recordId}`;
    if (s === 'answer')
      return notify(
        tx,
        { countyCode: row.countyCode },
        { kind: 'rectification.answered', params: { number: record?.number ?? '' }, link, at: now },
      );
    if (s === 'reopen')
      return notify(
        tx,
        { centreId: row.centreId },
        { kind: 'rectification.reopened', params: { number: record?.number ?? '', comment: text }, link, at: now },
      );
    return [];
  });
  deliverOutbound(ctx.deps, sent);
  return loadRectification(ctx, id, today);
}

/** The centre answers what it did about the bad rating (once per round). */
export function answerRectification(ctx: RequestContext, id: number, input: TAnswerRectificationRequest) {
  return step(ctx, id, 'answer', input.version, input.answer);
}

/** The county accepts the answer (closed) or sends it back (open again, same deadline). */
export function followUpRectification(ctx: RequestContext, id: number, input: TFollowUpRectificationRequest) {
  return step(ctx, id, input.decision, input.version, input.comment);
}
