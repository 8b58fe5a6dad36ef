import { describe, expect, it } from 'vitest';
import { INDICATOR_GROUPS, ZIndicatorSystemBody } from '../../../contracts/assessment';
import { DEFAULT_INDICATOR_SYSTEM } from './default-system';

describe('the shipped indicator system (Art. 12(一))', () => {
  it('is a valid system whose weights add up to 100', () => {
    expect(ZIndicatorSystemBody.safeParse(DEFAULT_INDICATOR_SYSTEM).success).toBe(true);
  });

  it('weighs the five things Art. 12(一) names 25 / 20 / 20 / 20 / 15', () => {
    const byGroup = Object.fromEntries(INDICATOR_GROUPS.map((g) => [g, 0]));
    for (const i of DEFAULT_INDICATOR_SYSTEM.indicators) byGroup[i.group] += i.weight;
    expect(byGroup).toEqual({ services: 25, feedback: 20, newly_trading: 20, trade: 20, activities: 15 });
  });

  it('refuses a system whose weights do not add up to 100', () => {
    const indicators = DEFAULT_INDICATOR_SYSTEM.indicators.map((i, n) =>
      n === 0 ? { ...i, weight: i.weight + 1 } : i,
    );
    const broken = { ...DEFAULT_INDICATOR_SYSTEM, indicators };
    expect(ZIndicatorSystemBody.safeParse(broken).success).toBe(false);
  });
});
