import type { TRole } from '../../contracts/access';
import type { TCreateParkRequest, TPark } from '../../contracts/park';
import type { TCreateUserRequest, TUser } from '../../contracts/user';
import { type Deps, type RequestContext, systemContext } from '../context';
import type { SessionUser } from '../lib/access/session-user';
import { hashPassword } from '../lib/password';
import { createPark } from '../modules/park/create-park';
import { createUser } from '../modules/user/create-user';

/**
 * Factories shared by the demo data set and the tests (CONVENTIONS §12): they go through the real use cases, so
 * whatever the demo shows is a state the platform itself can reach.
 */
export async function makePark(
  deps: Deps,
  input: TCreateParkRequest,
  opts: { isDemo?: boolean; by?: SessionUser } = {},
): Promise<TPark> {
  return createPark({ ctx: actor(deps, 'province', {}, opts.by), input, isDemo: opts.isDemo });
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

/** `by`: the administrator who opens the account (the demo's admin); the platform itself when left out. */
export async function makeUser(
  deps: Deps,
  input: MakeUserInput,
  opts: { isDemo?: boolean; by?: SessionUser; scopeMayFollow?: boolean } = {},
): Promise<TUser> {
  const request: TCreateUserRequest = { displayName: input.displayName ?? input.username, ...input };
  return createUser({
    ctx: actor(deps, 'admin', {}, opts.by),
    input: request,
    passwordHash: await cachedHash(input.password),
    isDemo: opts.isDemo,
    scopeMayFollow: opts.scopeMayFollow,
  });
}

/** The session a demo account would have: the demo's history is made by its own accounts, not by "system". */
export function sessionUserOf(user: TUser): SessionUser {
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    role: user.role,
    regionCode: user.regionCode,
    parkId: user.parkId,
    centreId: user.centreId,
    enterpriseId: user.enterpriseId,
    evaluatorId: user.evaluatorId,
    locale: 'zh-CN',
    isDemo: user.isDemo,
    sessionTokenHash: '',
  };
}

/** Deps whose clock reads `at` (a step of the demo's history), or the same deps when no time is given. */
export function depsAt(deps: Deps, at: Date | undefined): Deps {
  if (!at) return deps;
  const fixed = at.getTime();
  return { ...deps, clock: () => new Date(fixed) };
}

/**
 * Who takes a step in a factory: the given account (the demo's county, city or province user), or the platform
 * acting in that role (tests), at the given time or the deps' own.
 */
export function actor(
  deps: Deps,
  role: TRole,
  scope: { regionCode?: string; parkId?: number },
  user?: SessionUser,
  at?: Date,
): RequestContext {
  const d = depsAt(deps, at);
  if (!user) return systemContext(d, role, scope);
  return { deps: d, user, ip: null, requestId: 'demo', locale: 'zh-CN' };
}
