/** zh-CN text of the activity pages (issue 6); en counterpart in ./activity.en.ts must have the same keys. */
export const activityZhCN = {} as const;
