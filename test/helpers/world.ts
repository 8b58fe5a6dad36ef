import type { TRole } from '../../src/contracts/access';
import type { TPark } from '../../src/contracts/park';
import type { Deps } from '../../src/server/context';
import { enterpriseCreditCode, makeEnterprise } from '../../src/server/demo/enterprise-factory';
import { makePark, makeUser } from '../../src/server/demo/factories';
import { TEST_PASSWORD } from './constants';

export interface World {
  parks: { yichangHighTech: TPark; zhijiang: TPark; xiangyangHighTech: TPark };
  /** One account per role, plus a second city and county outside 宜昌 to test scope. */
  users: Record<
    | 'admin'
    | 'province'
    | 'city'
    | 'otherCity'
    | 'county'
    | 'otherCounty'
    | 'park'
    | 'operator'
    | 'enterprise'
    | 'evaluator',
    { id: number; username: string; role: TRole }
  >;
}

export const YICHANG = '420500';
export const XIANGYANG = '420600';

/**
 * The fixture world: two parks in 宜昌 (a national high-tech zone in 西陵区, a provincial zone in 枝江市) and one in
 * 襄阳, and one user of each role scoped inside 宜昌 where the role has a region.
 */
export async function seedWorld(deps: Deps): Promise<World> {
  const yichangHighTech = await makePark(deps, {
    name: '宜昌高新技术产业开发区',
    kind: 'high_tech_zone',
    level: 'national',
    countyCode: '420502',
  });
  const zhijiang = await makePark(deps, {
    name: '枝江经济开发区',
    kind: 'economic_dev_zone',
    level: 'provincial',
    countyCode: '420583',
  });
  const xiangyangHighTech = await makePark(deps, {
    name: '襄阳高新技术产业开发区',
    kind: 'high_tech_zone',
    level: 'national',
    countyCode: '420606',
  });
  const p = TEST_PASSWORD;
  // The accounts of centre 1 and agency 1 are opened before the tests create them (scopeMayFollow, test world only).
  const mk = async (username: string, role: TRole, extra: Record<string, unknown> = {}) => {
    const later = role === 'operator' || role === 'evaluator';
    const u = await makeUser(deps, { username, role, password: p, ...extra }, { scopeMayFollow: later });
    return { id: u.id, username: u.username, role: u.role };
  };
  // The fixture enterprise (id 1) in 宜昌高新区, served by centre 1. Its account keeps the name the tests have used
  // since before enterprises existed; the credit code on the row is a valid one.
  const enterprise = await makeEnterprise(deps, {
    particulars: {
      creditCode: enterpriseCreditCode('420502', 1),
      name: '宜昌测试进出口有限公司',
      countyCode: '420502',
      parkId: yichangHighTech.id,
      contactPerson: '张经理',
      contactPhone: '0717-6000001',
      hasTradeRecord: true,
      firstTradeOn: '2025-03-01',
    },
  });
  return {
    parks: { yichangHighTech, zhijiang, xiangyangHighTech },
    users: {
      admin: await mk('admin', 'admin'),
      province: await mk('province', 'province'),
      city: await mk('city.420500', 'city', { regionCode: YICHANG }),
      otherCity: await mk('city.420600', 'city', { regionCode: XIANGYANG }),
      county: await mk('county.420502', 'county', { regionCode: '420502' }),
      otherCounty: await mk('county.420583', 'county', { regionCode: '420583' }),
      park: await mk(`park.${yichangHighTech.id}`, 'park', { parkId: yichangHighTech.id }),
      operator: await mk('operator.1', 'operator', { centreId: 1 }),
      enterprise: await mk('enterprise.91420500MA4F000001', 'enterprise', { enterpriseId: enterprise.id }),
      evaluator: await mk('evaluator.1', 'evaluator', { evaluatorId: 1 }),
    },
  };
}
