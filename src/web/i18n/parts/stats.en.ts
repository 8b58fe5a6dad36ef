import type { statsZhCN } from './stats.zh-CN';

export const statsEn: Record<keyof typeof statsZhCN, string> = {};
