/** zh-CN text of the enterprise pages (issue 6); en counterpart in ./enterprise.en.ts must have the same keys. */
export const enterpriseZhCN = {} as const;
