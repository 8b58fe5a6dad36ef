import type { enterpriseZhCN } from './enterprise.zh-CN';

export const enterpriseEn: Record<keyof typeof enterpriseZhCN, string> = {};
