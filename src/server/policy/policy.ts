import { asc, desc, eq, lte } from 'drizzle-orm';
import type { TCityRuleRef } from '../../contracts/city-rule';
import { type TPolicyParameters, type TPolicyVersion, ZPolicyParameters } from '../../contracts/policy';
import { auditContext, type RequestContext } from '../context';
import type { Db } from '../db/client';
import { policyVersions } from '../db/schema';
import { writeAudit } from '../lib/audit';
import { POLICY_V1, POLICY_V1_META } from './parameters-v1';

/**
 * The one module every rule reads policy numbers through (SPEC §4). A rule gets a PolicyInForce and cites
 * `version` in its verdict, so each decision can say which parameter version produced it.
 */
export interface PolicyInForce {
  version: number;
  parameters: TPolicyParameters;
  /**
   * Art. 15: set when the policy was read for a city (city-rules.ts policyForRegion) — the city's rule in force and
   * the parameter paths it made stricter, so that a verdict can name the rule its number came from.
   */
  cityRule?: TCityRuleRef | null;
  overridden?: readonly string[];
}

/** The latest version whose effective date is on or before `day` (YYYY-MM-DD, Beijing calendar). */
export async function policyInForce(db: Db, day: string): Promise<PolicyInForce> {
  const row = (
    await db
      .select()
      .from(policyVersions)
      .where(lte(policyVersions.effectiveFrom, day))
      .orderBy(desc(policyVersions.effectiveFrom), desc(policyVersions.version))
      .limit(1)
  )[0];
  if (!row) throw new Error(`no policy version in force on ${day}`);
  return { version: row.version, parameters: ZPolicyParameters.parse(row.parameters) };
}

/** A given parameter version (a stored record says which one its numbers were computed under). */
export async function policyOfVersion(db: Db, version: number): Promise<PolicyInForce> {
  const [row] = await db.select().from(policyVersions).where(eq(policyVersions.version, version)).limit(1);
  if (!row) throw new Error(`no policy version ${version}`);
  return { version: row.version, parameters: ZPolicyParameters.parse(row.parameters) };
}

export function beijingDay(at: Date): string {
  return new Date(at.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

export async function listPolicyVersions(db: Db, today: string): Promise<TPolicyVersion[]> {
  const rows = await db.select().from(policyVersions).orderBy(asc(policyVersions.version));
  const inForce = rows
    .filter((r) => r.effectiveFrom <= today)
    .sort((a, b) => b.effectiveFrom.localeCompare(a.effectiveFrom) || b.version - a.version)[0]?.version;
  return rows.map((r) => ({
    version: r.version,
    title: r.title,
    effectiveFrom: r.effectiveFrom,
    publishedAt: r.publishedAt.toISOString(),
    publishedBy: r.publishedBy,
    basis: r.basis,
    parameters: ZPolicyParameters.parse(r.parameters),
    inForce: r.version === inForce,
  }));
}

/** Version 1 is part of the schema's starting state: installed once, audited, on every database. */
export async function ensurePolicyV1(ctx: RequestContext): Promise<void> {
  const db = ctx.deps.db;
  const existing = await db.select().from(policyVersions).where(eq(policyVersions.version, 1)).limit(1);
  if (existing.length) return;
  const now = ctx.deps.clock();
  await db.transaction(async (tx) => {
    const [row] = await tx
      .insert(policyVersions)
      .values({ ...POLICY_V1_META, parameters: POLICY_V1, publishedAt: now, publishedBy: 'system' })
      .onConflictDoNothing()
      .returning();
    if (!row) return;
    await writeAudit(tx, auditContext(ctx, now), {
      action: 'policy.version.published',
      objectType: 'policy_version',
      objectId: 1,
      after: row,
    });
  });
}
