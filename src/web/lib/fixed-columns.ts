import { Grid } from 'antd';

/**
 * A table's key columns stay fixed at its edges while the rest scrolls — on a screen wide enough for that. On a phone
 * (below antd's `md`, 768 px) a fixed name column and 操作 would take the whole width and leave nothing to scroll, so
 * there the table scrolls as one.
 */
export function useFixedColumn(): (side: 'left' | 'right') => 'left' | 'right' | undefined {
  const phone = Grid.useBreakpoint().md === false;
  return (side) => (phone ? undefined : side);
}
