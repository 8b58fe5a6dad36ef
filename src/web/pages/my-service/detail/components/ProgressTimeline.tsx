import { Empty, Timeline, Typography } from 'antd';
import type { TServiceProgressEntry } from '../../../../../contracts/service-record';
import { useLocale } from '../../../../i18n';
import { formatDateTime } from '../../../../lib/format';
import { ServiceStatusTag } from '../../shared/labels';

const COLOURS: Partial<Record<TServiceProgressEntry['kind'], string>> = {
  completed: 'green',
  rated: 'green',
  cancelled: 'gray',
  attachment: 'gray',
};

/**
 * 进度可查 (SPEC §2): every step of the record — what happened, who did it in which role, when, and the note they
 * wrote — newest first, so that the latest news is what a phone shows without scrolling.
 */
export function ProgressTimeline({ progress }: { progress: TServiceProgressEntry[] }) {
  const { t, labelOr } = useLocale();
  if (progress.length === 0) {
    return (
      <div data-testid="progress-timeline">
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('myService.progress.empty')} />
      </div>
    );
  }
  const newestFirst = [...progress].sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : b.id - a.id));
  return (
    <Timeline
      data-testid="progress-timeline"
      items={newestFirst.map((entry, i) => ({
        key: entry.id,
        color: i === 0 && !COLOURS[entry.kind] ? 'blue' : (COLOURS[entry.kind] ?? 'blue'),
        content: (
          <div data-testid="progress-entry" data-kind={entry.kind}>
            <div style={{ display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: 6 }}>
              <Typography.Text strong>{t(`myService.progress.kind.${entry.kind}`)}</Typography.Text>
              <ServiceStatusTag status={entry.statusAfter} />
            </div>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {[
                formatDateTime(entry.at),
                entry.actorName,
                entry.actorRole ? labelOr(`role.${entry.actorRole}`, entry.actorRole) : null,
              ]
                .filter(Boolean)
                .join(' · ')}
            </Typography.Text>
            {entry.note && (
              <Typography.Paragraph
                style={{
                  margin: '4px 0 0',
                  padding: '4px 8px',
                  background: '#fafafa',
                  borderLeft: '3px solid #d9d9d9',
                  whiteSpace: 'pre-wrap',
                  overflowWrap: 'anywhere',
                }}
              >
                {entry.note}
              </Typography.Paragraph>
            )}
          </div>
        ),
      }))}
    />
  );
}
