import type { TRole } from '../../contracts/access';
import type { TCreateParkRequest, TPark } from '../../contracts/park';
import type { TCreateUserRequest, TUser } from '../../contracts/user';
import { type Deps, systemContext } from '../context';
import { hashPassword } from '../lib/password';
import { createPark } from '../modules/park/create-park';
import { createUser } from '../modules/user/create-user';

/**
 * Factories shared by the demo data set and the tests (CONVENTIONS §12): they go through the real use cases, so
 * whatever the demo shows is a state the platform itself can reach.
 */
export async function makePark(deps: Deps, input: TCreateParkRequest, opts: { isDemo?: boolean } = {}): Promise<TPark> {
  return createPark({ ctx: systemContext(deps, 'province'), input, isDemo: opts.isDemo });
}

const hashCache = new Map<string, Promise<string>>();

/** Hash each distinct password once per process: argon2 is meant to be slow, and demo accounts share one. */
export function cachedHash(password: string): Promise<string> {
  let h = hashCache.get(password);
  if (!h) {
    h = hashPassword(password);
    hashCache.set(password, h);
  }
  return h;
}

export interface MakeUserInput {
  username: string;
  role: TRole;
  password: string;
  displayName?: string;
  regionCode?: string;
  parkId?: number;
  centreId?: number;
  enterpriseId?: number;
  evaluatorId?: number;
}

export async function makeUser(deps: Deps, input: MakeUserInput, opts: { isDemo?: boolean } = {}): Promise<TUser> {
  const request: TCreateUserRequest = { displayName: input.displayName ?? input.username, ...input };
  return createUser({
    ctx: systemContext(deps, 'admin'),
    input: request,
    passwordHash: await cachedHash(input.password),
    isDemo: opts.isDemo,
  });
}
