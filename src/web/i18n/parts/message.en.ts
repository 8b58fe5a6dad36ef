import type { messageZhCN } from './message.zh-CN';

export const messageEn: Record<keyof typeof messageZhCN, string> = {};
