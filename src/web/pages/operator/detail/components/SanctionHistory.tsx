import { Card, List, Space, Typography } from 'antd';
import { Link } from 'react-router';
import { useLocale } from '../../../../i18n';
import { formatDate } from '../../../../lib/format';
import { GroundList } from '../../../sanction/shared/GroundList';
import { SanctionKindTag } from '../../../sanction/shared/SanctionKindTag';
import { useSanctions } from '../../../sanction/shared/sanction-api';

/** 处理决定记录 (Art. 13, 14): the decisions on this operator, newest first, each opening its letter's page. */
export function SanctionHistory({ operatorId }: { operatorId: number }) {
  const { t, locale } = useLocale();
  const list = useSanctions({ operatorId, pageSize: 50 });
  return (
    <Card title={t('sanction.history')} size="small" data-testid="operator-sanctions">
      <List
        loading={list.isLoading}
        dataSource={list.data?.items ?? []}
        locale={{ emptyText: t('sanction.historyEmpty') }}
        renderItem={(s) => (
          <List.Item style={{ paddingInline: 0 }}>
            <Space wrap size={8}>
              <SanctionKindTag kind={s.kind} />
              <Link to={`/sanctions/${s.id}`}>{s.letterNumber}</Link>
              <Typography.Text type="secondary">{formatDate(s.decidedOn, locale)}</Typography.Text>
              <GroundList grounds={s.grounds} />
            </Space>
          </List.Item>
        )}
      />
    </Card>
  );
}
