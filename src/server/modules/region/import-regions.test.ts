import { describe, expect, it } from 'vitest';
import { hubeiRegions } from './import-regions';

describe("Hubei's divisions from the GB/T 2260 package", () => {
  const rows = hubeiRegions();
  const cities = rows.filter((r) => r.level === 'city');

  it('has the 17 city-level units of SPEC §1, with the province-administered ones', () => {
    expect(cities).toHaveLength(17);
    const names = cities.map((c) => c.name);
    for (const n of ['武汉市', '宜昌市', '恩施土家族苗族自治州', '仙桃市', '潜江市', '天门市', '神农架林区']) {
      expect(names).toContain(n);
    }
  });

  it('puts every county under a city that exists, and leaves out placeholders and zone codes', () => {
    const cityCodes = new Set(cities.map((c) => c.code));
    const counties = rows.filter((r) => r.level === 'county');
    expect(counties.length).toBeGreaterThan(90);
    for (const c of counties) {
      expect(cityCodes.has(c.parentCode ?? '')).toBe(true);
      expect(c.cityCode).toBe(c.parentCode);
    }
    expect(rows.some((r) => r.name === '市辖区')).toBe(false);
    expect(rows.some((r) => r.code === '421071')).toBe(false);
  });
});
