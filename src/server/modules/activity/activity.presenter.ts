import type { TActivity, TActivityDetail, TActivityKind } from '../../../contracts/activity';
import type { RequestContext } from '../../context';
import { requireAction } from '../../lib/access/require-access';
import { AppError } from '../../lib/errors';
import { listOwnerFiles, toStoredFile } from '../attachment/attachment-files';
import { type ActivityRow, activityScope, findActivity, listActivityEnterprises } from './activity.repository';

export function toActivity(row: ActivityRow): TActivity {
  const a = row.a;
  return {
    id: a.id,
    centreId: a.centreId,
    centreName: row.centreName,
    cityName: row.cityName,
    countyName: row.countyName,
    kind: a.kind as TActivityKind,
    subKind: a.subKind,
    title: a.title,
    startOn: a.startOn,
    endOn: a.endOn,
    place: a.place,
    participantCount: a.participantCount,
    enterpriseCount: Number(row.enterpriseCount),
    description: a.description,
    isDemo: a.isDemo,
    version: a.version,
    createdAt: a.createdAt.toISOString(),
  };
}

/** One activity with its enterprises and evidence, or NOT_FOUND outside the caller's scope. */
export async function getActivityDetail(ctx: RequestContext, id: number): Promise<TActivityDetail> {
  if (!ctx.user) throw new AppError('AUTH_REQUIRED');
  const db = ctx.deps.db;
  const row = await findActivity(db, activityScope(ctx.user), id);
  if (!row) throw new AppError('NOT_FOUND', { id });
  requireAction(ctx.user, 'activity.read');
  const [enterprises, files] = await Promise.all([
    listActivityEnterprises(db, id),
    listOwnerFiles(db, { kind: 'activity', centreId: row.a.centreId, activityId: id }),
  ]);
  return { ...toActivity(row), enterprises, attachments: files.map(toStoredFile) };
}
