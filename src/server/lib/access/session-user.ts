import type { TRole } from '../../../contracts/access';
import type { TLocale } from '../../../contracts/common';

/** The signed-in user as every use case sees it. */
export interface SessionUser {
  id: number;
  username: string;
  displayName: string;
  role: TRole;
  regionCode: string | null;
  parkId: number | null;
  centreId: number | null;
  enterpriseId: number | null;
  evaluatorId: number | null;
  locale: TLocale;
  isDemo: boolean;
  /** SHA-256 of the session token, so that logout can end exactly this session. */
  sessionTokenHash: string;
}
