import { ArrowLeftOutlined } from '@ant-design/icons';
import { Alert, Card, Empty, Grid, Space, Typography } from 'antd';
import type { ReactNode } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useT } from '../../../i18n';
import { errorMessage } from '../../../request-error';
import { useServingCentres } from '../shared/api';
import { RequestForm } from './components/RequestForm';

/**
 * 申请服务: an enterprise asks an operating centre for one of the services it declared (Art. 5), optionally with
 * files; the record's page follows. `?centreId=` comes from the public directory's 申请服务 button.
 */
export function MyServiceRequestPage() {
  const t = useT();
  const screens = Grid.useBreakpoint();
  const [params] = useSearchParams();
  const centres = useServingCentres();
  const wanted = Number(params.get('centreId'));

  let body: ReactNode;
  if (centres.isError) body = <Alert type="error" showIcon title={errorMessage(centres.error)} />;
  else if (centres.isPending) body = <Card loading variant="borderless" />;
  else if (centres.data.length === 0) {
    body = (
      <Empty description={t('myService.new.noCentres')}>
        <Link to="/public/centres">{t('myService.new.browseCentres')}</Link>
      </Empty>
    );
  } else {
    const initialCentreId = centres.data.some((c) => c.id === wanted) ? wanted : undefined;
    body = <RequestForm centres={centres.data} initialCentreId={initialCentreId} />;
  }

  return (
    <Card
      title={
        <Space size={8}>
          <Link to="/my/services" aria-label={t('myService.detail.back')}>
            <ArrowLeftOutlined />
          </Link>
          {t('myService.apply')}
        </Space>
      }
      style={{ maxWidth: 760, margin: '0 auto' }}
      styles={{ body: { paddingInline: screens.md ? 24 : 12 } }}
    >
      <Typography.Paragraph type="secondary">{t('myService.new.intro')}</Typography.Paragraph>
      {body}
    </Card>
  );
}
