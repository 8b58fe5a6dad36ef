import { and, eq } from 'drizzle-orm';
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
import { centreStaff, centres, serviceRecords } from '../../db/schema';
import { requireAction } from '../../lib/access/require-access';
import { enterpriseScope } from '../../lib/access/scope';
import type { SessionUser } from '../../lib/access/session-user';
import { writeAudit } from '../../lib/audit';
import { AppError, invalidField } from '../../lib/errors';
import { centreHasOperated } from '../centre';
import { CENTRE_STATUS_LABELS } from '../centre/centre.machine';
import {
  enterpriseById,
  insertApprovedEnterprise,
  notApproved,
  resolveEnterprise,
} from '../enterprise/enter-enterprise';
import { applyRecordDelta, beijingMonthOf, noteServed } from '../figures';
import { deliverOutbound, notify, type OutboundMessage } from '../message/notify';
import { getServiceRecordDetail } from './service-detail';
import { appendProgress, nextRecordNumber } from './service-record.repository';

/** The centre must serve (its operator filed, Art. 10(三); centreIsServing) and offer the category (Art. 5). */
async function serviceCentre(db: Db, centreId: number, category: TServiceCategory) {
  const [row] = await db
    .select({ c: centres, hasOperated: centreHasOperated })
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
  return c;
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

async function insertRecord(tx: Db, ctx: RequestContext, user: SessionUser, n: NewRecord, now: Date) {
  const status = n.source === 'enterprise' ? 'submitted' : 'accepted';
  const number = await nextRecordNumber(tx, Number(now.toISOString().slice(0, 4)));
  const [row] = await tx
    .insert(serviceRecords)
    .values({
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
      submittedAt: now,
      acceptedAt: status === 'accepted' ? now : null,
      createdBy: user.id || null,
      isDemo: n.centre.isDemo,
      updatedAt: now,
    })
    .returning({ id: serviceRecords.id });
  if (!row) throw new Error('service record insert returned nothing');
  // The figures move in the same transaction (issue 12). A new record has no rating, no completion, and no response
  // time yet (a staff-entered one starts accepted but counts no wait: SPEC §2).
  await applyRecordDelta(tx, null, {
    centreId: n.centre.id,
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
  // The centre has served this enterprise (its trade counts in the centre's monitoring and before/after, issue 13).
  await noteServed(tx, { enterpriseId: n.enterpriseId, centreId: n.centre.id, submittedAt: now });
  await appendProgress(tx, user, {
    recordId: row.id,
    kind: n.source === 'enterprise' ? 'submitted' : 'accepted',
    note: null,
    statusAfter: status,
    at: now,
  });
  await writeAudit(tx, auditContext(ctx, now), {
    action: n.source === 'enterprise' ? 'service.requested' : 'service.recorded',
    objectType: 'service_record',
    objectId: row.id,
    after: { number, ...n, centre: n.centre.id, status },
  });
  return { id: row.id, number };
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
  let sent: OutboundMessage[] = [];
  const { id } = await db.transaction(async (tx) => {
    const rec = await insertRecord(
      tx,
      ctx,
      user,
      {
        centre,
        enterpriseId: enterprise.id,
        category: input.category,
        subItem: input.subItem,
        channel: 'online',
        source: 'enterprise',
        requestText: input.requestText,
        assigneeId: null,
      },
      now,
    );
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
  return getServiceRecordDetail(ctx, id);
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
  if (enterpriseId) {
    // Chosen from the list: only an enterprise in the centre's reach; any other id answers as one that does not
    // exist (decision 0009), so that ids of registrations elsewhere cannot be probed for their names.
    const e = await enterpriseById(db, enterpriseId, enterpriseScope(user));
    if (!e) throw invalidField('enterpriseId', { 'zh-CN': '企业不存在', en: 'no such enterprise' });
    if (e.status !== 'approved') throw notApproved(e);
  } else if (input.enterprise) {
    const resolved = await resolveEnterprise(ctx, input.enterprise);
    enterpriseId = resolved.existingId;
    newParticulars = resolved.particulars;
  }
  if (input.assigneeId) {
    const [staff] = await db
      .select({ id: centreStaff.id })
      .from(centreStaff)
      .where(and(eq(centreStaff.id, input.assigneeId), eq(centreStaff.centreId, centre.id)));
    if (!staff)
      throw invalidField('assigneeId', {
        'zh-CN': '经办人不在本中心派驻人员名单中',
        en: "not on this centre's roster",
      });
  }
  const now = ctx.deps.clock();
  const { id } = await db.transaction(async (tx) => {
    const eid = enterpriseId ?? (newParticulars ? await insertApprovedEnterprise(tx, ctx, newParticulars, now) : null);
    if (!eid) throw new Error('no enterprise');
    return insertRecord(
      tx,
      ctx,
      user,
      {
        centre,
        enterpriseId: eid,
        category: input.category,
        subItem: input.subItem,
        channel: input.channel,
        source: 'staff',
        requestText: input.requestText,
        assigneeId: input.assigneeId ?? null,
      },
      now,
    );
  });
  return getServiceRecordDetail(ctx, id);
}
