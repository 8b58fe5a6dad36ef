/**
 * A user's search text as a LIKE pattern: `%`, `_` and `\` match themselves, so that searching "100%" finds
 * "100%" and not everything. PostgreSQL's default LIKE escape character is the backslash.
 */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

export const contains = (text: string) => `%${escapeLike(text)}%`;
export const startsWith = (text: string) => `${escapeLike(text)}%`;
