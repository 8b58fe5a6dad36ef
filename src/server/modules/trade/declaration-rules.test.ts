import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { TTradeDeclarationInput } from '../../../contracts/trade';
import { checkDeclaration, convert, formatDecimal, parseDecimal } from './declaration-rules';

const base: TTradeDeclarationInput = {
  declarationNo: '470120260000012345',
  enterpriseCreditCode: '91420100MA4KXXXX0X',
  direction: 'export',
  declaredOn: '2026-03-15',
  tradeMode: '0110',
  country: 'US',
  currency: 'USD',
  amount: '1500.50',
  lines: [
    { commodityCode: '8501100010', goodsName: '微电机', quantity: '100', unit: '台', amount: '1000.25' },
    { commodityCode: '6109100021', goodsName: '棉制T恤衫', quantity: 50, unit: '件', amount: 500.25 },
  ],
};
const today = '2026-12-07';

function fields(input: TTradeDeclarationInput) {
  const r = checkDeclaration(input, 0, 'zh-CN', today);
  return r.ok ? [] : r.issues.map((i) => `${i.line ?? 0}:${i.field}`);
}

describe('a customs declaration is checked before it is taken in (SPEC §2 trade record)', () => {
  it('takes a well-formed export declaration and normalises its codes', () => {
    const r = checkDeclaration({ ...base, country: 'usa', currency: 'usd' }, 3, 'zh-CN', today);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value).toMatchObject({ index: 3, month: '2026-03', country: 'US', currency: 'USD', amountCents: 150050n });
    expect(r.value.lines.map((l) => l.hsChapter)).toEqual(['85', '61']);
  });

  it('reads the declaration number: office, year, direction flag, sequence', () => {
    expect(fields({ ...base, declarationNo: '47012026000001234' })).toEqual(['0:declarationNo']);
    expect(fields({ ...base, declarationNo: '000020260000012345' })).toEqual(['0:declarationNo']);
    expect(fields({ ...base, declarationNo: '470120250000012345' })).toEqual(['0:declarationNo']);
    // Ninth digit 1 is an import: this one says export.
    expect(fields({ ...base, declarationNo: '470120261000012345' })).toEqual(['0:declarationNo']);
    expect(fields({ ...base, direction: 'import', declarationNo: '470120261000012345' })).toEqual([]);
    expect(fields({ ...base, declarationNo: '470120260000000000' })).toEqual(['0:declarationNo']);
  });

  it('names the line and the field of a bad commodity code, quantity or amount', () => {
    const lines = [...base.lines];
    lines[1] = { ...lines[1], commodityCode: '7712345678' };
    expect(fields({ ...base, lines })).toEqual(['2:commodityCode']);
    lines[1] = { ...lines[1], commodityCode: '610910002' };
    expect(fields({ ...base, lines })).toEqual(['2:commodityCode']);
    lines[1] = { ...base.lines[1], quantity: '-1' };
    expect(fields({ ...base, lines })).toEqual(['2:quantity']);
    lines[1] = { ...base.lines[1], amount: '1.234' };
    expect(fields({ ...base, lines })).toEqual(['2:lineAmount']);
  });

  it('refuses codes not in the lists, a future date and lines that do not add up', () => {
    expect(fields({ ...base, tradeMode: '0111' })).toEqual(['0:tradeMode']);
    expect(fields({ ...base, country: 'XX' })).toEqual(['0:country']);
    expect(fields({ ...base, currency: 'US$' })).toEqual(['0:currency']);
    expect(fields({ ...base, declaredOn: '2026-12-08' })).toEqual(['0:declaredOn']);
    expect(fields({ ...base, amount: '1500.51' })).toEqual(['0:amount']);
    const r = checkDeclaration({ ...base, amount: '1500.51' }, 0, 'en', today);
    expect(r.ok ? '' : r.issues[0].reason).toContain('1500.51');
  });
});

describe('amounts are exact', () => {
  it('parses decimals without floating point', () => {
    expect(parseDecimal('0.1', 2)).toBe(10n);
    expect(parseDecimal('1,234.5', 2)).toBe(123450n);
    expect(parseDecimal('1.230', 2)).toBe(123n);
    expect(parseDecimal('1.235', 2)).toBeNull();
    expect(parseDecimal('1e5', 2)).toBeNull();
    expect(formatDecimal(123450n, 2)).toBe('1234.50');
  });

  it('round-trips any amount through text', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 15n }), (cents) => {
        expect(parseDecimal(formatDecimal(cents, 2), 2)).toBe(cents);
      }),
    );
  });

  it('converts with the month’s rates, rounding half up', () => {
    // 100.00 USD at 7.1234 CNY/USD = 712.34 CNY = 100.00 USD back.
    expect(convert(10000n, 7_123_400n, 7_123_400n)).toEqual({ cnyFen: 71234n, usdCent: 10000n });
    // 1.00 EUR at 7.654321 = 7.654321 CNY → 7.65; in USD at 7.1234 → 1.07.
    expect(convert(100n, 7_654_321n, 7_123_400n)).toEqual({ cnyFen: 765n, usdCent: 107n });
  });
});
