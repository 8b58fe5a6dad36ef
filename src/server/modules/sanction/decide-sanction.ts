import type { TDecideSanctionInput, TSanction } from '../../../contracts/sanction';
import type { RequestContext } from '../../context';
import type { Db } from '../../db/client';
import { requireAction } from '../../lib/access/require-access';
import { AppError, invalidField } from '../../lib/errors';
import { beijingDay } from '../../policy/policy';
import { deliverOutbound, notify, type OutboundMessage } from '../message/notify';
import { findOperatorRow } from '../operator';
import { type AppliedSanction, applySanction } from './apply-sanction';
import { getSanction } from './get-sanction';
import { datesRefusal, groundsRefusal } from './sanction-rules';

/**
 * POST /api/sanctions: the province disqualifies (Art. 13) or blacklists (Art. 14) an operator. The operator is the
 * register's (not regional, decision 0009), then the role, then the rules on the input (grounds of the kind, dates),
 * then one transaction: applySanction (status, letter, engagements ended, recoveries listed, audit) and the messages.
 */
export async function decideSanction(ctx: RequestContext, input: TDecideSanctionInput): Promise<TSanction> {
  if (!ctx.user) throw new AppError('AUTH_REQUIRED');
  const user = requireAction(ctx.user, 'sanction.decide');
  const db = ctx.deps.db;
  const operator = await findOperatorRow(db, input.operatorId);
  if (!operator) throw invalidField('operatorId', { 'zh-CN': '承办企业不存在', en: 'no such operator' });
  const grounds = groundsRefusal(input.kind, input.grounds);
  if (grounds) throw invalidField('grounds', grounds);
  const now = ctx.deps.clock();
  const dates = datesRefusal(input.decidedOn, input.effectiveOn, beijingDay(now));
  if (dates) throw invalidField(dates.field, dates.reason);
  const { id, sent } = await db.transaction(async (tx) => {
    const applied = await applySanction(tx, ctx, { ...input, consequenceId: null, at: now, guardStatus: true });
    const told = await notifySanction(tx, { kind: input.kind, operatorName: operator.name, applied, at: now });
    return { id: applied.id, sent: told };
  });
  // After commit: the same messages to the outbound channels (e-mail/SMS adapters), as every other flow does.
  deliverOutbound(ctx.deps, sent);
  return getSanction({ ...ctx, user }, id);
}

/**
 * Told in the decision's transaction (站内消息): for each centre concerned, its county (to procure again, Art.
 * 10(三)), its city and the centre's own accounts.
 */
export async function notifySanction(
  tx: Db,
  opts: { kind: TDecideSanctionInput['kind']; operatorName: string; applied: AppliedSanction; at: Date },
): Promise<OutboundMessage[]> {
  const sent: OutboundMessage[] = [];
  for (const c of opts.applied.centres) {
    const message = {
      kind: opts.kind === 'blacklist' ? ('sanction.blacklisted' as const) : ('sanction.disqualified' as const),
      params: { operatorName: opts.operatorName, letterNumber: opts.applied.letterNumber, centreName: c.name },
      link: `/centres/${c.id}`,
      subject: `sanction:${opts.applied.id}`,
      at: opts.at,
    };
    sent.push(...(await notify(tx, { countyCode: c.countyCode }, message)));
    sent.push(...(await notify(tx, { cityCode: c.cityCode }, message)));
    sent.push(...(await notify(tx, { centreId: c.id }, message)));
  }
  return sent;
}
