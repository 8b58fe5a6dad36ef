import { eq } from 'drizzle-orm';
import {
  BAD_RATING_LEVELS,
  type TRateServiceRequest,
  type TServiceRecordDetail,
} from '../../../contracts/service-record';
import { auditContext, type RequestContext } from '../../context';
import { serviceRatings, serviceRecords } from '../../db/schema';
import { requireAction } from '../../lib/access/require-access';
import { writeAudit } from '../../lib/audit';
import { AppError } from '../../lib/errors';
import { applyRecordDelta, readRecordFacts } from '../figures';
import { deliverOutbound, notify } from '../message/notify';
import { openRectification } from './rectification';
import { SERVICE_STATUS_LABELS } from './service.machine';
import { getServiceRecordDetail } from './service-detail';
import { appendProgress, findScopedRecord } from './service-record.repository';

function refused(zh: string, en: string, extra: Record<string, unknown> = {}): AppError {
  return new AppError('RATING_REFUSED', { 'reason_zh-CN': zh, reason_en: en, ...extra });
}

/**
 * Art. 8: 接受服务的企业要在平台上对当次服务进行评价. Only the served enterprise, only once the record is completed,
 * once (a unique index makes a second rating impossible even when two arrive together). A 不满意/非常不满意 rating
 * opens a rectification with its working-day deadline; the centre (and for a bad one the county) is told.
 */
export async function rateService(
  ctx: RequestContext,
  id: number,
  input: TRateServiceRequest,
): Promise<TServiceRecordDetail> {
  const user = requireAction(ctx.user, 'service.rate');
  const db = ctx.deps.db;
  const row = await findScopedRecord(db, user, id);
  if (row.enterpriseId !== user.enterpriseId)
    throw refused('只有接受服务的企业可以评价', 'only the enterprise served may rate it');
  if (row.status !== 'completed') {
    const label = SERVICE_STATUS_LABELS[row.status];
    throw refused(
      `服务尚未办结（当前：${label['zh-CN']}），办结后方可评价`,
      `the service is not completed (now: ${label.en})`,
      {
        status: row.status,
      },
    );
  }
  const now = ctx.deps.clock();
  const sent = await db.transaction(async (tx) => {
    const [rating] = await tx
      .insert(serviceRatings)
      .values({
        recordId: id,
        enterpriseId: row.enterpriseId,
        centreId: row.centreId,
        countyCode: row.countyCode,
        cityCode: row.cityCode,
        level: input.level,
        efficiency: input.efficiency ?? null,
        attitude: input.attitude ?? null,
        professionalism: input.professionalism ?? null,
        comment: input.comment ?? null,
        ratedBy: user.id || null,
        ratedAt: now,
      })
      .onConflictDoNothing({ target: serviceRatings.recordId })
      .returning({ id: serviceRatings.id });
    if (!rating)
      throw refused(
        '该服务已评价，每项服务只能评价一次，评价不可修改',
        'this service has been rated; a rating is given once and cannot be changed',
      );
    // The record carries its rating's level (decision 0017): lists show it and find the unrated without a join.
    await tx.update(serviceRecords).set({ ratingLevel: input.level }).where(eq(serviceRecords.id, id));
    // The rating moves the figures in the same transaction: the record's row gains a rated record at this level.
    const after = await readRecordFacts(tx, id);
    if (after) await applyRecordDelta(tx, { ...after, level: null }, after);
    await appendProgress(tx, user, {
      recordId: id,
      centreId: row.centreId,
      kind: 'rated',
      note: null,
      statusAfter: row.status,
      at: now,
    });
    await writeAudit(tx, auditContext(ctx, now), {
      action: 'service.rated',
      objectType: 'service_record',
      objectId: id,
      after: { ratingId: rating.id, ...input },
    });
    const out = await notify(
      tx,
      { centreId: row.centreId },
      {
        kind: 'rating.received',
        params: { number: row.number, level: input.level },
        link: `/services/${id}`,
        at: now,
      },
    );
    if (BAD_RATING_LEVELS.includes(input.level)) {
      out.push(
        ...(await openRectification(
          tx,
          ctx,
          {
            id: rating.id,
            recordId: id,
            recordNumber: row.number,
            centreId: row.centreId,
            countyCode: row.countyCode,
            cityCode: row.cityCode,
          },
          now,
        )),
      );
    }
    return out;
  });
  deliverOutbound(ctx.deps, sent);
  return getServiceRecordDetail(ctx, id);
}
