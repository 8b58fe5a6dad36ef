import { eq, sql } from 'drizzle-orm';
import type { TOperatorAction } from '../../../contracts/operator';
import type { RequestContext } from '../../context';
import type { Db } from '../../db/client';
import { operators } from '../../db/schema';
import { can } from '../../lib/access/permissions';
import { requireAction } from '../../lib/access/require-access';
import { operatorReach } from '../../lib/access/scope';
import type { SessionUser } from '../../lib/access/session-user';
import { AppError } from '../../lib/errors';
import { findOperatorRow } from './operator.repository';

const ACTION_LABELS = {
  update: { 'zh-CN': '修改其信息', en: 'change its particulars' },
  viewIdentity: { 'zh-CN': '查看其法定代表人完整身份证号码', en: 'see its legal representative’s full ID number' },
  recordViolation: { 'zh-CN': '登记其违法违规记录', en: 'record a violation against it' },
} as const satisfies Record<TOperatorAction, { 'zh-CN': string; en: string }>;

/** Is the operator in the user's reach (operatorReach, decision 0009)? undefined when it does not exist. */
async function inReach(db: Db, user: SessionUser, id: number): Promise<boolean | undefined> {
  const [row] = await db
    .select({ inReach: sql<boolean>`${operatorReach(user)}` })
    .from(operators)
    .where(eq(operators.id, id))
    .limit(1);
  return row ? Boolean(row.inReach) : undefined;
}

/**
 * The operator a write or a secret is asked of: the role must hold the action (403), the operator must exist (404 —
 * every official who may act on operators reads them all), and it must be in the caller's reach (403
 * OPERATOR_OUTSIDE_REGION naming what was refused).
 */
export async function operatorInReach(ctx: RequestContext, id: number, action: TOperatorAction) {
  const user = requireAction(ctx.user, `operator.${action}`);
  const db = ctx.deps.db;
  const reach = await inReach(db, user, id);
  if (reach === undefined) throw new AppError('NOT_FOUND', { id });
  if (!reach) {
    const label = ACTION_LABELS[action];
    throw new AppError('OPERATOR_OUTSIDE_REGION', {
      id,
      action: `operator.${action}`,
      'actionLabel_zh-CN': label['zh-CN'],
      actionLabel_en: label.en,
    });
  }
  const row = await findOperatorRow(db, id);
  if (!row) throw new AppError('NOT_FOUND', { id });
  return { user, row };
}

/** What the user may do to this operator now, for the buttons; each is checked again when it is taken. */
export async function operatorActionsOf(db: Db, user: SessionUser | null, id: number): Promise<TOperatorAction[]> {
  if (!user) return [];
  const held = (['update', 'viewIdentity', 'recordViolation'] as const).filter((a) => can(user.role, `operator.${a}`));
  if (held.length === 0) return [];
  return (await inReach(db, user, id)) ? held : [];
}
