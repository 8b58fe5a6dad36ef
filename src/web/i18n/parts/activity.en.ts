import type { activityZhCN } from './activity.zh-CN';

export const activityEn: Record<keyof typeof activityZhCN, string> = {};
