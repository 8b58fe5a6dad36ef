import type { z } from 'zod';
import type { ZQualificationStatus } from '../../../../contracts/operator';

export type TQualificationStatus = z.infer<typeof ZQualificationStatus>;

/** 具备资格 green, 已取消资格 (Art. 13) orange, 黑名单 (Art. 14) red. */
export const QUALIFICATION_COLOURS: Record<TQualificationStatus, string> = {
  qualified: 'green',
  disqualified: 'orange',
  blacklisted: 'red',
};

export const QUALIFICATION_STATUSES: readonly TQualificationStatus[] = ['qualified', 'disqualified', 'blacklisted'];
