/**
 * JSON with object keys sorted at every level, so that a value hashes the same before it is stored as jsonb and
 * after it is read back (jsonb reorders keys).
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      const v = (value as Record<string, unknown>)[key];
      if (v !== undefined) out[key] = sortKeys(v);
    }
    return out;
  }
  return value;
}

/** A plain JSON copy (dates become ISO strings), i.e. exactly what jsonb will give back. */
export function toJsonValue<T>(value: T): unknown {
  return value === undefined ? null : JSON.parse(JSON.stringify(value));
}
