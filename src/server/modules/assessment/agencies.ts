import type { TAgency, TCreateAgencyRequest } from '../../../contracts/assessment-evaluation';
import { auditContext, type RequestContext } from '../../context';
import { evaluationAgencies } from '../../db/schema';
import { requireAction } from '../../lib/access/require-access';
import { writeAudit } from '../../lib/audit';
import { AppError } from '../../lib/errors';
import { findAgencyByName, listAgencyRows } from './evaluation.repository';

function toAgency(r: { a: typeof evaluationAgencies.$inferSelect; evaluatorCount: number }): TAgency {
  return {
    id: r.a.id,
    name: r.a.name,
    creditCode: r.a.creditCode,
    contact: r.a.contact,
    evaluatorCount: r.evaluatorCount,
    createdAt: r.a.createdAt.toISOString(),
  };
}

/**
 * 第三方评估机构 (Art. 12(二)(3)): the agencies the province commissions. The province assigns to them, the
 * administrator picks one when making an evaluator account; nobody else needs the list.
 */
export async function listAgencies(ctx: RequestContext): Promise<TAgency[]> {
  if (!ctx.user) throw new AppError('AUTH_REQUIRED');
  if (ctx.user.role !== 'admin') requireAction(ctx.user, 'assessment.manage');
  return (await listAgencyRows(ctx.deps.db)).map(toAgency);
}

/** The province registers an agency it commissions (Art. 12(二)(3)); a second agency of the same name is refused. */
export async function createAgency(ctx: RequestContext, input: TCreateAgencyRequest): Promise<TAgency> {
  const user = requireAction(ctx.user, 'assessment.manage');
  const name = input.name.trim();
  if (await findAgencyByName(ctx.deps.db, name)) throw new AppError('ASSESSMENT_AGENCY_EXISTS', { name });
  const now = ctx.deps.clock();
  const row = await ctx.deps.db.transaction(async (tx) => {
    const [created] = await tx
      .insert(evaluationAgencies)
      .values({ name, creditCode: input.creditCode || null, contact: input.contact?.trim() || null, createdAt: now })
      .onConflictDoNothing()
      .returning();
    // Two registrations of one name at once: the second finds the first's row.
    if (!created) throw new AppError('ASSESSMENT_AGENCY_EXISTS', { name });
    await writeAudit(tx, auditContext(ctx, now), {
      action: 'assessment.agency.created',
      objectType: 'evaluation_agency',
      objectId: created.id,
      after: created,
    });
    return created;
  });
  void user;
  return toAgency({ a: row, evaluatorCount: 0 });
}
