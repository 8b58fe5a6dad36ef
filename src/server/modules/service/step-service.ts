import { and, eq } from 'drizzle-orm';
import type { TServiceRecordDetail } from '../../../contracts/service-record';
import { auditContext, type RequestContext } from '../../context';
import { centreStaff, serviceRecords } from '../../db/schema';
import { requireAction } from '../../lib/access/require-access';
import type { TAuditAction } from '../../lib/audit';
import { writeAudit } from '../../lib/audit';
import { AppError, invalidField } from '../../lib/errors';
import { applyRecordDelta, readRecordFacts } from '../figures';
import { deliverOutbound, notify } from '../message/notify';
import { nextServiceStatus } from './service.machine';
import { getServiceRecordDetail } from './service-detail';
import { appendProgress, loadOwnRecord } from './service-record.repository';

type Step = 'accept' | 'progress' | 'assign' | 'complete' | 'cancel';

const AUDIT: Record<Step, TAuditAction> = {
  accept: 'service.accepted',
  progress: 'service.progressed',
  assign: 'service.assigned',
  complete: 'service.completed',
  cancel: 'service.cancelled',
};
const KIND = {
  accept: 'accepted',
  progress: 'progress',
  assign: 'assigned',
  complete: 'completed',
  cancel: 'cancelled',
} as const;

export interface StepInput {
  version: number;
  note?: string;
  assigneeId?: number;
}

/**
 * A step on a service record (SPEC §3.5). The centre's operator accepts, records progress, assigns, completes and
 * cancels; the enterprise may withdraw its own request before completion. Every step appends to the progress log
 * the enterprise follows (进度可查) and writes its audit entry in the same transaction; the enterprise is told.
 */
export async function stepService(
  ctx: RequestContext,
  id: number,
  step: Step,
  input: StepInput,
): Promise<TServiceRecordDetail> {
  const user = requireAction(ctx.user, step === 'cancel' ? 'service.cancel' : 'service.handle');
  const db = ctx.deps.db;
  // Officials read records but only the centre (and the enterprise, to withdraw) act on them.
  const row = await loadOwnRecord(db, user, id, step === 'cancel' ? 'service.cancel' : 'service.handle');
  const to = nextServiceStatus(row.status, step);
  if (row.version !== input.version) throw new AppError('VERSION_CONFLICT', { id, version: input.version });
  let assigneeName: string | null = null;
  if (step === 'assign') {
    const [staff] = await db
      .select({ id: centreStaff.id, name: centreStaff.name })
      .from(centreStaff)
      .where(and(eq(centreStaff.id, input.assigneeId ?? 0), eq(centreStaff.centreId, row.centreId)));
    if (!staff)
      throw invalidField('assigneeId', {
        'zh-CN': '经办人不在本中心派驻人员名单中',
        en: "not on this centre's roster",
      });
    assigneeName = staff.name;
  }
  const now = ctx.deps.clock();
  const note = step === 'assign' ? `${assigneeName}` : (input.note ?? null);
  const set = {
    status: to,
    version: row.version + 1,
    updatedAt: now,
    ...(step === 'accept' ? { acceptedAt: now } : {}),
    ...(step === 'assign' ? { assigneeId: input.assigneeId } : {}),
    ...(step === 'complete' ? { completedAt: now, resultText: input.note ?? null } : {}),
    ...(step === 'cancel' ? { cancelledAt: now, cancelReason: input.note ?? null } : {}),
  };
  const moves = to !== row.status;
  const sent = await db.transaction(async (tx) => {
    // What the record contributed to the figures, under its row lock so it stays true until the update commits.
    const before = moves ? await readRecordFacts(tx, id, true) : null;
    const done = await tx
      .update(serviceRecords)
      .set(set)
      .where(
        and(
          eq(serviceRecords.id, id),
          eq(serviceRecords.version, input.version),
          eq(serviceRecords.status, row.status),
        ),
      )
      .returning({ id: serviceRecords.id });
    if (done.length === 0) throw new AppError('VERSION_CONFLICT', { id, version: input.version });
    if (moves) await applyRecordDelta(tx, before, await readRecordFacts(tx, id));
    await appendProgress(tx, user, {
      recordId: id,
      centreId: row.centreId,
      kind: KIND[step],
      note,
      statusAfter: to,
      at: now,
    });
    await writeAudit(tx, auditContext(ctx, now), {
      action: AUDIT[step],
      objectType: 'service_record',
      objectId: id,
      before: { status: row.status, assigneeId: row.assigneeId, version: row.version },
      after: { status: to, note, assigneeId: set.assigneeId ?? row.assigneeId, version: row.version + 1 },
    });
    const link = `/my/services/${id}`;
    if (user.role === 'enterprise')
      return notify(
        tx,
        { centreId: row.centreId },
        {
          kind: 'service.progress',
          params: { number: row.number, status: to, note },
          link: `/services/${id}`,
          at: now,
        },
      );
    if (step === 'complete')
      return notify(
        tx,
        { enterpriseId: row.enterpriseId },
        {
          kind: 'service.completed',
          params: { number: row.number },
          link,
          subject: `service_record:${id}`,
          at: now,
        },
      );
    return notify(
      tx,
      { enterpriseId: row.enterpriseId },
      {
        kind: 'service.progress',
        params: { number: row.number, status: to, note },
        link,
        at: now,
      },
    );
  });
  deliverOutbound(ctx.deps, sent);
  return getServiceRecordDetail(ctx, id);
}
