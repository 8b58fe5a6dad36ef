import { Timeline as AntTimeline, Empty, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useLocale } from '../i18n';
import { formatDateTime } from '../lib/format';

/**
 * One step of a record's history, as every page maps its own events to it: when, who in which role, what, the note
 * they wrote and the files sent with the step.
 */
export interface TimelineItem {
  key: string | number;
  /** ISO time; shown with its date, in Beijing time. */
  at: string;
  /** What happened, in words. */
  title: ReactNode;
  /** The state the step led to (a status tag, or from → to). */
  status?: ReactNode;
  /** Who took the step; null where nobody is to be named (the enterprise is not told the system's name). */
  who: string | null;
  /** The actor's role key (`county`), shown as its name. */
  role?: string | null;
  note?: string | null;
  /** Attached files, as the page links them. */
  files?: ReactNode[];
  /** The dot's colour: green for a step that settles, orange or red for one sent back or refused. */
  colour?: string;
  /** data-* attributes of the item (`data-action`), for tests and styles. */
  data?: Record<`data-${string}`, string>;
}

interface TimelineProps {
  items: TimelineItem[];
  /** data-testid of the list, of each item and of an item's files. */
  testIds: { list: string; item: string; files?: string };
  /** What an empty history says (the default: 暂无数据). */
  empty?: ReactNode;
}

const NOTE_STYLE = {
  margin: '4px 0 0',
  padding: '4px 8px',
  background: '#fafafa',
  borderLeft: '3px solid #d9d9d9',
  whiteSpace: 'pre-wrap',
  // A long reference number or address in a note breaks on a phone instead of widening the page.
  overflowWrap: 'anywhere',
} as const;

/**
 * 办理记录 / 办理进度: the one look of every history on the platform (a centre's steps, an engagement's, a service
 * record's progress). The time leads, then who in which role; the step and the status it led to; then the note and
 * the files. It wraps on a phone as it stands on a desk.
 */
export function Timeline({ items, testIds, empty }: TimelineProps) {
  const { t, labelOr } = useLocale();
  if (items.length === 0) {
    return (
      <div data-testid={testIds.list}>
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={empty} />
      </div>
    );
  }
  return (
    <AntTimeline
      data-testid={testIds.list}
      items={items.map((item) => {
        const role = item.role ? labelOr(`role.${item.role}`, item.role) : null;
        const who = item.who && role ? t('timeline.actor', { name: item.who, role }) : (item.who ?? role);
        return {
          key: item.key,
          color: item.colour ?? 'blue',
          content: (
            <div data-testid={testIds.item} {...item.data}>
              <div style={{ display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: '2px 8px' }}>
                <Typography.Text strong>{item.title}</Typography.Text>
                {item.status && <span>{item.status}</span>}
              </div>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                <time dateTime={item.at}>{formatDateTime(item.at)}</time>
                {who && ` · ${who}`}
              </Typography.Text>
              {item.note && <Typography.Paragraph style={NOTE_STYLE}>{item.note}</Typography.Paragraph>}
              {item.files && item.files.length > 0 && (
                <div style={{ marginTop: 4 }} data-testid={testIds.files}>
                  {item.files}
                </div>
              )}
            </div>
          ),
        };
      })}
    />
  );
}
