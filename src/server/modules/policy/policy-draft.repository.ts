import { desc, eq, max } from 'drizzle-orm';
import type { TPolicyDraftStatus } from '../../../contracts/policy-draft';
import type { Db } from '../../db/client';
import { policyDrafts, policyVersions, users } from '../../db/schema';

export type PolicyDraftRow = typeof policyDrafts.$inferSelect & { createdByName: string | null };

const columns = {
  id: policyDrafts.id,
  title: policyDrafts.title,
  basis: policyDrafts.basis,
  parameters: policyDrafts.parameters,
  basedOnVersion: policyDrafts.basedOnVersion,
  effectiveFrom: policyDrafts.effectiveFrom,
  status: policyDrafts.status,
  publishedVersion: policyDrafts.publishedVersion,
  version: policyDrafts.version,
  createdBy: policyDrafts.createdBy,
  createdAt: policyDrafts.createdAt,
  updatedAt: policyDrafts.updatedAt,
  createdByName: users.displayName,
};

export async function findPolicyDraft(db: Db, id: number): Promise<PolicyDraftRow | undefined> {
  const [row] = await db
    .select(columns)
    .from(policyDrafts)
    .leftJoin(users, eq(users.id, policyDrafts.createdBy))
    .where(eq(policyDrafts.id, id))
    .limit(1);
  return row;
}

export async function listPolicyDraftRows(db: Db, status?: TPolicyDraftStatus): Promise<PolicyDraftRow[]> {
  return db
    .select(columns)
    .from(policyDrafts)
    .leftJoin(users, eq(users.id, policyDrafts.createdBy))
    .where(status ? eq(policyDrafts.status, status) : undefined)
    .orderBy(desc(policyDrafts.id));
}

/** The highest version number and the latest effective date among published versions. */
export async function latestPublished(db: Db): Promise<{ version: number; effectiveFrom: string | null }> {
  const [row] = await db
    .select({ version: max(policyVersions.version), effectiveFrom: max(policyVersions.effectiveFrom) })
    .from(policyVersions);
  return { version: row?.version ?? 0, effectiveFrom: row?.effectiveFrom ?? null };
}
