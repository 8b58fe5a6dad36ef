import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkDeclaration, parseDecimal } from '../modules/trade/declaration-rules';
import { seededRandom } from './people';
import {
  buildDeclaration,
  centsText,
  customsOffice,
  DEMO_CURRENCIES,
  INDUSTRIES,
  industryOf,
  monthlyRates,
  monthsBetween,
  type TradeIndustry,
  workingDays,
} from './trade-factory';

const industries = Object.keys(INDUSTRIES) as TradeIndustry[];

/** The trade factories (issue 13) make what the intake's own checks accept, for the demo and the tests alike. */
describe('trade factories', () => {
  it('draws declarations that pass every check of the intake path, lines adding up to the total', () => {
    const rates = new Map(monthlyRates('2025-06', '2025-06').map((r) => [r.currency, Number(r.cnyPerUnit)]));
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 2 ** 31 }),
        fc.constantFrom(...industries),
        fc.constantFrom('import' as const, 'export' as const),
        fc.integer({ min: 1, max: 999_999_999 }),
        (seed, industry, direction, seq) => {
          const d = buildDeclaration(seededRandom(seed), {
            creditCode: '91420100MA0000017X',
            industry,
            direction,
            declaredOn: '2025-06-16',
            rates,
            usd: 1 + (seed % 500_000),
            office: customsOffice('420100'),
            seq,
          });
          const r = checkDeclaration(d, 0, 'zh-CN', '2025-06-17');
          expect(r.ok ? [] : r.issues).toEqual([]);
          const sum = d.lines.reduce((s, l) => s + (parseDecimal(l.amount, 2) ?? 0n), 0n);
          expect(sum).toBe(parseDecimal(d.amount, 2));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('gives every month from 2023-01 a rate for every currency, the same on every call', () => {
    const rows = monthlyRates('2023-01', '2026-12');
    expect(rows).toHaveLength(48 * DEMO_CURRENCIES.length);
    expect(monthlyRates('2024-05', '2024-05')).toEqual(rows.filter((r) => r.month === '2024-05'));
    const usd = rows.filter((r) => r.currency === 'USD').map((r) => Number(r.cnyPerUnit));
    for (let i = 1; i < usd.length; i++)
      expect(Math.abs((usd[i] as number) / (usd[i - 1] as number) - 1)).toBeLessThan(0.02);
  });

  it('counts months and working days across year ends, and writes cents exactly', () => {
    expect(monthsBetween('2024-11', '2025-02')).toEqual(['2024-11', '2024-12', '2025-01', '2025-02']);
    // December 2025: 23 weekdays; from the 29th (a Monday) to the 31st three.
    expect(workingDays('2025-12', '2025-01-01', '2025-12-31')).toHaveLength(23);
    expect(workingDays('2025-12', '2025-12-29', '2026-01-05')).toEqual(['2025-12-29', '2025-12-30', '2025-12-31']);
    expect([centsText(5), centsText(100), centsText(123456789012)]).toEqual(['0.05', '1.00', '1234567890.12']);
    expect(industryOf('武汉华晟纺织服装有限公司', 1)).toBe('textiles');
  });
});
