import type { TActivityInput } from '../../../contracts/activity';
import { RECOGNISED_STATUSES } from '../../../contracts/centre';
import type { RequestContext } from '../../context';
import { enterpriseScope } from '../../lib/access/scope';
import type { SessionUser } from '../../lib/access/session-user';
import { AppError, invalidField, invalidTransition } from '../../lib/errors';
import { beijingDay } from '../../policy/policy';
import { type CentreRow, findCentreInScope } from '../centre';
import { CENTRE_STATUS_LABELS } from '../centre/centre.machine';
import { enterprisesWithin } from './activity.repository';

/**
 * The centre the operator records activities for: its own, and only while the province's recognition stands
 * (approved, operating, or adjusted by decision — Art. 9); a centre under application or revoked has none to record.
 */
export async function ownCentreForActivities(ctx: RequestContext, user: SessionUser): Promise<CentreRow> {
  if (!user.centreId) throw new AppError('FORBIDDEN', { action: 'activity.manage', role: user.role });
  const centre = await findCentreInScope(ctx.deps.db, user, user.centreId);
  if (!centre) throw new AppError('NOT_FOUND', { id: user.centreId });
  if (!RECOGNISED_STATUSES.includes(centre.status)) {
    const status = CENTRE_STATUS_LABELS[centre.status];
    // The refusal is about the centre, not the activity: its status is named as the centre's.
    throw invalidTransition(
      centre.status,
      { 'zh-CN': `外综服中心${status['zh-CN']}`, en: `centre ${status.en}` },
      {
        'zh-CN': '登记或修改活动（外综服中心须已核准或运营中）',
        en: 'record or change activities (the centre must be approved or operating)',
      },
      { centreId: centre.id, centreStatus: centre.status },
    );
  }
  return centre;
}

/** A real calendar day: 2026-02-30 matches the pattern but is not one (PostgreSQL would refuse it with a 500). */
function isCalendarDay(day: string): boolean {
  const [y, m, d] = day.split('-').map(Number);
  const date = new Date(Date.UTC(y ?? 0, (m ?? 1) - 1, d ?? 0));
  return date.toISOString().slice(0, 10) === day;
}

/** The same calendar day a year on (29 February → 28 February). */
function oneYearAfter(day: string): string {
  const [y, m, d] = day.split('-').map(Number);
  const next = `${(y ?? 0) + 1}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  return isCalendarDay(next) ? next : `${(y ?? 0) + 1}-02-28`;
}

/**
 * What the schema cannot see: real days, not planned more than a year ahead, and participants that exist and lie
 * within the caller's reach (enterpriseScope). `prefix` is where the input sits in the request body ('activity.' in
 * an update), so that the 400 names the field the client sent. Returns the participant ids, each once.
 */
export async function checkActivityInput(
  ctx: RequestContext,
  user: SessionUser,
  input: TActivityInput,
  prefix = '',
): Promise<number[]> {
  for (const field of ['startOn', 'endOn'] as const) {
    if (!isCalendarDay(input[field])) {
      throw invalidField(`${prefix}${field}`, { 'zh-CN': '不是有效的日期', en: 'not a valid date' });
    }
  }
  const latest = oneYearAfter(beijingDay(ctx.deps.clock()));
  for (const field of ['startOn', 'endOn'] as const) {
    if (input[field] > latest) {
      throw invalidField(`${prefix}${field}`, {
        'zh-CN': `活动日期不能晚于一年后（${latest}）`,
        en: `an activity cannot be dated more than a year ahead (after ${latest})`,
      });
    }
  }
  const ids = [...new Set(input.enterpriseIds)];
  const found = await enterprisesWithin(ctx.deps.db, enterpriseScope(user), ids);
  const bad = ids.filter((id) => !found.has(id));
  if (bad.length > 0) {
    const field = `${prefix}enterpriseIds`;
    const refusal = invalidField(field, {
      'zh-CN': `以下企业不存在或不在本中心服务范围内：${bad.join('、')}`,
      en: `these enterprises do not exist or are outside the centre's reach: ${bad.join(', ')}`,
    });
    throw new AppError('VALIDATION_FAILED', { ...refusal.details, ids: bad });
  }
  return ids;
}
