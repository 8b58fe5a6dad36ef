import { and, eq, inArray, max, notExists, sql } from 'drizzle-orm';
import {
  SANCTION_GROUND_NAMES,
  SANCTION_KIND_NAMES,
  type TSanctionEffects,
  type TSanctionGround,
  type TSanctionKind,
} from '../../../contracts/sanction';
import { auditContext, type RequestContext } from '../../context';
import type { Db } from '../../db/client';
import { centres, fundPayments, fundRecoveries, sanctions } from '../../db/schema';
import { ADVISORY_LOCK } from '../../lib/advisory-locks';
import { writeAudit } from '../../lib/audit';
import { AppError } from '../../lib/errors';
import { beijingDay, policyInForce } from '../../policy/policy';
import { endEngagementsOfOperator } from '../engagement';
import { bumpFundingFigures } from '../figures';
import { markQualificationCancelled } from '../operator';
import { recoveryCalledFor, statusAfter, statusRefusal } from './sanction-rules';

export interface ApplySanctionOptions {
  kind: TSanctionKind;
  operatorId: number;
  grounds: TSanctionGround[];
  facts: string;
  decidedOn: string;
  effectiveOn: string;
  /** The assessment consequence it confirms (ground 12.3). */
  consequenceId?: number | null;
  at: Date;
  /**
   * Refuse an operator already at (or beyond) the status (the province's own decision). The assessment's
   * confirmation closes its consequence whatever the status is, and records its decision all the same.
   */
  guardStatus: boolean;
}

export interface AppliedSanction {
  id: number;
  letterNumber: string;
  effects: TSanctionEffects;
  /** The centres concerned (engagements ended, payments listed), for the caller's messages. */
  centres: { id: number; name: string; cityCode: string; countyCode: string }[];
}

/** 鄂商务外综处〔year〕N号: the year's next serial, one at a time under the advisory lock. */
async function nextLetter(tx: Db, year: number): Promise<{ serial: number; number: string }> {
  await tx.execute(sql`select pg_advisory_xact_lock(${ADVISORY_LOCK.sanctionLetter})`);
  const [last] = await tx
    .select({ n: max(sanctions.letterSerial) })
    .from(sanctions)
    .where(eq(sanctions.letterYear, year));
  const serial = (last?.n ?? 0) + 1;
  return { serial, number: `鄂商务外综处〔${year}〕${serial}号` };
}

/**
 * The one way a sanction takes effect (Art. 12(三)(2), 13, 14; decision 0033), in the caller's transaction: the
 * qualification cancelled or blacklisted (operator module), the numbered letter with the policy version in force,
 * every running engagement ended (engagement module: the centres show no operator, the counties are prompted to
 * procure again), every confirmed payment to the operator listed for recovery where the grounds call for it (Art. 14)
 * with the funding figures bumped, and the audit entries. Used by the province's decision and by the assessment's
 * confirmation of a cancellation.
 */
export async function applySanction(tx: Db, ctx: RequestContext, opts: ApplySanctionOptions): Promise<AppliedSanction> {
  const status = await markQualificationCancelled(tx, {
    operatorId: opts.operatorId,
    at: opts.at,
    to: statusAfter(opts.kind),
  });
  if (!status) throw new AppError('NOT_FOUND', { id: opts.operatorId });
  const refusal = opts.guardStatus ? statusRefusal(opts.kind, status.before) : null;
  if (refusal) {
    throw new AppError('SANCTION_RULE', {
      rule: 'sanction.status',
      article: opts.kind === 'blacklist' ? '第十四条' : '第十三条',
      'reason_zh-CN': refusal['zh-CN'],
      reason_en: refusal.en,
    });
  }
  const year = Number(opts.decidedOn.slice(0, 4));
  const letter = await nextLetter(tx, year);
  const policy = await policyInForce(tx, opts.decidedOn);
  const user = ctx.user;
  const [row] = await tx
    .insert(sanctions)
    .values({
      kind: opts.kind,
      operatorId: opts.operatorId,
      grounds: opts.grounds,
      facts: opts.facts,
      decidedOn: opts.decidedOn,
      effectiveOn: opts.effectiveOn,
      letterYear: year,
      letterSerial: letter.serial,
      letterNumber: letter.number,
      consequenceId: opts.consequenceId ?? null,
      policyVersion: policy.version,
      decidedBy: user && user.id > 0 ? user.id : null,
      decidedByName: user?.displayName ?? null,
      createdAt: opts.at,
    })
    .returning();
  if (!row) throw new Error('sanction insert returned nothing');

  const articles = opts.grounds.map((g) => SANCTION_GROUND_NAMES[g].article).join('、');
  const ended = await endEngagementsOfOperator(tx, ctx, {
    operatorId: opts.operatorId,
    endedOn: beijingDay(opts.at),
    comment: `${letter.number}：${SANCTION_KIND_NAMES[opts.kind]['zh-CN']}（${articles}）。`,
    at: opts.at,
  });

  const recoveryDue = recoveryCalledFor(opts.kind, opts.grounds);
  const listed = recoveryDue
    ? await listRecoveries(tx, ctx, { sanctionId: row.id, operatorId: opts.operatorId, at: opts.at })
    : [];

  const centreIds = [...new Set([...ended.map((e) => e.centreId), ...listed.map((r) => r.centreId)])];
  const places = centreIds.length
    ? await tx
        .select({ id: centres.id, name: centres.name, cityCode: centres.cityCode, countyCode: centres.countyCode })
        .from(centres)
        .where(inArray(centres.id, centreIds))
    : [];
  const nameOf = (id: number) => places.find((p) => p.id === id)?.name ?? '';
  const effects: TSanctionEffects = {
    qualificationBefore: status.before,
    qualificationAfter: status.after,
    engagementsEnded: ended.map((e) => ({
      engagementId: e.id,
      centreId: e.centreId,
      centreName: nameOf(e.centreId),
      status: e.from,
    })),
    recoveryCalledFor: recoveryDue,
    recoveries: listed.map((r) => ({ ...r, centreName: nameOf(r.centreId) })),
    recoveryTotalFen: listed.reduce((s, r) => s + r.dueFen, 0),
  };
  await tx.update(sanctions).set({ effects }).where(eq(sanctions.id, row.id));
  await writeAudit(tx, auditContext(ctx, opts.at), {
    action: 'sanction.decided',
    objectType: 'sanction',
    objectId: row.id,
    before: { qualificationStatus: status.before },
    after: { ...row, effects },
  });
  return { id: row.id, letterNumber: letter.number, effects, centres: places };
}

/**
 * Art. 14 追回已拨付资金: every confirmed payment to the operator not yet listed (a blacklisting after a
 * disqualification lists only what the first left out) becomes a recovery due, one per payment, and the centre's
 * year's to-recover figure grows by it.
 */
async function listRecoveries(tx: Db, ctx: RequestContext, opts: { sanctionId: number; operatorId: number; at: Date }) {
  const payments = await tx
    .select()
    .from(fundPayments)
    .where(
      and(
        eq(fundPayments.operatorId, opts.operatorId),
        eq(fundPayments.status, 'confirmed'),
        notExists(
          tx
            .select({ id: fundRecoveries.id })
            .from(fundRecoveries)
            .where(eq(fundRecoveries.paymentId, fundPayments.id)),
        ),
      ),
    )
    .orderBy(fundPayments.id);
  const out: Omit<TSanctionEffects['recoveries'][number], 'centreName'>[] = [];
  for (const p of payments) {
    const [r] = await tx
      .insert(fundRecoveries)
      .values({
        paymentId: p.id,
        sanctionId: opts.sanctionId,
        operatorId: opts.operatorId,
        centreId: p.centreId,
        year: p.year,
        cityCode: p.cityCode,
        countyCode: p.countyCode,
        dueFen: p.amountFen,
        recoveredFen: 0,
        status: 'due',
        createdAt: opts.at,
      })
      .returning();
    if (!r) throw new Error('recovery insert returned nothing');
    await bumpFundingFigures(tx, {
      centreId: p.centreId,
      year: Number(p.year),
      cityCode: p.cityCode,
      countyCode: p.countyCode,
      toRecoverFen: p.amountFen,
    });
    await writeAudit(tx, auditContext(ctx, opts.at), {
      action: 'funding.recovery.listed',
      objectType: 'fund_recovery',
      objectId: r.id,
      after: { ...r, article: '第十四条' },
    });
    out.push({
      recoveryId: r.id,
      paymentId: p.id,
      centreId: p.centreId,
      year: Number(p.year),
      paidOn: p.paidOn,
      dueFen: p.amountFen,
      recoveredFen: 0,
      status: 'due',
    });
  }
  return out;
}
