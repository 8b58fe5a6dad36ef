/**
 * How big a generated data set is (issue 12, SPEC §6). `province` is Hubei at full size; `small` fits PGlite in a
 * few minutes; `tiny` is the smoke test's. Any figure can be overridden on the command line.
 */
export interface ScaleSize {
  /** Cities with centres, in code order (武汉 first); at most the 17 of Hubei. */
  cities: number;
  /** Parks entered from the catalogue in those cities; at most the catalogue's. */
  parks: number;
  /** Operating centres (recognised, operator filed); more than the parks gives some parks a second (Art. 9(二)). */
  centres: number;
  enterprises: number;
  records: number;
  /** History back from today, capped at the first policy version's effective day (nothing can happen before it). */
  years: number;
  /** Rows per INSERT, one transaction each. */
  batch: number;
  /** Customs declaration lines (issue 13) over `years` calendar years up to yesterday; 0 leaves trade out. */
  lines: number;
}

export const SCALE_SIZES = {
  province: {
    cities: 17,
    parks: 103,
    centres: 150,
    enterprises: 20_000,
    records: 1_000_000,
    years: 3,
    batch: 1_000,
    lines: 10_000_000,
  },
  small: {
    cities: 17,
    parks: 40,
    centres: 30,
    enterprises: 3_000,
    records: 50_000,
    years: 3,
    batch: 1_000,
    lines: 300_000,
  },
  tiny: { cities: 2, parks: 3, centres: 3, enterprises: 200, records: 2_000, years: 3, batch: 500, lines: 3_000 },
} satisfies Record<string, ScaleSize>;

export type ScaleSizeName = keyof typeof SCALE_SIZES;

/** `--size=…` then `--records=N` etc. on top of it; unknown or malformed options are refused by name. */
export function parseScaleArgs(argv: string[]): ScaleSize {
  let size: ScaleSize = { ...SCALE_SIZES.province };
  const overrides: Partial<ScaleSize> = {};
  for (const arg of argv) {
    const m = /^--([a-z]+)=(.+)$/.exec(arg);
    if (!m) throw new Error(`unknown argument ${arg}`);
    const [, key, value] = m as unknown as [string, string, string];
    if (key === 'size') {
      if (!(value in SCALE_SIZES)) throw new Error(`--size must be one of ${Object.keys(SCALE_SIZES).join(', ')}`);
      size = { ...SCALE_SIZES[value as ScaleSizeName] };
      continue;
    }
    if (!(key in size)) throw new Error(`unknown option --${key}`);
    const n = Number(value.replaceAll('_', ''));
    if (!Number.isInteger(n) || n < (key === 'lines' ? 0 : 1) || n > 100_000_000)
      throw new Error(`--${key} must be a whole number ≥ ${key === 'lines' ? 0 : 1}`);
    overrides[key as keyof ScaleSize] = n;
  }
  const out = { ...size, ...overrides };
  out.cities = Math.min(out.cities, 17);
  out.batch = Math.min(out.batch, 5_000);
  return out;
}
