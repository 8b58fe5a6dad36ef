import { creditCodeCheckChar, orgCodeCheckChar } from '../../contracts/credit-code';
import type { TEnterpriseParticulars } from '../../contracts/enterprise';
import type { TUser } from '../../contracts/user';
import { type Deps, systemContext } from '../context';
import type { SessionUser } from '../lib/access/session-user';
import { insertApprovedEnterprise } from '../modules/enterprise/enter-enterprise';
import { checkParticulars } from '../modules/enterprise/enterprise-particulars';
import { beijingDay } from '../policy/policy';
import { makeUser } from './factories';

/** A valid 18-character credit code (GB 32100 and GB 11714 check characters) for a county and a serial number. */
export function enterpriseCreditCode(countyCode: string, serial: number): string {
  const body8 = `MA${String(serial).padStart(6, '0')}`;
  const first17 = `91${countyCode}${body8}${orgCodeCheckChar(body8)}`;
  return `${first17}${creditCodeCheckChar(first17)}`;
}

export interface MakeEnterpriseOptions {
  particulars: TEnterpriseParticulars;
  /** Open the account enterprise.<credit code> with this password. */
  password?: string;
  isDemo?: boolean;
  /** The centre's account that enters it (the demo's operator.<id>); the platform acting as an operator otherwise. */
  as?: SessionUser;
}

/** An approved enterprise (as a centre would enter it), with its sign-in account when a password is given. */
export async function makeEnterprise(
  deps: Deps,
  opts: MakeEnterpriseOptions,
): Promise<{ id: number; creditCode: string; username: string | null; user: TUser | null }> {
  const ctx = opts.as
    ? { deps, user: opts.as, ip: null, requestId: 'demo', locale: 'zh-CN' as const }
    : systemContext(deps, 'operator');
  const now = deps.clock();
  const p = await checkParticulars(deps.db, opts.particulars, beijingDay(now));
  const id = await deps.db.transaction((tx) => insertApprovedEnterprise(tx, ctx, p, now, { isDemo: opts.isDemo }));
  let username: string | null = null;
  let user: TUser | null = null;
  if (opts.password) {
    username = `enterprise.${p.creditCode}`;
    user = await makeUser(
      deps,
      { username, role: 'enterprise', password: opts.password, displayName: p.name, enterpriseId: id },
      { isDemo: opts.isDemo },
    );
  }
  return { id, creditCode: p.creditCode, username, user };
}
