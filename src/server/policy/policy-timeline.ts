import { asc } from 'drizzle-orm';
import { ZPolicyParameters } from '../../contracts/policy';
import type { Db } from '../db/client';
import { policyVersions } from '../db/schema';
import type { PolicyInForce } from './policy';

/**
 * Every published parameter version, read once, for rules that concern other days than today (Art. 16: a rule reads
 * the version in force on the day it concerns — a filing deadline the signing day, a change of operator the day of
 * the change — and a past decision is shown under the version it was made with). A list of a hundred engagements
 * asks one query, not a hundred.
 */
export interface PolicyTimeline {
  /**
   * The version in force on `day`: the latest effective on or before it. A day before the first version is read
   * under the first one — version 1 is the platform's starting state, and records entered afterwards about earlier
   * days (a contract signed before the platform) have no other.
   */
  on(day: string): PolicyInForce;
  /** A version by number (what a stored decision cites); the latest one if the number is unknown. */
  of(version: number): PolicyInForce;
}

export async function policyTimeline(db: Db): Promise<PolicyTimeline> {
  const rows = await db
    .select()
    .from(policyVersions)
    .orderBy(asc(policyVersions.effectiveFrom), asc(policyVersions.version));
  if (rows.length === 0) throw new Error('no policy version published');
  const versions = rows.map((r) => ({
    effectiveFrom: r.effectiveFrom,
    policy: { version: r.version, parameters: ZPolicyParameters.parse(r.parameters) } satisfies PolicyInForce,
  }));
  const first = versions[0] as (typeof versions)[number];
  return {
    on(day) {
      let found = first;
      for (const v of versions) if (v.effectiveFrom <= day) found = v;
      return found.policy;
    },
    of(version) {
      return (
        versions.find((v) => v.policy.version === version)?.policy ??
        versions.reduce((a, b) => (b.policy.version > a.policy.version ? b : a)).policy
      );
    },
  };
}
