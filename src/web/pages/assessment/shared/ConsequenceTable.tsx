import { Button, Table, type TableColumnsType, Tag, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import type { TConsequence } from '../../../../contracts/assessment-results';
import { useCan } from '../../../access';
import { useLocale } from '../../../i18n';
import { formatDate } from '../../../lib/format';
import { rowTestId } from '../../../lib/list-state';
import { ConfirmCancellationModal } from './ConfirmCancellationModal';
import { GradeTag } from './GradeTag';

const KIND_COLOURS: Record<TConsequence['kind'], string> = {
  no_funds: 'orange',
  cancellation_due: 'red',
  tender_priority: 'green',
};
const STATUS_COLOURS: Record<TConsequence['status'], string> = { in_force: 'default', due: 'gold', confirmed: 'red' };

/**
 * 考核结果运用 (Art. 12(三)): each consequence with the grades it rests on and its article; a cancellation waiting
 * for the province carries the button that confirms it (operator.cancelQualification; the server checks again).
 */
export function ConsequenceTable({
  items,
  loading,
  showCentre,
}: {
  items: TConsequence[];
  loading?: boolean;
  showCentre?: boolean;
}) {
  const { t, locale } = useLocale();
  const can = useCan();
  const [confirming, setConfirming] = useState<TConsequence | null>(null);
  const columns: TableColumnsType<TConsequence> = [
    { title: t('assessment.result.year'), dataIndex: 'year', width: 70 },
    ...(showCentre
      ? [
          {
            title: t('assessment.result.centre'),
            key: 'centre',
            render: (_: unknown, c: TConsequence) => <Link to={`/centres/${c.centreId}`}>{c.centreName}</Link>,
          },
        ]
      : []),
    {
      title: t('assessment.consequence.kind'),
      key: 'kind',
      render: (_, c) => (
        <Tag color={KIND_COLOURS[c.kind]} style={{ whiteSpace: 'normal' }}>
          {t(`assessment.consequence.kind.${c.kind}`)}
        </Tag>
      ),
    },
    {
      title: t('assessment.result.operator'),
      dataIndex: 'operatorName',
      render: (name: string | null, c) => (name ? <Link to={`/operators/${c.operatorId}`}>{name}</Link> : '—'),
    },
    {
      title: t('assessment.consequence.basis'),
      key: 'basis',
      render: (_, c) => (
        <div style={{ display: 'flex', flexWrap: 'wrap', gap: 4 }}>
          {c.basis.years.map((y) => (
            <GradeTag key={y.year} grade={y.grade} year={y.year} />
          ))}
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {c.article}
          </Typography.Text>
        </div>
      ),
    },
    {
      title: t('assessment.consequence.status'),
      key: 'status',
      width: 150,
      render: (_, c) =>
        c.status === 'due' && can('operator.cancelQualification') ? (
          <Button danger size="small" onClick={() => setConfirming(c)} data-testid="confirm-cancellation">
            {t('assessment.consequence.confirm')}
          </Button>
        ) : (
          <Tooltip title={c.confirmComment ?? undefined}>
            <Tag color={STATUS_COLOURS[c.status]}>{t(`assessment.consequence.status.${c.status}`)}</Tag>
            {c.confirmedAt && (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {formatDate(c.confirmedAt, locale)}
              </Typography.Text>
            )}
          </Tooltip>
        ),
    },
  ];
  return (
    <>
      <Table<TConsequence>
        rowKey="id"
        size="small"
        loading={loading}
        columns={columns}
        dataSource={items}
        pagination={false}
        onRow={rowTestId('consequence')}
        locale={{ emptyText: t('assessment.consequence.none') }}
        scroll={{ x: showCentre ? 820 : 640 }}
        data-testid="consequences"
      />
      {confirming && <ConfirmCancellationModal consequence={confirming} onClose={() => setConfirming(null)} />}
    </>
  );
}
