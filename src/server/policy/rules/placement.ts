import type { TVerdict } from '../../../contracts/centre';
import type { TParkKind, TParkLevel } from '../../../contracts/park';
import type { PolicyInForce } from '../policy';
import { isNationalDevZone } from './venue';

export interface PlacementFacts {
  parkLevel: TParkLevel;
  parkKind: TParkKind;
  /** Other centres of the park that are recognised or on their way (submitted, forwarded, approved …). */
  otherCentres: number;
  tradingEnterpriseCount: number | null | undefined;
  supportStatement: string | null | undefined;
}

/**
 * Art. 9(二): one centre per park in principle; more than one only in a national-level 经开区/高新区 with a large
 * number of trading enterprises and fiscal, venue and equipment support — which the application must state.
 */
export function placementVerdict(facts: PlacementFacts, policy: PolicyInForce): TVerdict {
  const base = { article: '第九条（二）', rule: 'placement.onePerPark', policyVersion: policy.version };
  if (facts.otherCentres === 0) {
    return {
      ...base,
      ok: true,
      required: 0,
      actual: 0,
      // Counted among the centres set up before this one, so the park's first centre keeps this verdict after a
      // second one is approved (Art. 9(二) then judges the second).
      message: {
        'zh-CN': '为该园区首个外综服中心，设立时园区内无其他中心（第九条（二））',
        en: "The park's first centre: no other centre held the park when it was set up (Art. 9(2))",
      },
    };
  }
  if (!isNationalDevZone(facts.parkLevel, facts.parkKind)) {
    return {
      ...base,
      ok: false,
      required: 0,
      actual: facts.otherCentres,
      message: {
        'zh-CN': '该园区已有外综服中心；原则上每个园区设立1个，仅国家级经开区/高新区可视情设立1个以上（第九条（二））',
        en: 'The park already has a centre; only a national-level economic or high-tech zone may have more than one (Art. 9(2))',
      },
    };
  }
  const stated =
    facts.tradingEnterpriseCount != null &&
    facts.tradingEnterpriseCount > 0 &&
    (facts.supportStatement?.trim().length ?? 0) >= 10;
  return {
    ...base,
    rule: 'placement.secondCentreJustified',
    ok: stated,
    required: '实绩外贸企业数量及财政、场地、设备支持说明',
    actual: stated ? `${facts.tradingEnterpriseCount}` : null,
    message: stated
      ? {
          'zh-CN': `国家级经开区/高新区增设中心：实绩外贸企业 ${facts.tradingEnterpriseCount} 家，已说明支持条件（第九条（二））`,
          en: `Additional centre in a national-level zone: ${facts.tradingEnterpriseCount} trading enterprises, support stated (Art. 9(2))`,
        }
      : {
          'zh-CN': '国家级经开区/高新区增设中心，须写明实绩外贸企业数量及财政、场地、设备等支持条件（第九条（二））',
          en: 'An additional centre in a national-level zone must state the number of trading enterprises and the fiscal, venue and equipment support (Art. 9(2))',
        },
  };
}
