import { and, eq, sql } from 'drizzle-orm';
import { centreIsServing } from '../../../contracts/centre';
import { isSubItemOf } from '../../../contracts/service-catalogue';
import { SERVICE_CATEGORY_NAMES, type TServiceCategory } from '../../../contracts/service-category';
import type {
  TRecordServiceRequest,
  TRequestServiceRequest,
  TServiceRecordDetail,
} from '../../../contracts/service-record';
import { auditContext, type RequestContext } from '../../context';
import type { Db } from '../../db/client';
import { oneStatement } from '../../db/one-statement';
import { centreStaff, centres, serviceRecords } from '../../db/schema';
import { requireAction } from '../../lib/access/require-access';
import { enterpriseScope } from '../../lib/access/scope';
import type { SessionUser } from '../../lib/access/session-user';
import { auditStatement, executeAudited } from '../../lib/audit';
import { AppError, invalidField } from '../../lib/errors';
import { beijingDay } from '../../policy/policy';
import { centreHasOperated } from '../centre';
import { CENTRE_STATUS_LABELS } from '../centre/centre.machine';
import {
  enterpriseById,
  insertApprovedEnterprise,
  notApproved,
  resolveEnterprise,
} from '../enterprise/enter-enterprise';
import { beijingMonthOf, noteServedStatements, recordDeltaStatements } from '../figures';
import { deliverOutbound, notify, type OutboundMessage } from '../message/notify';
import { allowedSteps, getServiceRecordDetail } from './service-detail';
import { presentServiceRecord, progressInsert, reserveRecordIds } from './service-record.repository';

/** The centre must serve (its operator filed, Art. 10(三); centreIsServing) and offer the category (Art. 5). */
async function serviceCentre(db: Db, centreId: number, category: TServiceCategory) {
  const [row] = await db
    .select({
      c: centres,
      hasOperated: centreHasOperated,
      // The names the new record's page shows, read with the centre rather than after the write (target 4).
      countyName: sql<string>`(select g.name from regions g where g.code = "centres"."county_code")`,
      cityName: sql<string>`(select g.name from regions g where g.code = "centres"."city_code")`,
    })
    .from(centres)
    .where(eq(centres.id, centreId))
    .limit(1);
  if (!row) throw new AppError('NOT_FOUND', { id: centreId, field: 'centreId' });
  const c = row.c;
  if (!centreIsServing({ status: c.status, hasOperated: row.hasOperated })) {
    const label = CENTRE_STATUS_LABELS[c.status];
    throw new AppError('CENTRE_NOT_OPERATING', {
      name: c.name,
      field: 'centreId',
      'statusLabel_zh-CN': label['zh-CN'],
      statusLabel_en: label.en,
    });
  }
  if (!c.services.includes(category)) {
    throw new AppError('SERVICE_NOT_OFFERED', {
      name: c.name,
      field: 'category',
      'categoryLabel_zh-CN': SERVICE_CATEGORY_NAMES[category]['zh-CN'],
      categoryLabel_en: SERVICE_CATEGORY_NAMES[category].en,
    });
  }
  return { ...c, countyName: row.countyName, cityName: row.cityName };
}

function checkSubItem(category: TServiceCategory, subItem: string) {
  if (!isSubItemOf(category, subItem))
    throw invalidField('subItem', {
      'zh-CN': `“${subItem}”不是该服务类别（第五条）下的事项`,
      en: `"${subItem}" is not an item of this category (Art. 5)`,
    });
}

interface NewRecord {
  centre: Awaited<ReturnType<typeof serviceCentre>>;
  enterpriseId: number;
  category: TServiceCategory;
  subItem: string;
  channel: 'window' | 'online' | 'onsite';
  source: 'enterprise' | 'staff';
  requestText: string;
  assigneeId: number | null;
}

type RecordRow = typeof serviceRecords.$inferSelect;

/**
 * The new record, its figures, its progress entry and its audit entry as one statement (db/one-statement.ts), which
 * PostgreSQL runs as one transaction of its own when `db` is not already one: where a record took eight round trips
 * (begin, number, insert, two figures upserts, progress, audit, commit) it takes two — its id and number from the
 * sequences, then the write (issue 12 target 4). The row is built here in full, every column, so the answer is made
 * from exactly what was written (newRecordDetail).
 */
async function insertRecord(db: Db, ctx: RequestContext, user: SessionUser, n: NewRecord, now: Date) {
  const status = n.source === 'enterprise' ? 'submitted' : 'accepted';
  const { id, number } = await reserveRecordIds(db, Number(now.toISOString().slice(0, 4)));
  const record: RecordRow = {
    id,
    number,
    centreId: n.centre.id,
    enterpriseId: n.enterpriseId,
    countyCode: n.centre.countyCode,
    cityCode: n.centre.cityCode,
    parkId: n.centre.parkId,
    category: n.category,
    subItem: n.subItem,
    channel: n.channel,
    source: n.source,
    requestText: n.requestText,
    status,
    assigneeId: n.assigneeId,
    resultText: null,
    cancelReason: null,
    submittedAt: now,
    acceptedAt: status === 'accepted' ? now : null,
    completedAt: null,
    cancelledAt: null,
    ratingLevel: null,
    reminderCount: 0,
    lastRemindedAt: null,
    createdBy: user.id || null,
    isDemo: n.centre.isDemo,
    version: 1,
    updatedAt: now,
  };
  // The figures move in the same transaction (issue 12). A new record has no rating, no completion, and no response
  // time yet (a staff-entered one starts accepted but counts no wait: SPEC §2).
  const figures = recordDeltaStatements(null, {
    centreId: n.centre.id,
    enterpriseId: n.enterpriseId,
    cityCode: n.centre.cityCode,
    countyCode: n.centre.countyCode,
    parkId: n.centre.parkId,
    month: beijingMonthOf(now),
    category: n.category,
    channel: n.channel,
    status,
    level: null,
    responseMs: null,
    completionMs: null,
  });
  const audit = auditStatement(auditContext(ctx, now), {
    action: n.source === 'enterprise' ? 'service.requested' : 'service.recorded',
    objectType: 'service_record',
    objectId: id,
    after: { number, ...n, centre: n.centre.id, status },
  });
  const progress = progressInsert(db, user, {
    recordId: id,
    centreId: n.centre.id,
    kind: n.source === 'enterprise' ? 'submitted' : 'accepted',
    note: null,
    statusAfter: status,
    at: now,
  });
  const statement = oneStatement([
    db.insert(serviceRecords).values(record).getSQL(),
    ...figures,
    // The centre has served this enterprise (its trade counts in the centre's monitoring and before/after, issue 13).
    // Its version moves only when that changes a monitoring answer (decision 0031).
    ...noteServedStatements({
      enterpriseId: n.enterpriseId,
      centreId: n.centre.id,
      submittedAt: now,
      day: beijingDay(now),
    }),
    ...(audit ? [audit] : []),
    progress.getSQL(),
  ]);
  const [entry] = statement ? await executeAudited(db, statement) : [];
  if (!entry) throw new Error('progress insert returned nothing');
  return { id, number, record, progressId: Number(entry.id) };
}

/**
 * The new record's page as getServiceRecordDetail would read it back, from the values written: one progress entry,
 * no attachment, rating or rectification yet; the names read with the centre and the enterprise. Saves the five
 * reads of the record just written (issue 12 target 4). test/service-records.test.ts compares it with the read-back.
 */
function newRecordDetail(
  user: SessionUser,
  n: NewRecord,
  written: Awaited<ReturnType<typeof insertRecord>>,
  enterprise: { name: string; creditCode: string },
  assigneeName: string | null,
): TServiceRecordDetail {
  const row = {
    r: written.record,
    centreName: n.centre.name,
    enterpriseName: enterprise.name,
    enterpriseCreditCode: enterprise.creditCode,
    countyName: n.centre.countyName,
    cityName: n.centre.cityName,
    assigneeName,
  };
  const r = written.record;
  return {
    ...presentServiceRecord(row),
    progress: [
      {
        id: written.progressId,
        kind: n.source === 'enterprise' ? 'submitted' : 'accepted',
        note: null,
        statusAfter: r.status,
        actorName: user.displayName,
        actorRole: user.role,
        at: r.submittedAt.toISOString(),
      },
    ],
    attachments: [],
    rating: null,
    rectification: null,
    allowed: allowedSteps(user, row, false),
  };
}

/** An enterprise asks a centre for a service (Art. 5): 待受理 until the centre accepts; the centre is told. */
export async function requestService(
  ctx: RequestContext,
  input: TRequestServiceRequest,
): Promise<TServiceRecordDetail> {
  const user = requireAction(ctx.user, 'service.request');
  const db = ctx.deps.db;
  const enterprise = user.enterpriseId ? await enterpriseById(db, user.enterpriseId) : null;
  if (!enterprise) throw new AppError('FORBIDDEN', { action: 'service.request' });
  if (enterprise.status !== 'approved') throw notApproved(enterprise);
  const centre = await serviceCentre(db, input.centreId, input.category);
  checkSubItem(input.category, input.subItem);
  const now = ctx.deps.clock();
  const n: NewRecord = {
    centre,
    enterpriseId: enterprise.id,
    category: input.category,
    subItem: input.subItem,
    channel: 'online',
    source: 'enterprise',
    requestText: input.requestText,
    assigneeId: null,
  };
  let sent: OutboundMessage[] = [];
  const written = await db.transaction(async (tx) => {
    const rec = await insertRecord(tx, ctx, user, n, now);
    sent = await notify(
      tx,
      { centreId: centre.id },
      {
        kind: 'service.submitted',
        params: { number: rec.number, enterpriseName: enterprise.name },
        link: `/services/${rec.id}`,
        subject: `service_record:${rec.id}`,
        at: now,
      },
    );
    return rec;
  });
  deliverOutbound(ctx.deps, sent);
  return newRecordDetail(requireAction(ctx.user, 'service.read'), n, written, enterprise, null);
}

/**
 * Centre staff record a service given at the window, on site or online (Art. 5), for an enterprise already on the
 * platform or one entered now by its particulars (approved at once: the centre has met it). An enterprise from
 * another county is served when it comes with its particulars (found by credit code); the record shows the centre its
 * name and credit code only, and does not open its contacts (enterpriseScope, decision 0009).
 */
export async function recordService(ctx: RequestContext, input: TRecordServiceRequest): Promise<TServiceRecordDetail> {
  const user = requireAction(ctx.user, 'service.record');
  const db = ctx.deps.db;
  if (!user.centreId) throw new AppError('FORBIDDEN', { action: 'service.record' });
  const centre = await serviceCentre(db, user.centreId, input.category);
  checkSubItem(input.category, input.subItem);
  if (!input.enterpriseId === !input.enterprise)
    throw invalidField('enterpriseId', {
      'zh-CN': '请选择已登记的企业，或填写新企业的信息（二选一）',
      en: 'choose an enterprise on the platform or give a new one’s particulars (one of the two)',
    });
  let enterpriseId = input.enterpriseId ?? null;
  let newParticulars = null;
  let chosen: { name: string; creditCode: string } | null = null;
  if (enterpriseId) {
    // Chosen from the list: only an enterprise in the centre's reach; any other id answers as one that does not
    // exist (decision 0009), so that ids of registrations elsewhere cannot be probed for their names.
    const e = await enterpriseById(db, enterpriseId, enterpriseScope(user));
    if (!e) throw invalidField('enterpriseId', { 'zh-CN': '企业不存在', en: 'no such enterprise' });
    if (e.status !== 'approved') throw notApproved(e);
    chosen = e;
  } else if (input.enterprise) {
    const resolved = await resolveEnterprise(ctx, input.enterprise);
    enterpriseId = resolved.existingId;
    newParticulars = resolved.particulars;
  }
  let assigneeName: string | null = null;
  if (input.assigneeId) {
    const [staff] = await db
      .select({ id: centreStaff.id, name: centreStaff.name })
      .from(centreStaff)
      .where(and(eq(centreStaff.id, input.assigneeId), eq(centreStaff.centreId, centre.id)));
    if (!staff)
      throw invalidField('assigneeId', {
        'zh-CN': '经办人不在本中心派驻人员名单中',
        en: "not on this centre's roster",
      });
    assigneeName = staff.name;
  }
  const now = ctx.deps.clock();
  const base = {
    centre,
    category: input.category,
    subItem: input.subItem,
    channel: input.channel,
    source: 'staff',
    requestText: input.requestText,
    assigneeId: input.assigneeId ?? null,
  } as const;
  // An enterprise on the platform: the record's one statement is its own transaction. A new one is entered with
  // the record, in one transaction.
  const written = enterpriseId
    ? await insertRecord(db, ctx, user, { ...base, enterpriseId }, now)
    : await db.transaction(async (tx) => {
        const eid = newParticulars ? await insertApprovedEnterprise(tx, ctx, newParticulars, now) : null;
        if (!eid) throw new Error('no enterprise');
        return insertRecord(tx, ctx, user, { ...base, enterpriseId: eid }, now);
      });
  // An enterprise chosen from the list: its name is in hand. One entered by its particulars is read back with the
  // record (found by credit code, its stored name may differ from the one typed).
  if (chosen)
    return newRecordDetail(
      requireAction(ctx.user, 'service.read'),
      { ...base, enterpriseId: written.record.enterpriseId },
      written,
      chosen,
      assigneeName,
    );
  return getServiceRecordDetail(ctx, written.id);
}
