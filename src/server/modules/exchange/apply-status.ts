import { and, eq, inArray } from 'drizzle-orm';
import type { TExchangeIssue, TExchangeSystem } from '../../../contracts/exchange';
import type { TServiceCategory } from '../../../contracts/service-category';
import { SERVICE_CATEGORY_NAMES } from '../../../contracts/service-category';
import { type RequestContext, SYSTEM_USER_ID } from '../../context';
import { exchangeStatusEvents, serviceRecords } from '../../db/schema';
import { serviceRecordScope } from '../../lib/access/scope';
import type { SessionUser } from '../../lib/access/session-user';
import { stepService } from '../service/step-service';
import { type ApplyResult, type RunInfo, sayer } from './adapter';

/** One status a system reported for one service record, with where it sits in the message. */
export interface StatusEntry {
  where: string;
  /** The record's number (FW…), quoted by the system as the filing's reference. */
  recordNumber: string;
  /** The system's status code; with `at`, the key that makes a repeated status count once. */
  code: string;
  at: Date;
  /** The progress note the enterprise reads (进度可查). */
  note: string;
  /** Payment of a rebate completes the record; any other status is a progress entry. */
  completes: boolean;
}

/**
 * Statuses from 单一窗口 (filing, Art. 5(一)) and 数智通 (rebate, Art. 5(六)) become steps on the service records they
 * name, through the service module's own use case (stepService: the figures, the progress log, the audit entry and
 * the enterprise's message stay right). The system acts as the record's centre would: a record still awaiting
 * acceptance is accepted by the first status, a payment completes it, anything else is progress. Every record is
 * checked before any step is taken; a status already applied (same record, code and time) is skipped, so a re-run
 * counts nothing twice. The caller runs this inside the run's transaction: a refusal midway undoes every step.
 */
export async function applyStatuses(
  ctx: RequestContext,
  opts: {
    system: TExchangeSystem;
    actorName: string;
    category: TServiceCategory;
    entries: StatusEntry[];
    run: RunInfo;
  },
): Promise<ApplyResult> {
  const say = sayer(ctx);
  const db = ctx.deps.db;
  const user = ctx.user;
  if (!user) throw new Error('applyStatuses needs a user (the caller or the system)');
  const numbers = [...new Set(opts.entries.map((e) => e.recordNumber))];
  const found = numbers.length
    ? await db
        .select({
          id: serviceRecords.id,
          number: serviceRecords.number,
          category: serviceRecords.category,
          status: serviceRecords.status,
          centreId: serviceRecords.centreId,
        })
        .from(serviceRecords)
        .where(and(inArray(serviceRecords.number, numbers), serviceRecordScope(user)))
    : [];
  const byNumber = new Map(found.map((r) => [r.number, r]));
  const issues: TExchangeIssue[] = [];
  const categoryName = SERVICE_CATEGORY_NAMES[opts.category][ctx.locale];
  for (const e of opts.entries) {
    const r = byNumber.get(e.recordNumber);
    if (!r)
      issues.push({
        where: e.where,
        reason: say(
          `服务记录 ${e.recordNumber} 不存在或不在您的范围内`,
          `service record ${e.recordNumber} does not exist or is outside your scope`,
        ),
      });
    else if (r.category !== opts.category)
      issues.push({
        where: e.where,
        reason: say(
          `服务记录 ${e.recordNumber} 不是“${categoryName}”记录`,
          `service record ${e.recordNumber} is not a "${categoryName}" record`,
        ),
      });
  }
  if (issues.length) return { ok: false, summary: {}, issues };

  const sorted = [...opts.entries].sort((a, b) => a.at.getTime() - b.at.getTime());
  let applied = 0;
  let duplicates = 0;
  let completed = 0;
  for (const e of sorted) {
    const r = byNumber.get(e.recordNumber);
    if (!r) continue;
    const fresh = await db
      .insert(exchangeStatusEvents)
      .values({ system: opts.system, recordId: r.id, statusCode: e.code, statusAt: e.at, runId: opts.run.runId })
      .onConflictDoNothing()
      .returning({ id: exchangeStatusEvents.id });
    if (fresh.length === 0) {
      duplicates++;
      continue;
    }
    const [now] = await db
      .select({ status: serviceRecords.status, version: serviceRecords.version })
      .from(serviceRecords)
      .where(eq(serviceRecords.id, r.id));
    const step = now?.status === 'submitted' ? 'accept' : e.completes ? 'complete' : 'progress';
    const actor = systemActor(opts.actorName, r.centreId);
    await stepService({ ...ctx, user: actor }, r.id, step, { version: now?.version ?? 0, note: e.note });
    // A payment reported for a record still awaiting acceptance: accepted, then completed.
    if (step === 'accept' && e.completes) {
      const [after] = await db
        .select({ version: serviceRecords.version })
        .from(serviceRecords)
        .where(eq(serviceRecords.id, r.id));
      await stepService({ ...ctx, user: actor }, r.id, 'complete', { version: after?.version ?? 0, note: e.note });
    }
    if (e.completes) completed++;
    applied++;
  }
  return {
    ok: true,
    summary: { statuses: opts.entries.length, applied, duplicates, completed, records: found.length },
    issues: [],
    recordId: found.length === 1 ? (found[0]?.id ?? null) : null,
  };
}

/** The system as the record's centre, so the service rules hold as for the centre's own staff. */
function systemActor(name: string, centreId: number): SessionUser {
  return {
    id: SYSTEM_USER_ID,
    username: 'system',
    displayName: name,
    role: 'operator',
    regionCode: null,
    parkId: null,
    centreId,
    enterpriseId: null,
    evaluatorId: null,
    locale: 'zh-CN',
    isDemo: false,
    sessionTokenHash: '',
  };
}

/** "2026年11月20日 10:00" (Beijing), for the notes the enterprise reads. */
export function beijingStamp(at: Date): string {
  const b = new Date(at.getTime() + 8 * 3600_000);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${b.getUTCFullYear()}年${b.getUTCMonth() + 1}月${b.getUTCDate()}日 ${p(b.getUTCHours())}:${p(b.getUTCMinutes())}`;
}
