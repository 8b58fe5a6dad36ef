import { and, asc, desc, eq, inArray, lte } from 'drizzle-orm';
import {
  CITY_RULE_KEYS,
  type TCityRuleKey,
  type TCityRuleParameters,
  type TCityRuleRef,
} from '../../contracts/city-rule';
import type { TPolicyParameters } from '../../contracts/policy';
import type { Db } from '../db/client';
import { cityPolicyRules, regions } from '../db/schema';
import { type PolicyInForce, policyInForce, policyOfVersion } from './policy';
import { type PolicyTimeline, policyTimeline } from './policy-timeline';

/**
 * Art. 15: the policy as it applies in one city — the province's version in force on the day, with the city's rule
 * in force that day applied on top. A city can only make a number stricter (CITY_RULE_KEYS): when the province later
 * goes beyond the city's value, the stricter number still wins, and the key is no longer the city's.
 */
export interface RegionalPolicy extends PolicyInForce {
  cityRule: TCityRuleRef | null;
  /** The keys whose number comes from the city's rule (stricter than the province's). */
  overridden: TCityRuleKey[];
}

/** A parameter by its path (`staffOther.total`). */
export function parameterAt(p: TPolicyParameters, key: TCityRuleKey): number {
  const [head, tail] = key.split('.') as [keyof TPolicyParameters, string | undefined];
  const value = tail ? (p[head] as Record<string, number>)[tail] : p[head];
  if (typeof value !== 'number') throw new Error(`parameter ${key} is not a number`);
  return value;
}

function withParameter(p: TPolicyParameters, key: TCityRuleKey, value: number): TPolicyParameters {
  const [head, tail] = key.split('.') as [keyof TPolicyParameters, string | undefined];
  if (!tail) return { ...p, [head]: value };
  return { ...p, [head]: { ...(p[head] as Record<string, number>), [tail]: value } };
}

/** `candidate` is stricter than `province` for the key (a larger minimum, a shorter period). */
export function isStricter(key: TCityRuleKey, candidate: number, province: number): boolean {
  return CITY_RULE_KEYS[key].direction === 'larger' ? candidate > province : candidate < province;
}

/** Pure: the city's rule on top of the province's version. */
export function applyCityRule(
  province: PolicyInForce,
  rule: { ref: TCityRuleRef; parameters: Record<string, number> } | null,
): RegionalPolicy {
  if (!rule) return { ...province, cityRule: null, overridden: [] };
  let parameters = province.parameters;
  const overridden: TCityRuleKey[] = [];
  for (const [k, value] of Object.entries(rule.parameters)) {
    if (!(k in CITY_RULE_KEYS)) continue;
    const key = k as TCityRuleKey;
    if (isStricter(key, value, parameterAt(province.parameters, key))) {
      parameters = withParameter(parameters, key, value);
      overridden.push(key);
    }
  }
  return { version: province.version, parameters, cityRule: overridden.length ? rule.ref : null, overridden };
}

export interface NotStricter {
  key: TCityRuleKey;
  value: number;
  province: number;
  message: { 'zh-CN': string; en: string };
}

/** Pure: the first value of a proposed rule that is not stricter than the province's, with the reason in both languages. */
export function firstNotStricter(params: TCityRuleParameters, province: PolicyInForce): NotStricter | null {
  for (const [k, value] of Object.entries(params)) {
    const key = k as TCityRuleKey;
    if (value === undefined) continue;
    const current = parameterAt(province.parameters, key);
    if (isStricter(key, value, current)) continue;
    const spec = CITY_RULE_KEYS[key];
    const larger = spec.direction === 'larger';
    return {
      key,
      value,
      province: current,
      message: {
        'zh-CN': `实施细则只能从严（第十五条）：${spec.label['zh-CN']}须${larger ? '大于' : '小于'}省政策参数第 ${province.version} 版的 ${current}（${spec.article}），所填为 ${value}`,
        en: `A city rule may only be stricter (Art. 15): ${spec.label.en} must be ${larger ? 'greater' : 'less'} than ${current} in provincial version ${province.version} (${spec.articleEn}); given ${value}`,
      },
    };
  }
  return null;
}

type RuleRow = typeof cityPolicyRules.$inferSelect & { cityName: string };

/** The city's rule in force on `day`: the latest effective one (a newer one replaces an older from its date). */
export async function cityRuleInForce(db: Db, day: string, cityCode: string): Promise<RuleRow | null> {
  const [row] = await db
    .select({ r: cityPolicyRules, cityName: regions.name })
    .from(cityPolicyRules)
    .innerJoin(regions, eq(regions.code, cityPolicyRules.cityCode))
    .where(and(eq(cityPolicyRules.cityCode, cityCode), lte(cityPolicyRules.effectiveFrom, day)))
    .orderBy(desc(cityPolicyRules.effectiveFrom), desc(cityPolicyRules.id))
    .limit(1);
  return row ? { ...row.r, cityName: row.cityName } : null;
}

export function refOf(row: RuleRow): TCityRuleRef {
  return { id: row.id, cityName: row.cityName, title: row.title, documentNumber: row.documentNumber };
}

/** The policy for a centre in `cityCode` on `day` (Art. 15 on top of the version in force, SPEC §4). */
export async function policyForRegion(db: Db, day: string, cityCode: string): Promise<RegionalPolicy> {
  // One after the other here and below: `db` may be a transaction's one client, where node-postgres deprecates
  // overlapping queries (they would queue there anyway).
  const province = await policyInForce(db, day);
  const rule = await cityRuleInForce(db, day, cityCode);
  return applyCityRule(province, rule ? { ref: refOf(rule), parameters: rule.parameters } : null);
}

/** A stored parameter version with the city's rule in force on `day` on top (a record keeps its version). */
export async function versionForRegion(
  db: Db,
  version: number,
  day: string,
  cityCode: string,
): Promise<RegionalPolicy> {
  const province = await policyOfVersion(db, version);
  const rule = await cityRuleInForce(db, day, cityCode);
  return applyCityRule(province, rule ? { ref: refOf(rule), parameters: rule.parameters } : null);
}

/** The same for several cities at once (a list of centres): one read of the province's version. */
export async function policiesForRegions(
  db: Db,
  day: string,
  cityCodes: Iterable<string>,
): Promise<(cityCode: string) => RegionalPolicy> {
  const codes = [...new Set(cityCodes)];
  const province = await policyInForce(db, day);
  const byCity = new Map<string, RegionalPolicy>();
  if (codes.length) {
    const rows = await db
      .select({ r: cityPolicyRules, cityName: regions.name })
      .from(cityPolicyRules)
      .innerJoin(regions, eq(regions.code, cityPolicyRules.cityCode))
      .where(and(inArray(cityPolicyRules.cityCode, codes), lte(cityPolicyRules.effectiveFrom, day)))
      .orderBy(desc(cityPolicyRules.effectiveFrom), desc(cityPolicyRules.id));
    for (const { r, cityName } of rows) {
      if (byCity.has(r.cityCode)) continue;
      const row = { ...r, cityName };
      byCity.set(r.cityCode, applyCityRule(province, { ref: refOf(row), parameters: row.parameters }));
    }
  }
  const plain = applyCityRule(province, null);
  return (cityCode) => byCity.get(cityCode) ?? plain;
}

/**
 * Art. 15 with Art. 16: the province's versions and every city's rules read once, for rules that concern other days
 * than today — a filing deadline is counted under the version **and** the city rule in force on the signing day.
 */
export interface RegionalTimeline extends PolicyTimeline {
  /** The province's version in force on `day` with `cityCode`'s rule in force that day on top. */
  onIn(day: string, cityCode: string): RegionalPolicy;
}

export async function regionalTimeline(db: Db): Promise<RegionalTimeline> {
  const timeline = await policyTimeline(db);
  const rows = await db
    .select({ r: cityPolicyRules, cityName: regions.name })
    .from(cityPolicyRules)
    .innerJoin(regions, eq(regions.code, cityPolicyRules.cityCode))
    .orderBy(asc(cityPolicyRules.effectiveFrom), asc(cityPolicyRules.id));
  return {
    ...timeline,
    onIn(day, cityCode) {
      let rule: RuleRow | null = null;
      for (const { r, cityName } of rows)
        if (r.cityCode === cityCode && r.effectiveFrom <= day) rule = { ...r, cityName };
      return applyCityRule(timeline.on(day), rule ? { ref: refOf(rule), parameters: rule.parameters } : null);
    },
  };
}
