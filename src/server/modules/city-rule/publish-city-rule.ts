import type { TCityRule, TCityRuleInput } from '../../../contracts/city-rule';
import { CITY_RULE_KEYS } from '../../../contracts/city-rule';
import { auditContext, type RequestContext } from '../../context';
import { cityPolicyRules } from '../../db/schema';
import { requireAction } from '../../lib/access/require-access';
import { writeAudit } from '../../lib/audit';
import { AppError, invalidField } from '../../lib/errors';
import { firstNotStricter } from '../../policy/city-rules';
import { beijingDay, policyInForce } from '../../policy/policy';
import { sweepCentreConditions } from '../centre';
import { deliverOutbound } from '../message/notify';
import { getCityRule } from './list-city-rules';

/**
 * Art. 15: a city publishes its implementing rule (配套实施细则) for its own region — never another's, since the city
 * comes from the account, not the request. Every value must be stricter than the province's version in force on
 * the rule's effective date (CITY_RULE_KEYS says which way); the first one that is not is refused naming the
 * parameter and the direction. Published rules are never edited: a newer one replaces it from its own date.
 * When the rule takes effect today, the city's centres are re-checked at once (Art. 9(四)); a later date is the daily
 * sweep's.
 */
export async function publishCityRule(ctx: RequestContext, input: TCityRuleInput): Promise<TCityRule> {
  const user = requireAction(ctx.user, 'cityRule.publish');
  const cityCode = user.regionCode;
  if (!cityCode) throw new AppError('FORBIDDEN', { action: 'cityRule.publish' });
  const now = ctx.deps.clock();
  const today = beijingDay(now);
  if (input.effectiveFrom < today) {
    throw invalidField('effectiveFrom', {
      'zh-CN': `生效日期不能早于今天（${today}）：已作出的判定不追溯变更`,
      en: `must not be before today (${today}): verdicts already given do not change retroactively`,
    });
  }
  const province = await policyInForce(ctx.deps.db, input.effectiveFrom);
  const refused = firstNotStricter(input.parameters, province);
  if (refused) {
    const spec = CITY_RULE_KEYS[refused.key];
    throw new AppError('CITY_RULE_NOT_STRICTER', {
      field: `parameters.${refused.key}`,
      parameter: refused.key,
      direction: spec.direction,
      provinceValue: refused.province,
      value: refused.value,
      policyVersion: province.version,
      verdict: { message: refused.message },
      fields: [
        {
          field: `parameters.${refused.key}`,
          reason: refused.message.en,
          'reason_zh-CN': refused.message['zh-CN'],
          reason_en: refused.message.en,
        },
      ],
    });
  }
  const parameters = Object.fromEntries(
    Object.entries(input.parameters).filter((e): e is [string, number] => typeof e[1] === 'number'),
  );
  const { id, sent } = await ctx.deps.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(cityPolicyRules)
      .values({
        cityCode,
        title: input.title,
        documentNumber: input.documentNumber,
        effectiveFrom: input.effectiveFrom,
        parameters,
        checkedAgainstVersion: province.version,
        publishedBy: user.id,
        publishedByName: user.displayName,
        publishedAt: now,
      })
      .returning();
    if (!row) throw new Error('insert returned nothing');
    await writeAudit(tx, auditContext(ctx, now), {
      action: 'city.rule.published',
      objectType: 'city_policy_rule',
      objectId: row.id,
      after: row,
    });
    const sent =
      input.effectiveFrom <= today ? await sweepCentreConditions(tx, ctx, { day: today, at: now, cityCode }) : [];
    return { id: row.id, sent };
  });
  deliverOutbound(ctx.deps, sent);
  return getCityRule(ctx, id);
}
