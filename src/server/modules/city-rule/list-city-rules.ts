import { and, asc, desc, eq, type SQL } from 'drizzle-orm';
import type { TCityRule, TCityRuleBaseline } from '../../../contracts/city-rule';
import { CITY_RULE_KEY_LIST } from '../../../contracts/city-rule';
import type { RequestContext } from '../../context';
import { cityPolicyRules, regions } from '../../db/schema';
import { requireAction } from '../../lib/access/require-access';
import { AppError } from '../../lib/errors';
import { parameterAt, policyForRegion } from '../../policy/city-rules';
import { beijingDay, policyInForce } from '../../policy/policy';

type Row = { r: typeof cityPolicyRules.$inferSelect; cityName: string };

function select(ctx: RequestContext, where: SQL | undefined) {
  return ctx.deps.db
    .select({ r: cityPolicyRules, cityName: regions.name })
    .from(cityPolicyRules)
    .innerJoin(regions, eq(regions.code, cityPolicyRules.cityCode))
    .where(where)
    .orderBy(asc(cityPolicyRules.cityCode), desc(cityPolicyRules.effectiveFrom), desc(cityPolicyRules.id));
}

/** Rows ordered by city, newest effective first: the first one of a city on or before today is in force. */
function present(rows: Row[], today: string): TCityRule[] {
  const inForce = new Set<number>();
  const seen = new Set<string>();
  for (const { r } of rows) {
    if (seen.has(r.cityCode) || r.effectiveFrom > today) continue;
    seen.add(r.cityCode);
    inForce.add(r.id);
  }
  return rows.map(({ r, cityName }) => ({
    id: r.id,
    cityCode: r.cityCode,
    cityName,
    title: r.title,
    documentNumber: r.documentNumber,
    effectiveFrom: r.effectiveFrom,
    parameters: r.parameters,
    publishedBy: r.publishedByName,
    publishedAt: r.publishedAt.toISOString(),
    inForce: inForce.has(r.id),
  }));
}

/** Art. 15: the cities' implementing rules are public documents: everyone signed in reads them all. */
export async function listCityRules(ctx: RequestContext, city: string | undefined): Promise<TCityRule[]> {
  requireAction(ctx.user, 'policy.read');
  const rows = await select(ctx, city ? eq(cityPolicyRules.cityCode, city) : undefined);
  return present(rows, beijingDay(ctx.deps.clock()));
}

export async function getCityRule(ctx: RequestContext, id: number): Promise<TCityRule> {
  requireAction(ctx.user, 'policy.read');
  const [one] = await select(ctx, eq(cityPolicyRules.id, id));
  if (!one) throw new AppError('NOT_FOUND', { id });
  // In force or not is a property among the city's rules: present it with its siblings.
  const all = present(
    await select(ctx, and(eq(cityPolicyRules.cityCode, one.r.cityCode))),
    beijingDay(ctx.deps.clock()),
  );
  const found = all.find((r) => r.id === id);
  if (!found) throw new AppError('NOT_FOUND', { id });
  return found;
}

/**
 * For the publishing form: the province's value of every key a city may override on `day`, the city's rule in force
 * then, and the values that apply — what a new rule must be stricter than.
 */
export async function cityRuleBaseline(
  ctx: RequestContext,
  q: { city?: string; day?: string },
): Promise<TCityRuleBaseline> {
  const user = requireAction(ctx.user, 'policy.read');
  // A rule takes effect today or later: earlier days (before any policy version, even) have nothing to show.
  const today = beijingDay(ctx.deps.clock());
  const day = q.day && q.day > today ? q.day : today;
  const cityCode = q.city ?? (user.role === 'city' ? user.regionCode : null) ?? null;
  const province = await policyInForce(ctx.deps.db, day);
  const regional = cityCode ? await policyForRegion(ctx.deps.db, day, cityCode) : null;
  const pick = (p: typeof province.parameters) =>
    Object.fromEntries(CITY_RULE_KEY_LIST.map((k) => [k, parameterAt(p, k)]));
  return {
    cityCode,
    day,
    policyVersion: province.version,
    province: pick(province.parameters),
    cityRule: regional?.cityRule ?? null,
    effective: pick((regional ?? province).parameters),
  };
}
