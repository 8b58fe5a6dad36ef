import type { ReactNode } from 'react';
import type { TAction } from '../../contracts/access';
import { useCan } from '../access';
import { ForbiddenPage } from './PageResults';

/** Hides a page the role may not use; the server refuses the data anyway. */
export function RequirePermission({ action, children }: { action: TAction; children: ReactNode }) {
  const can = useCan();
  return can(action) ? children : <ForbiddenPage />;
}
