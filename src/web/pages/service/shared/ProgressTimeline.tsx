import { Empty, Timeline, Typography } from 'antd';
import type { ComponentType } from 'react';
import type { TServiceProgressEntry, TServiceStatus } from '../../../../contracts/service-record';
import { useLocale } from '../../../i18n';
import { formatDateTime } from '../../../lib/format';

type TKind = TServiceProgressEntry['kind'];

/**
 * Whose page the log is on. The enterprise (我的服务) reads its own words (`myService.*`: 中心受理, 办理进展, 暂无进度记录)
 * and sees its own withdrawal in grey; the centre reads `service.*`, sees 撤销 in red and 系统 where no person acted.
 */
export type TProgressAudience = 'enterprise' | 'centre';

const COLOURS: Record<TProgressAudience, Partial<Record<TKind, string>>> = {
  enterprise: { completed: 'green', rated: 'green', cancelled: 'gray', attachment: 'gray' },
  centre: { submitted: 'gray', completed: 'green', rated: 'green', cancelled: 'red' },
};

interface ProgressTimelineProps {
  entries: TServiceProgressEntry[];
  audience: TProgressAudience;
  /** The page's own status tag (each page has its colours and test id). */
  StatusTag: ComponentType<{ status: TServiceStatus }>;
  /** Latest step on top, so that a phone shows the news without scrolling; else the server's order, oldest first. */
  newestFirst?: boolean;
  /** Phone layout: step and status wrap as one row, the time leads the line under it, long notes break anywhere. */
  compact?: boolean;
}

/** Latest time first; of two steps in the same instant, the one written last. */
function byNewest(a: TServiceProgressEntry, b: TServiceProgressEntry): number {
  return a.at < b.at ? 1 : a.at > b.at ? -1 : b.id - a.id;
}

/**
 * 办理进度 (进度可查, SPEC §2): every step of the record — what happened, who did it in which role, when, and the note
 * they wrote. Shared by the enterprise's 我的服务 and the centre's service detail.
 */
export function ProgressTimeline({ entries, audience, StatusTag, newestFirst, compact }: ProgressTimelineProps) {
  const { t, labelOr } = useLocale();
  if (entries.length === 0) {
    return (
      <div data-testid="progress-timeline">
        <Empty
          image={Empty.PRESENTED_IMAGE_SIMPLE}
          description={audience === 'enterprise' ? t('myService.progress.empty') : undefined}
        />
      </div>
    );
  }
  const sorted = newestFirst ? [...entries].sort(byNewest) : entries;
  const colours = COLOURS[audience];
  return (
    <Timeline
      data-testid="progress-timeline"
      items={sorted.map((entry) => {
        const who = entry.actorName ?? (audience === 'centre' ? t('audit.system') : null);
        const role = entry.actorRole ? labelOr(`role.${entry.actorRole}`, entry.actorRole) : null;
        const when = formatDateTime(entry.at);
        return {
          key: entry.id,
          color: colours[entry.kind] ?? 'blue',
          content: (
            <div data-testid="progress-entry" data-kind={entry.kind}>
              <div style={compact ? { display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: 6 } : undefined}>
                <Typography.Text strong>
                  {t(
                    audience === 'enterprise'
                      ? `myService.progress.kind.${entry.kind}`
                      : `service.progress.kind.${entry.kind}`,
                  )}
                </Typography.Text>
                {compact ? null : ' '}
                <StatusTag status={entry.statusAfter} />
              </div>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {(compact ? [when, who, role] : [who, role, when]).filter(Boolean).join(' · ')}
              </Typography.Text>
              {entry.note && (
                <Typography.Paragraph
                  style={{
                    margin: '4px 0 0',
                    padding: '4px 8px',
                    background: '#fafafa',
                    borderLeft: '3px solid #d9d9d9',
                    whiteSpace: 'pre-wrap',
                    ...(compact ? { overflowWrap: 'anywhere' } : {}),
                  }}
                >
                  {entry.note}
                </Typography.Paragraph>
              )}
            </div>
          ),
        };
      })}
    />
  );
}
