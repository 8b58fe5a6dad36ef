import { sql } from 'drizzle-orm';
import type { TServiceCategory } from '../../contracts/service-category';
import type { TRatingLevel, TServiceStatus } from '../../contracts/service-record';
import { auditContext, type Deps } from '../context';
import { rowsOf } from '../db/client';
import { serviceProgress, serviceRatings, serviceRecords } from '../db/schema';
import type { SessionUser } from '../lib/access/session-user';
import { writeAudit } from '../lib/audit';
import { rebuildFigures } from '../modules/figures';
import { depsAt } from './factories';

/** One past service as it happened: who asked, when it was accepted, completed and rated. */
export interface PastService {
  centre: { id: number; countyCode: string; cityCode: string; parkId: number };
  operator: SessionUser;
  enterprise: { id: number; user: SessionUser | null };
  category: TServiceCategory;
  subItem: string;
  channel: 'window' | 'online' | 'onsite';
  source: 'enterprise' | 'staff';
  requestText: string;
  assigneeId: number | null;
  submittedAt: Date;
  /** Missing: still waiting to be accepted (an enterprise's request). */
  acceptedAt: Date | null;
  /** The progress entry the centre wrote while working on it. */
  progressAt: Date | null;
  progressNote: string;
  completedAt: Date | null;
  resultText: string;
  rating: {
    level: TRatingLevel;
    efficiency: number;
    attitude: number;
    professionalism: number;
    comment: string;
    at: Date;
  } | null;
}

/**
 * The demo's service history, written in batches: the same rows, progress entries and audit events the service use
 * cases write (create-service, step-service, rate-service), for hundreds of past records, so that the first start
 * stays fast. Only settled history goes this way: a 差评 and its rectification, which carry deadlines and rules,
 * go through the use cases (service-demo.ts). Records are numbered in the order they were submitted.
 */
export async function writeServiceHistory(deps: Deps, services: PastService[]): Promise<number[]> {
  const sorted = [...services].sort((a, b) => a.submittedAt.getTime() - b.submittedAt.getTime());
  const ids: number[] = [];
  for (let i = 0; i < sorted.length; i += 150) {
    const batch = sorted.slice(i, i + 150);
    await deps.db.transaction(async (tx) => {
      const numbers = rowsOf<{ n: number }>(
        await tx.execute(
          sql`select nextval('service_record_number_seq')::int as n from generate_series(1, ${batch.length})`,
        ),
      ).map((r) => r.n);
      const statusOf = (s: PastService): TServiceStatus =>
        s.completedAt ? 'completed' : s.progressAt ? 'in_progress' : s.acceptedAt ? 'accepted' : 'submitted';
      const inserted = await tx
        .insert(serviceRecords)
        .values(
          batch.map((s, k) => ({
            number: `FW${s.submittedAt.toISOString().slice(0, 4)}${String(numbers[k] ?? 0).padStart(6, '0')}`,
            centreId: s.centre.id,
            enterpriseId: s.enterprise.id,
            countyCode: s.centre.countyCode,
            cityCode: s.centre.cityCode,
            parkId: s.centre.parkId,
            category: s.category,
            subItem: s.subItem,
            channel: s.channel,
            source: s.source,
            requestText: s.requestText,
            status: statusOf(s),
            assigneeId: s.assigneeId,
            resultText: s.completedAt ? s.resultText : null,
            submittedAt: s.submittedAt,
            acceptedAt: s.acceptedAt,
            completedAt: s.completedAt,
            createdBy: s.source === 'enterprise' ? (s.enterprise.user?.id ?? null) : s.operator.id,
            isDemo: true,
            // One version per step taken, as the use cases count them.
            version:
              1 +
              (s.source === 'enterprise' && s.acceptedAt ? 1 : 0) +
              (s.progressAt ? 1 : 0) +
              (s.completedAt ? 1 : 0),
            updatedAt: s.completedAt ?? s.progressAt ?? s.acceptedAt ?? s.submittedAt,
          })),
        )
        .returning({ id: serviceRecords.id, number: serviceRecords.number });
      const progress: (typeof serviceProgress.$inferInsert)[] = [];
      const ratings: (typeof serviceRatings.$inferInsert)[] = [];
      const audits: { user: SessionUser; at: Date; event: Parameters<typeof writeAudit>[2] }[] = [];
      for (const [k, s] of batch.entries()) {
        const row = inserted[k];
        if (!row) throw new Error('service history insert returned too few rows');
        ids.push(row.id);
        const by = (u: SessionUser) => ({ actorId: u.id, actorName: u.displayName, actorRole: u.role });
        const requester = s.source === 'enterprise' ? s.enterprise.user : s.operator;
        if (!requester) throw new Error('an enterprise request needs the enterprise account');
        let version = 1;
        let status: TServiceStatus = s.source === 'enterprise' ? 'submitted' : 'accepted';
        progress.push({
          recordId: row.id,
          centreId: s.centre.id,
          kind: s.source === 'enterprise' ? 'submitted' : 'accepted',
          note: null,
          statusAfter: status,
          at: s.submittedAt,
          ...by(requester),
        });
        audits.push({
          user: requester,
          at: s.submittedAt,
          event: {
            action: s.source === 'enterprise' ? 'service.requested' : 'service.recorded',
            objectType: 'service_record',
            objectId: row.id,
            after: {
              number: row.number,
              enterpriseId: s.enterprise.id,
              category: s.category,
              subItem: s.subItem,
              channel: s.channel,
              source: s.source,
              requestText: s.requestText,
              assigneeId: s.assigneeId,
              centre: s.centre.id,
              status,
            },
          },
        });
        const step = (
          at: Date | null,
          kind: 'accepted' | 'progress' | 'completed',
          to: TServiceStatus,
          note: string | null,
        ) => {
          if (!at) return;
          progress.push({
            recordId: row.id,
            centreId: s.centre.id,
            kind,
            note,
            statusAfter: to,
            at,
            ...by(s.operator),
          });
          audits.push({
            user: s.operator,
            at,
            event: {
              action:
                kind === 'accepted'
                  ? 'service.accepted'
                  : kind === 'progress'
                    ? 'service.progressed'
                    : 'service.completed',
              objectType: 'service_record',
              objectId: row.id,
              before: { status, assigneeId: s.assigneeId, version },
              after: { status: to, note, assigneeId: s.assigneeId, version: version + 1 },
            },
          });
          status = to;
          version++;
        };
        if (s.source === 'enterprise') step(s.acceptedAt, 'accepted', 'accepted', null);
        step(s.progressAt, 'progress', 'in_progress', s.progressNote);
        step(s.completedAt, 'completed', 'completed', s.resultText);
        if (s.rating && s.completedAt && s.enterprise.user) {
          const { at, ...r } = s.rating;
          ratings.push({
            recordId: row.id,
            enterpriseId: s.enterprise.id,
            centreId: s.centre.id,
            countyCode: s.centre.countyCode,
            cityCode: s.centre.cityCode,
            ...r,
            ratedBy: s.enterprise.user.id,
            ratedAt: at,
          });
          progress.push({
            recordId: row.id,
            centreId: s.centre.id,
            kind: 'rated',
            note: null,
            statusAfter: 'completed',
            at,
            ...by(s.enterprise.user),
          });
          audits.push({
            user: s.enterprise.user,
            at,
            event: { action: 'service.rated', objectType: 'service_record', objectId: row.id, after: r },
          });
        }
      }
      if (progress.length) await tx.insert(serviceProgress).values(progress);
      if (ratings.length) {
        const rated = await tx
          .insert(serviceRatings)
          .values(ratings)
          .returning({ id: serviceRatings.id, recordId: serviceRatings.recordId });
        // The record carries its rating's level, as rate-service writes it (decision 0017).
        await tx.execute(sql`update ${serviceRecords} r set rating_level = g.level from ${serviceRatings} g
          where g.record_id = r.id and g.id in ${rated.map((r) => r.id)}`);
        const ratingOf = new Map(rated.map((r) => [r.recordId, r.id]));
        for (const a of audits)
          if (a.event.action === 'service.rated')
            a.event.after = { ratingId: ratingOf.get(Number(a.event.objectId)), ...(a.event.after as object) };
      }
      for (const a of audits) {
        const ctx = { deps: depsAt(deps, a.at), user: a.user, ip: null, requestId: 'demo', locale: 'zh-CN' as const };
        await writeAudit(tx, auditContext(ctx, a.at), a.event);
      }
    });
  }
  // The history was written in bulk, past the use cases that move the figures: recount them from the rows (a few
  // hundred records; the demo's later steps go through the use cases and move them as they go).
  await rebuildFigures(deps.db);
  return ids;
}
