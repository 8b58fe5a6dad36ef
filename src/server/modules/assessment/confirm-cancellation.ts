import { and, eq, inArray } from 'drizzle-orm';
import {
  CONSEQUENCE_STATUS_NAMES,
  type TConfirmCancellationRequest,
  type TConsequence,
} from '../../../contracts/assessment-results';
import { auditContext, type RequestContext } from '../../context';
import { assessmentConsequences, centres, operators, users } from '../../db/schema';
import { requireAction } from '../../lib/access/require-access';
import { assessmentConsequenceScope } from '../../lib/access/scope';
import { writeAudit } from '../../lib/audit';
import { AppError, invalidTransition } from '../../lib/errors';
import { beijingDay } from '../../policy/policy';
import { deliverOutbound, notify, type OutboundMessage } from '../message/notify';
import { applySanction } from '../sanction';
import { getConsequence } from './list-consequences';

const CONFIRM_LABEL = { 'zh-CN': '确认取消承办资质', en: 'confirm the cancellation' };

/**
 * Art. 12(三)(2): 连续两年考核评估位列"较差"档次的外综服中心，取消其外综服企业承办资质 — the province confirms the
 * cancellation the publication recorded as due. In one transaction: the consequence confirmed, the decision made as
 * every sanction is (sanction module's applySanction: a letter 鄂商务外综处〔year〕N号 on ground 12.3, the qualification
 * cancelled, every running engagement ended — the centres then show no operator and their counties are prompted to
 * procure again, Art. 10(三)), the audit entry with the article, and the messages to the counties, cities and
 * centres concerned.
 */
export async function confirmCancellation(
  ctx: RequestContext,
  id: number,
  input: TConfirmCancellationRequest,
): Promise<TConsequence> {
  if (!ctx.user) throw new AppError('AUTH_REQUIRED');
  const db = ctx.deps.db;
  const [row] = await db
    .select()
    .from(assessmentConsequences)
    .where(and(eq(assessmentConsequences.id, id), assessmentConsequenceScope(ctx.user)));
  if (!row) throw new AppError('NOT_FOUND', { id });
  const user = requireAction(ctx.user, 'operator.cancelQualification');
  if (row.kind !== 'cancellation_due' || row.status !== 'due' || row.operatorId === null) {
    throw invalidTransition(row.status, CONSEQUENCE_STATUS_NAMES[row.status], CONFIRM_LABEL, { kind: row.kind });
  }
  if (row.version !== input.version) throw new AppError('VERSION_CONFLICT', { id, version: input.version });
  const operatorId = row.operatorId;
  const now = ctx.deps.clock();
  const today = beijingDay(now);
  const sent: OutboundMessage[] = [];
  await db.transaction(async (tx) => {
    const updated = await tx
      .update(assessmentConsequences)
      .set({
        status: 'confirmed',
        confirmedBy: user.id || null,
        confirmedAt: now,
        confirmComment: input.comment,
        version: input.version + 1,
      })
      .where(
        and(
          eq(assessmentConsequences.id, id),
          eq(assessmentConsequences.version, input.version),
          eq(assessmentConsequences.status, 'due'),
        ),
      )
      .returning({ id: assessmentConsequences.id });
    if (updated.length === 0) throw new AppError('VERSION_CONFLICT', { id, version: input.version });
    // The same decision as the province's own (sanction module): a numbered letter on ground 12.3, the status, the
    // engagements ended. No funds are recovered on this ground: the service paid for was given (decision 0033).
    const applied = await applySanction(tx, ctx, {
      kind: 'disqualification',
      operatorId,
      grounds: ['12.3'],
      facts: `该企业承办的外综服中心${row.year - 1}、${row.year}年度考核评估连续两年位列“较差”档次。${input.comment}`,
      decidedOn: today,
      effectiveOn: today,
      consequenceId: id,
      at: now,
      guardStatus: false,
    });
    const status = { before: applied.effects.qualificationBefore, after: applied.effects.qualificationAfter };
    const ended = applied.effects.engagementsEnded.map((e) => ({ id: e.engagementId, centreId: e.centreId }));
    await writeAudit(tx, auditContext(ctx, now), {
      action: 'operator.qualification.cancelled',
      objectType: 'operator',
      objectId: operatorId,
      before: { qualificationStatus: status.before },
      after: {
        qualificationStatus: status.after,
        sanctionId: applied.id,
        letterNumber: applied.letterNumber,
        article: row.article,
        consequenceId: id,
        centreId: row.centreId,
        years: [row.year - 1, row.year],
        endedEngagements: ended.map((e) => e.id),
        comment: input.comment,
      },
    });
    // Told after the decision is written, in the same transaction (站内消息): where the operator ran a centre, its
    // county (to procure again), its city and the centre's own accounts.
    const [op] = await tx.select({ name: operators.name }).from(operators).where(eq(operators.id, operatorId));
    const centreIds = [...new Set([row.centreId, ...ended.map((e) => e.centreId)])];
    const places = await tx
      .select({ id: centres.id, name: centres.name, cityCode: centres.cityCode, countyCode: centres.countyCode })
      .from(centres)
      .where(inArray(centres.id, centreIds));
    for (const c of places) {
      const params = { operatorName: op?.name ?? '', centreName: c.name, years: `${row.year - 1}、${row.year}` };
      const message = {
        kind: 'assessment.qualificationCancelled' as const,
        params,
        link: `/centres/${c.id}`,
        subject: `assessment_consequence:${id}`,
        at: now,
      };
      const cityUsers = await tx
        .select({ id: users.id })
        .from(users)
        .where(and(eq(users.role, 'city'), eq(users.regionCode, c.cityCode)));
      sent.push(...(await notify(tx, { countyCode: c.countyCode }, message)));
      sent.push(...(await notify(tx, { userIds: cityUsers.map((u) => u.id) }, message)));
      sent.push(...(await notify(tx, { centreId: c.id }, message)));
    }
  });
  // After commit: the same messages to the outbound channels (e-mail/SMS adapters).
  deliverOutbound(ctx.deps, sent);
  return getConsequence(ctx, id);
}
