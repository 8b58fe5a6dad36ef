import type { TAction } from '../../../contracts/access';
import { AppError } from '../errors';
import { can } from './permissions';
import type { SessionUser } from './session-user';

/** Step one of every use case's permission check (CONVENTIONS §6): may this role do this at all? */
export function requireAction(user: SessionUser | null, action: TAction): SessionUser {
  if (!user) throw new AppError('AUTH_REQUIRED');
  if (!can(user.role, action)) throw new AppError('FORBIDDEN', { action, role: user.role });
  return user;
}
