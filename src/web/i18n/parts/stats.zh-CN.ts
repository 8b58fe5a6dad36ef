/** zh-CN text of the stats pages (issue 6); en counterpart in ./stats.en.ts must have the same keys. */
export const statsZhCN = {} as const;
