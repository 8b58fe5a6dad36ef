import { asc, eq } from 'drizzle-orm';
import type { TRectification, TServiceRecordDetail } from '../../../contracts/service-record';
import type { RequestContext } from '../../context';
import { readAll } from '../../db/client';
import { rectifications, serviceProgress, serviceRatings } from '../../db/schema';
import { can } from '../../lib/access/permissions';
import { requireAction } from '../../lib/access/require-access';
import { serviceRecordScope } from '../../lib/access/scope';
import type { SessionUser } from '../../lib/access/session-user';
import { AppError } from '../../lib/errors';
import { beijingDay } from '../../policy/policy';
import { listOwnerFiles, toStoredFile } from '../attachment/attachment-files';
import { loadRectification } from './rectification';
import { canStep } from './service.machine';
import { findServiceRecord, presentServiceRecord, type ServiceRecordRow } from './service-record.repository';

type Allowed = TServiceRecordDetail['allowed'][number];

/** The steps the caller may take now: for the buttons; the server checks each again when it is taken. */
export function allowedSteps(user: SessionUser, row: ServiceRecordRow, rated: boolean): Allowed[] {
  const s = row.r.status;
  const out: Allowed[] = [];
  const own = user.role === 'enterprise' && user.enterpriseId === row.r.enterpriseId;
  const centre = user.role === 'operator' && user.centreId === row.r.centreId;
  if (centre && can(user.role, 'service.handle')) {
    for (const step of ['accept', 'progress', 'assign', 'complete'] as const) if (canStep(s, step)) out.push(step);
  }
  if ((centre || own) && canStep(s, 'cancel') && !(own && s === 'completed')) out.push('cancel');
  if ((centre || own) && canStep(s, 'attach')) out.push('attach');
  if (own && s === 'completed' && !rated) out.push('rate');
  return out;
}

export async function getServiceRecordDetail(ctx: RequestContext, id: number): Promise<TServiceRecordDetail> {
  const user = requireAction(ctx.user, 'service.read');
  const db = ctx.deps.db;
  const row = await findServiceRecord(db, id, serviceRecordScope(user));
  if (!row) throw new AppError('NOT_FOUND', { id });
  // readAll: a step applied by an exchange adapter answers with this page inside the adapter's transaction.
  const [progress, files, ratings, fix] = await readAll(db, [
    () =>
      db
        .select()
        .from(serviceProgress)
        .where(eq(serviceProgress.recordId, id))
        .orderBy(asc(serviceProgress.at), asc(serviceProgress.id)),
    () => listOwnerFiles(db, { kind: 'service_record', centreId: row.r.centreId, recordId: id }),
    () => db.select().from(serviceRatings).where(eq(serviceRatings.recordId, id)).limit(1),
    () => db.select({ id: rectifications.id }).from(rectifications).where(eq(rectifications.recordId, id)).limit(1),
  ]);
  const rating = ratings[0] ?? null;
  let rectification: TRectification | null = null;
  // The enterprise sees that its complaint is being answered and by when; the answer itself is the centre's and
  // the county's business until closed, but the deadline and status are shown.
  if (fix[0]) rectification = await loadRectification(ctx, fix[0].id, beijingDay(ctx.deps.clock()));
  return {
    ...presentServiceRecord(row),
    progress: progress.map((p) => ({
      id: p.id,
      kind: p.kind,
      note: p.note,
      statusAfter: p.statusAfter,
      actorName: p.actorName,
      actorRole: p.actorRole,
      at: p.at.toISOString(),
    })),
    attachments: files.map(toStoredFile),
    rating: rating
      ? {
          id: rating.id,
          level: rating.level,
          efficiency: rating.efficiency,
          attitude: rating.attitude,
          professionalism: rating.professionalism,
          comment: rating.comment,
          ratedAt: rating.ratedAt.toISOString(),
        }
      : null,
    rectification,
    allowed: allowedSteps(user, row, Boolean(rating)),
  };
}
