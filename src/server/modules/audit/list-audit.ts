import { and, asc, desc, eq, gte, lt, type SQL, sql } from 'drizzle-orm';
import type { TRole } from '../../../contracts/access';
import type { TAuditEntry, TAuditListQuery, TAuditVerifyResponse } from '../../../contracts/audit';
import type { RequestContext } from '../../context';
import { auditEntries } from '../../db/schema';
import { requireAction } from '../../lib/access/require-access';
import { verifyAuditChain } from '../../lib/audit';
import { auditAnchorPath } from '../../lib/audit-anchor';
import { countCapped, totalFields } from '../../lib/list-count';
import type { ListPage } from '../../lib/list-route';
import { labelKey, resolveAuditObjectLabels } from './audit-object-labels';

/**
 * The operation log, newest first, each entry with the names of its object and actor as the reader may see them.
 * Read-only by construction: there is no route that changes it. The page and the .xlsx export both come through here.
 */
export async function listAudit(
  ctx: RequestContext,
  q: TAuditListQuery,
  limit: number,
  offset: number,
): Promise<ListPage<TAuditEntry>> {
  const user = requireAction(ctx.user, 'audit.read');
  const conds: SQL[] = [];
  if (q.action) conds.push(eq(auditEntries.action, q.action));
  if (q.objectType) conds.push(eq(auditEntries.objectType, q.objectType));
  if (q.objectId) conds.push(eq(auditEntries.objectId, q.objectId));
  if (q.actorId) conds.push(eq(auditEntries.actorId, q.actorId));
  // Dates are Beijing calendar days.
  if (q.from) conds.push(gte(auditEntries.at, new Date(`${q.from}T00:00:00+08:00`)));
  if (q.to) conds.push(lt(auditEntries.at, new Date(new Date(`${q.to}T00:00:00+08:00`).getTime() + 86_400_000)));
  const where = conds.length ? and(...conds) : undefined;
  const db = ctx.deps.db;
  // The log grows by every change for years: its total stops counting at the lists' cap (decision 0017).
  const [rows, total] = await Promise.all([
    db
      .select()
      .from(auditEntries)
      .where(where)
      // Insertion order: the chain's order for every sequenced entry but those written at the same moment, and it
      // places an entry still waiting for its seq (decision 0021).
      .orderBy(q.sort === 'seq' ? asc(auditEntries.id) : desc(auditEntries.id))
      .limit(limit)
      .offset(offset),
    countCapped(db, db.select({ one: sql`1` }).from(auditEntries).where(where), ctx.deps.config.listCountCap),
  ]);
  // Actors are user accounts: their display names follow the same rule as a user entry's label.
  const actors = rows.flatMap((r) => (r.actorId === null ? [] : [{ objectType: 'user', objectId: String(r.actorId) }]));
  const labels = await resolveAuditObjectLabels(db, user, ctx.locale, [...rows, ...actors]);
  return {
    items: rows.map(({ prevHash: _prev, contentHash: _content, ...r }) => ({
      ...r,
      actorRole: r.actorRole as TRole | null,
      actorDisplayName: r.actorId === null ? null : (labels.get(labelKey('user', String(r.actorId))) ?? null),
      objectLabel: r.objectId === null ? null : (labels.get(labelKey(r.objectType, r.objectId)) ?? null),
      at: r.at.toISOString(),
    })),
    ...totalFields(total),
  };
}

export async function verifyAudit(ctx: RequestContext): Promise<TAuditVerifyResponse> {
  requireAction(ctx.user, 'audit.verify');
  return verifyAuditChain(ctx.deps.db, ctx.deps.auditKey, { anchorFile: auditAnchorPath(ctx.deps.config.dataDir) });
}
