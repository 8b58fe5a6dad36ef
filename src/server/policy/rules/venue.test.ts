import { describe, expect, it } from 'vitest';
import { POLICY_V1 } from '../parameters-v1';
import type { PolicyInForce } from '../policy';
import { placementVerdict } from './placement';
import { venueAreaVerdict, venueFreeVerdict } from './venue';

const v1: PolicyInForce = { version: 1, parameters: POLICY_V1 };

describe('Art. 6 venue area', () => {
  it.each([
    ['national', 'high_tech_zone', 79, false, 80],
    ['national', 'high_tech_zone', 80, true, 80],
    ['national', 'economic_dev_zone', 80, true, 80],
    ['national', 'bonded_zone', 50, true, 50],
    ['provincial', 'economic_dev_zone', 49.5, false, 50],
    ['provincial', 'economic_dev_zone', 50, true, 50],
    ['other', 'industrial_park', 50, true, 50],
  ] as const)('%s %s, %d m² → ok %s (required %d)', (parkLevel, parkKind, area, ok, required) => {
    const v = venueAreaVerdict({ parkLevel, parkKind, area }, v1);
    expect(v).toMatchObject({ ok, required, actual: area, article: '第六条', policyVersion: 1 });
  });

  it('reads the minimum from the parameter version, not from the code', () => {
    const v2: PolicyInForce = { version: 2, parameters: { ...POLICY_V1, venueMinAreaNational: 100 } };
    expect(venueAreaVerdict({ parkLevel: 'national', parkKind: 'high_tech_zone', area: 90 }, v2)).toMatchObject({
      ok: false,
      required: 100,
      policyVersion: 2,
    });
  });

  it('requires the venue free of charge', () => {
    expect(venueFreeVerdict(false, v1).ok).toBe(false);
    expect(venueFreeVerdict(true, v1).ok).toBe(true);
  });
});

describe('Art. 9(二) one centre per park', () => {
  const national = { parkLevel: 'national', parkKind: 'economic_dev_zone' } as const;
  it('allows the first centre anywhere', () => {
    expect(
      placementVerdict(
        {
          parkLevel: 'provincial',
          parkKind: 'industrial_park',
          otherCentres: 0,
          tradingEnterpriseCount: null,
          supportStatement: null,
        },
        v1,
      ).ok,
    ).toBe(true);
  });
  it('refuses a second centre outside a national-level 经开区/高新区', () => {
    for (const p of [
      { parkLevel: 'provincial', parkKind: 'economic_dev_zone' },
      { parkLevel: 'national', parkKind: 'bonded_zone' },
    ] as const) {
      const v = placementVerdict(
        { ...p, otherCentres: 1, tradingEnterpriseCount: 500, supportStatement: '财政、场地、设备支持充分说明' },
        v1,
      );
      expect(v).toMatchObject({ ok: false, rule: 'placement.onePerPark', article: '第九条（二）' });
    }
  });
  it('allows a second centre in a national zone only with the count and the support stated', () => {
    expect(
      placementVerdict({ ...national, otherCentres: 1, tradingEnterpriseCount: null, supportStatement: null }, v1).ok,
    ).toBe(false);
    expect(
      placementVerdict({ ...national, otherCentres: 1, tradingEnterpriseCount: 320, supportStatement: '短' }, v1).ok,
    ).toBe(false);
    expect(
      placementVerdict(
        {
          ...national,
          otherCentres: 1,
          tradingEnterpriseCount: 320,
          supportStatement: '区财政每年安排配套资金，提供场地与设备',
        },
        v1,
      ),
    ).toMatchObject({ ok: true, rule: 'placement.secondCentreJustified' });
  });
});
