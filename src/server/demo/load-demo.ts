import { count, eq } from 'drizzle-orm';
import type { TRole } from '../../contracts/access';
import { auditContext, type Deps, systemContext } from '../context';
import { regions, users } from '../db/schema';
import { writeAudit } from '../lib/audit';
import { makePark, makeUser } from './factories';
import { PARK_CATALOG } from './park-catalog';

export interface DemoAccount {
  username: string;
  role: TRole;
  scope: string;
}

export async function databaseHasUsers(deps: Deps): Promise<boolean> {
  const [row] = await deps.db.select({ n: count() }).from(users);
  return (row?.n ?? 0) > 0;
}

/**
 * The demo data set (SPEC §6, §8): Hubei's development zones and one account per role — admin, province, every
 * city, every county with a park, every park, and an evaluator. Operator and enterprise accounts arrive with the
 * centres and enterprises they belong to (issues 4–6). Everything is marked is_demo, and shown as 演示数据.
 */
export async function loadDemo(deps: Deps, password: string): Promise<DemoAccount[]> {
  const accounts: DemoAccount[] = [];
  const add = async (input: Parameters<typeof makeUser>[1], scope: string) => {
    await makeUser(deps, input, { isDemo: true });
    accounts.push({ username: input.username, role: input.role, scope });
  };

  const parks = [];
  for (const seed of PARK_CATALOG) {
    parks.push(
      await makePark(
        deps,
        { name: seed.name, kind: seed.kind, level: seed.level, countyCode: seed.countyCode },
        { isDemo: true },
      ),
    );
  }

  await add({ username: 'admin', role: 'admin', password, displayName: '系统管理员（演示）' }, '—');
  await add({ username: 'province', role: 'province', password, displayName: '湖北省商务厅（演示）' }, '湖北省');
  const cities = await deps.db.select().from(regions).where(eq(regions.level, 'city')).orderBy(regions.code);
  for (const city of cities) {
    await add(
      {
        username: `city.${city.code}`,
        role: 'city',
        password,
        regionCode: city.code,
        displayName: `${city.name}商务局（演示）`,
      },
      city.name,
    );
  }
  const counties = new Map(parks.map((p) => [p.countyCode, p.countyName]));
  for (const [code, name] of [...counties].sort()) {
    await add(
      { username: `county.${code}`, role: 'county', password, regionCode: code, displayName: `${name}商务局（演示）` },
      name,
    );
  }
  for (const park of parks) {
    await add(
      {
        username: `park.${park.id}`,
        role: 'park',
        password,
        parkId: park.id,
        displayName: `${park.name}管委会（演示）`,
      },
      park.name,
    );
  }
  await add(
    { username: 'evaluator.1', role: 'evaluator', password, evaluatorId: 1, displayName: '第三方评估机构（演示）' },
    '—',
  );

  const ctx = systemContext(deps);
  await deps.db.transaction(async (tx) => {
    await writeAudit(tx, auditContext(ctx), {
      action: 'demo.loaded',
      objectType: 'demo',
      objectId: null,
      after: { parks: parks.length, accounts: accounts.length },
    });
  });
  return accounts;
}
