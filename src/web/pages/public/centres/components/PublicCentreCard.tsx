import {
  CustomerServiceOutlined,
  EnvironmentOutlined,
  PhoneOutlined,
  SolutionOutlined,
  UserOutlined,
} from '@ant-design/icons';
import { Button, Card, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import type { TPublicCentre } from '../../../../../contracts/centre';
import { DemoTag } from '../../../../components/DemoTag';
import { useLocale } from '../../../../i18n';
import { formatDate } from '../../../../lib/format';
import { GradeTag } from '../../../assessment/shared/GradeTag';
import { LEVEL_COLOURS, serviceLabel } from '../../../centre/shared/centre-labels';
import { useRequestService } from './use-request-service';

/**
 * One recognised centre as the public sees it: who runs it, where it is, whom to call, what it offers (Art. 5), and
 * — once it is operating — 申请服务.
 */
export function PublicCentreCard({ centre }: { centre: TPublicCentre }) {
  const { t, locale } = useLocale();
  const requestService = useRequestService();
  const [going, setGoing] = useState(false);
  return (
    <Card
      data-testid="public-centre"
      style={{ height: '100%' }}
      styles={{ header: { paddingInline: 16 }, body: { padding: 16 } }}
      title={
        <div style={{ whiteSpace: 'normal', lineHeight: 1.4, paddingBlock: 8 }}>
          <Typography.Text strong style={{ fontSize: 16 }}>
            {centre.name}
          </Typography.Text>{' '}
          {centre.isDemo && <DemoTag />}
        </div>
      }
    >
      <Space orientation="vertical" size={8} style={{ width: '100%' }}>
        <Space wrap size={4}>
          <Typography.Text>{centre.parkName}</Typography.Text>
          <Tag color={LEVEL_COLOURS[centre.parkLevel]}>{t(`park.level.${centre.parkLevel}`)}</Tag>
        </Space>
        <Typography.Text type="secondary">
          {centre.cityName} · {centre.countyName}
        </Typography.Text>
        {/* Art. 12(三): the latest published grade alone — the public sees no total and no scores. */}
        {centre.grade && (
          <div data-testid="public-centre-grade">
            <GradeTag grade={centre.grade.grade} year={centre.grade.year} />
          </div>
        )}
        {centre.operatorName && (
          <div>
            <SolutionOutlined style={{ color: '#1d4f91', marginInlineEnd: 6 }} />
            {t('public.centres.operator')}
            <span data-testid="public-centre-operator">{centre.operatorName}</span>
          </div>
        )}
        <div>
          <EnvironmentOutlined style={{ color: '#1d4f91', marginInlineEnd: 6 }} />
          <span data-testid="public-centre-address">{centre.address}</span>
        </div>
        <Space wrap size={16}>
          <span>
            <UserOutlined style={{ color: '#1d4f91', marginInlineEnd: 6 }} />
            {centre.contactPerson}
          </span>
          <a href={`tel:${centre.contactPhone.replace(/[^0-9+]/g, '')}`}>
            <PhoneOutlined style={{ marginInlineEnd: 6 }} />
            {centre.contactPhone}
          </a>
        </Space>
        <div>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('public.centres.services', { count: centre.services.length })}
          </Typography.Text>
          <div style={{ marginTop: 4, display: 'flex', flexWrap: 'wrap', gap: 4 }}>
            {centre.services.map((s) => (
              <Tag key={s} color="blue" style={{ marginInlineEnd: 0 }}>
                {serviceLabel(s, locale)}
              </Tag>
            ))}
          </div>
        </div>
        {centre.recognisedAt && (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('public.centres.recognisedAt', { date: formatDate(centre.recognisedAt, locale) })}
          </Typography.Text>
        )}
        {centre.serving ? (
          <Button
            type="primary"
            block
            icon={<CustomerServiceOutlined />}
            loading={going}
            onClick={() => {
              setGoing(true);
              void requestService(centre.id).finally(() => setGoing(false));
            }}
            data-testid="public-centre-request"
            data-centre-id={centre.id}
          >
            {t('myService.apply')}
          </Button>
        ) : (
          <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="public-centre-not-accepting">
            {t('myService.notAccepting')}
          </Typography.Text>
        )}
      </Space>
    </Card>
  );
}
