import { eq, type SQL, sql } from 'drizzle-orm';
import type { TTradeIssue } from '../../../contracts/trade';
import type { TTradeIntake } from '../../../contracts/trade-intake';
import type { RequestContext } from '../../context';
import { centres, enterprises, regions, tradeDeclarations, tradeIntakes, users } from '../../db/schema';
import { requireAction } from '../../lib/access/require-access';
import { tradeDeclarationScope } from '../../lib/access/scope';
import type { SessionUser } from '../../lib/access/session-user';
import type { ListPage } from '../../lib/list-route';
import { countIntakes, selectIntakes } from './trade-intake.repository';

/**
 * Whose intakes an official sees besides the declarations in their scope: those made by users of their region — an
 * enterprise or a centre located there, or an official of it — so that a refused file (which wrote nothing) is seen
 * by the region too, with its report.
 */
function madeInRegion(user: SessionUser): SQL {
  const place = (
    col: 'county_code' | 'city_code' | 'park_id',
    value: string | number,
  ) => sql`${tradeIntakes.userId} in (
    select u.id from ${users} u
      left join ${enterprises} e on e.id = u.enterprise_id
      left join ${centres} c on c.id = u.centre_id
      left join ${regions} r on r.code = u.region_code
    where coalesce(e.${sql.raw(col)}, c.${sql.raw(col)}${col === 'park_id' ? sql`, u.park_id` : col === 'county_code' ? sql`, u.region_code` : sql`, r.city_code`}) = ${value})`;
  switch (user.role) {
    case 'province':
      return sql`true`;
    case 'city':
      return user.regionCode ? place('city_code', user.regionCode) : sql`false`;
    case 'county':
      return user.regionCode ? place('county_code', user.regionCode) : sql`false`;
    case 'park':
      return user.parkId ? place('park_id', user.parkId) : sql`false`;
    default:
      return sql`false`;
  }
}

/** Intakes the user may see: their own, those that wrote declarations in their scope, officials' region's. */
export function intakeScope(user: SessionUser): SQL {
  return sql`(${eq(tradeIntakes.userId, user.id)}
    or exists (select 1 from ${tradeDeclarations} where ${tradeDeclarations.intakeId} = ${tradeIntakes.id}
      and ${tradeDeclarationScope(user)})
    or ${madeInRegion(user)})`;
}

export async function listIntakes(
  ctx: RequestContext,
  q: { status?: 'succeeded' | 'failed' },
  limit: number,
  offset: number,
): Promise<ListPage<TTradeIntake>> {
  const user = requireAction(ctx.user, 'trade.read');
  const where = q.status ? sql`${intakeScope(user)} and ${eq(tradeIntakes.status, q.status)}` : intakeScope(user);
  const [rows, total] = await Promise.all([
    selectIntakes(ctx.deps.db, where, limit, offset),
    countIntakes(ctx.deps.db, where),
  ]);
  return {
    total,
    items: rows.map(({ result, createdAt, ...r }) => ({
      ...r,
      issues: ((result as { issues?: TTradeIssue[] } | null)?.issues ?? []).slice(0, 1000),
      createdAt: createdAt.toISOString(),
    })),
  };
}
