import type { ComponentType } from 'react';
import type { TServiceProgressEntry, TServiceStatus } from '../../../../contracts/service-record';
import { Timeline } from '../../../components/Timeline';
import { useLocale } from '../../../i18n';

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
}

/** Latest time first; of two steps in the same instant, the one written last. */
function byNewest(a: TServiceProgressEntry, b: TServiceProgressEntry): number {
  return a.at < b.at ? 1 : a.at > b.at ? -1 : b.id - a.id;
}

/**
 * 办理进度 (进度可查, SPEC §2): every step of the record — what happened, who did it in which role, when, and the note
 * they wrote. Shared by the enterprise's 我的服务 and the centre's service detail.
 */
export function ProgressTimeline({ entries, audience, StatusTag, newestFirst }: ProgressTimelineProps) {
  const { t } = useLocale();
  const sorted = newestFirst ? [...entries].sort(byNewest) : entries;
  const colours = COLOURS[audience];
  return (
    <Timeline
      testIds={{ list: 'progress-timeline', item: 'progress-entry' }}
      empty={audience === 'enterprise' ? t('myService.progress.empty') : undefined}
      items={sorted.map((entry) => ({
        key: entry.id,
        at: entry.at,
        title: t(
          audience === 'enterprise' ? `myService.progress.kind.${entry.kind}` : `service.progress.kind.${entry.kind}`,
        ),
        status: <StatusTag status={entry.statusAfter} />,
        who: entry.actorName ?? (audience === 'centre' ? t('audit.system') : null),
        role: entry.actorRole,
        note: entry.note,
        colour: colours[entry.kind],
        data: { 'data-kind': entry.kind },
      }))}
    />
  );
}
