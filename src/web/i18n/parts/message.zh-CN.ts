/** zh-CN text of the message pages (issue 6); en counterpart in ./message.en.ts must have the same keys. */
export const messageZhCN = {} as const;
