import { eq, type SQL, sql } from 'drizzle-orm';
import { parks } from '../../db/schema';
import type { SessionUser } from './session-user';

/**
 * Data scope (SPEC §1) as SQL: the WHERE clause that limits a query on parks to what the user may see. Every read
 * and write of a park goes through it, so a record outside the scope is simply not found (404), never shown.
 */
export function parkScope(user: SessionUser): SQL {
  switch (user.role) {
    case 'admin':
    case 'province':
      return sql`true`;
    case 'city':
      return user.regionCode ? eq(parks.cityCode, user.regionCode) : sql`false`;
    case 'county':
      return user.regionCode ? eq(parks.countyCode, user.regionCode) : sql`false`;
    case 'park':
      return user.parkId ? eq(parks.id, user.parkId) : sql`false`;
    // Operators, enterprises and evaluators see parks only through their centres (issues 4–6).
    case 'operator':
    case 'enterprise':
    case 'evaluator':
      return sql`false`;
  }
}
