import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Table, type TableColumnsType, Tag, Tooltip } from 'antd';
import { useState } from 'react';
import type { TAnnualContract, TEngagementDetail } from '../../../../../contracts/engagement';
import { useLocale } from '../../../../i18n';
import { formatDate, formatYuan } from '../../../../lib/format';
import { rowTestId } from '../../../../lib/list-state';
import { ContractModal, EvaluationModal } from './ContractModals';

const EVALUATION_COLOURS: Record<TAnnualContract['evaluation'], string> = {
  pending: 'processing',
  passed: 'green',
  failed: 'red',
};

/** 年度合同 (Art. 10(三) 一年一签): one contract per year of the period and the county's year-end evaluation of each. */
export function ContractsCard({ engagement: e }: { engagement: TEngagementDetail }) {
  const { t, locale } = useLocale();
  const allowed = new Set(e.allowedActions);
  const [adding, setAdding] = useState(false);
  const [evaluating, setEvaluating] = useState<TAnnualContract | null>(null);

  const columns: TableColumnsType<TAnnualContract> = [
    {
      title: t('engagement.contract.year'),
      dataIndex: 'year',
      width: 80,
      render: (n: number) => t('engagement.contract.yearN', { n }),
    },
    {
      title: t('engagement.contract.period'),
      key: 'period',
      render: (_v, c) =>
        t('engagement.period', { start: formatDate(c.periodStart, locale), end: formatDate(c.periodEnd, locale) }),
    },
    { title: t('engagement.contract.number'), dataIndex: 'contractNumber' },
    {
      title: t('engagement.contract.signedOn'),
      dataIndex: 'signedOn',
      render: (d: string) => formatDate(d, locale),
    },
    {
      title: t('engagement.contract.amount'),
      dataIndex: 'amount',
      align: 'right',
      render: (a: number | null) => (a === null ? '—' : formatYuan(a, locale)),
    },
    {
      title: t('engagement.contract.result'),
      dataIndex: 'evaluation',
      render: (ev: TAnnualContract['evaluation'], c) => (
        <Tooltip title={c.evaluationNote ?? undefined}>
          <Tag color={EVALUATION_COLOURS[ev]} data-testid="contract-evaluation" data-result={ev}>
            {t(`engagement.contract.evaluation.${ev}`)}
          </Tag>
          {c.evaluatedOn && formatDate(c.evaluatedOn, locale)}
        </Tooltip>
      ),
    },
  ];
  if (allowed.has('evaluate')) {
    columns.push({
      title: t('common.actions'),
      key: 'actions',
      width: 120,
      render: (_v, c) =>
        c.evaluation === 'pending' && (
          <Button
            type="link"
            size="small"
            style={{ paddingInline: 0 }}
            onClick={() => setEvaluating(c)}
            data-testid="contract-evaluate"
          >
            {t('engagement.contract.evaluate')}
          </Button>
        ),
    });
  }

  return (
    <Card
      size="small"
      title={t('engagement.contract.title')}
      data-testid="engagement-contracts"
      extra={
        allowed.has('contract') && (
          <Button size="small" icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="contract-add">
            {t('engagement.contract.add')}
          </Button>
        )
      }
    >
      <Table<TAnnualContract>
        size="small"
        rowKey="id"
        dataSource={e.contracts}
        columns={columns}
        pagination={false}
        scroll={{ x: 'max-content' }}
        onRow={rowTestId('contract-row')}
        locale={{ emptyText: t('engagement.contract.none') }}
      />
      {adding && <ContractModal engagement={e} onClose={() => setAdding(false)} />}
      {evaluating && <EvaluationModal engagement={e} contract={evaluating} onClose={() => setEvaluating(null)} />}
    </Card>
  );
}
