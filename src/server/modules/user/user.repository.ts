import { and, asc, count, desc, eq, ilike, or, type SQL } from 'drizzle-orm';
import type { TUser, TUserListQuery } from '../../../contracts/user';
import type { Db } from '../../db/client';
import { parks, regions, users } from '../../db/schema';
import { contains } from '../../lib/like';
import { orderDirection } from '../../lib/xlsx';

const columns = {
  id: users.id,
  username: users.username,
  displayName: users.displayName,
  role: users.role,
  regionCode: users.regionCode,
  regionName: regions.name,
  parkId: users.parkId,
  parkName: parks.name,
  centreId: users.centreId,
  enterpriseId: users.enterpriseId,
  evaluatorId: users.evaluatorId,
  disabled: users.disabled,
  lockedUntil: users.lockedUntil,
  lastLoginAt: users.lastLoginAt,
  isDemo: users.isDemo,
  createdAt: users.createdAt,
};

type Row = Omit<TUser, 'lockedUntil' | 'lastLoginAt' | 'createdAt'> & {
  lockedUntil: Date | null;
  lastLoginAt: Date | null;
  createdAt: Date;
};

function toUser(r: Row): TUser {
  return {
    ...r,
    lockedUntil: r.lockedUntil?.toISOString() ?? null,
    lastLoginAt: r.lastLoginAt?.toISOString() ?? null,
    createdAt: r.createdAt.toISOString(),
  };
}

export async function listUsers(db: Db, q: TUserListQuery, limit: number, offset: number) {
  const conds: SQL[] = [];
  if (q.role) conds.push(eq(users.role, q.role));
  if (q.disabled) conds.push(eq(users.disabled, q.disabled === 'true'));
  if (q.q) {
    const c = or(ilike(users.username, contains(q.q)), ilike(users.displayName, contains(q.q)));
    if (c) conds.push(c);
  }
  const where = conds.length ? and(...conds) : undefined;
  const { field, desc: d } = orderDirection(q.sort);
  const col = field === 'role' ? users.role : field === 'createdAt' ? users.createdAt : users.username;
  const [rows, totals] = await Promise.all([
    db
      .select(columns)
      .from(users)
      .leftJoin(regions, eq(regions.code, users.regionCode))
      .leftJoin(parks, eq(parks.id, users.parkId))
      .where(where)
      .orderBy(d ? desc(col) : asc(col), asc(users.id))
      .limit(limit)
      .offset(offset),
    db.select({ n: count() }).from(users).where(where),
  ]);
  return { items: rows.map(toUser), total: totals[0]?.n ?? 0 };
}

export async function findUser(db: Db, id: number): Promise<TUser | undefined> {
  const rows = await db
    .select(columns)
    .from(users)
    .leftJoin(regions, eq(regions.code, users.regionCode))
    .leftJoin(parks, eq(parks.id, users.parkId))
    .where(eq(users.id, id))
    .limit(1);
  return rows[0] ? toUser(rows[0]) : undefined;
}

/** The row without its password hash, for audit before/after. */
export async function auditableUser(db: Db, id: number) {
  const row = (await db.select().from(users).where(eq(users.id, id)).limit(1))[0];
  if (!row) return undefined;
  const { passwordHash: _omitted, ...rest } = row;
  return rest;
}
