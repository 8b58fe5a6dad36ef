import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Col, Popconfirm, Row, Space, Table, type TableColumnsType, Tooltip } from 'antd';
import { useState } from 'react';
import type { TVerdict } from '../../../../../../contracts/centre';
import type { TStaff } from '../../../../../../contracts/staff';
import { useCan } from '../../../../../access';
import { useLocale } from '../../../../../i18n';
import { formatDateTime } from '../../../../../lib/format';
import { rowTestId } from '../../../../../lib/list-state';
import { request } from '../../../../../request';
import { errorMessage } from '../../../../../request-error';
import { CENTRES_KEY } from '../../../shared/queries';
import { CityRuleTag, verdictFacts } from '../../../shared/VerdictView';
import { StaffFormModal } from './StaffFormModal';
import { StaffImport } from './StaffImport';
import { useStaffRoster } from './staff-api';

const RULES = ['staff.total', 'staff.tradeYears', 'staff.customsDeclarant', 'staff.foreignLanguage'] as const;
type TStaffRule = (typeof RULES)[number];

/** One Art. 7 verdict, compact: green or red, what it counts and the message; the numbers on hover. */
function StaffVerdict({ verdict }: { verdict: TVerdict }) {
  const { t, locale, labelOr } = useLocale();
  return (
    <Tooltip title={verdictFacts(verdict, t, locale)}>
      <Alert
        type={verdict.ok ? 'success' : 'error'}
        showIcon
        data-testid={`staff-verdict-${verdict.rule}`}
        data-ok={String(verdict.ok)}
        style={{ height: '100%', padding: '6px 12px' }}
        title={
          <span style={{ fontSize: 13 }}>
            <strong>{labelOr(`staff.verdict.${verdict.rule}`, verdict.rule)}</strong>
            {t('common.colon')}
            {verdict.message[locale]}
          </span>
        }
        description={verdict.cityRule ? <CityRuleTag verdict={verdict} /> : undefined}
      />
    </Tooltip>
  );
}

/** 派驻人员 (Art. 7): the roster, whether it meets the four staffing rules, and — for its keepers — add/remove/import. */
export function StaffCard({ centreId }: { centreId: number }) {
  const { t } = useLocale();
  const can = useCan();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const manage = can('staff.manage');
  const roster = useStaffRoster(centreId);
  const [adding, setAdding] = useState(false);

  const remove = useMutation({
    mutationFn: (staff: TStaff) => request<void>('DELETE', `/api/centres/${centreId}/staff/${staff.id}`),
    onSuccess: (_v, staff) => {
      message.success(t('staff.removed', { name: staff.name }));
      void queryClient.invalidateQueries({ queryKey: [...CENTRES_KEY, 'detail', centreId] });
    },
  });

  const yesNo = (value: boolean) => t(value ? 'common.yes' : 'common.no');
  const columns: TableColumnsType<TStaff> = [
    { title: t('staff.field.name'), dataIndex: 'name', width: 120 },
    {
      title: t('staff.field.tradeYears'),
      dataIndex: 'tradeYears',
      width: 130,
      align: 'right',
      render: (years: number) => t('staff.yearsValue', { n: years }),
    },
    { title: t('staff.field.customsDeclarant'), dataIndex: 'customsDeclarant', width: 110, render: yesNo },
    { title: t('staff.field.foreignLanguage'), dataIndex: 'foreignLanguage', width: 110, render: yesNo },
    { title: t('staff.field.socialInsuranceProof'), dataIndex: 'socialInsuranceProof', ellipsis: true },
    { title: t('staff.createdAt'), dataIndex: 'createdAt', width: 150, render: (iso: string) => formatDateTime(iso) },
  ];
  if (manage) {
    columns.push({
      title: t('common.actions'),
      key: 'actions',
      width: 80,
      render: (_v, staff) => (
        <Popconfirm
          title={t('staff.removeConfirm', { name: staff.name })}
          okText={t('common.confirm')}
          cancelText={t('common.cancel')}
          okButtonProps={{ danger: true }}
          onConfirm={() => remove.mutateAsync(staff)}
        >
          <Button
            type="link"
            size="small"
            danger
            style={{ paddingInline: 0 }}
            loading={remove.isPending && remove.variables?.id === staff.id}
            data-testid="staff-remove"
          >
            {t('staff.remove')}
          </Button>
        </Popconfirm>
      ),
    });
  }

  const verdicts = [...(roster.data?.verdicts ?? [])].sort(
    (a, b) => RULES.indexOf(a.rule as TStaffRule) - RULES.indexOf(b.rule as TStaffRule),
  );

  return (
    <Card
      size="small"
      data-testid="staff-card"
      title={
        <span>
          {t('staff.title')}
          {roster.data && ` · ${t('staff.count', { n: roster.data.total })}`}
        </span>
      }
      extra={
        manage && (
          <Space wrap size={4}>
            <StaffImport centreId={centreId} />
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="staff-add">
              {t('staff.add')}
            </Button>
          </Space>
        )
      }
    >
      {roster.isError ? (
        <Alert
          type="error"
          showIcon
          title={errorMessage(roster.error)}
          action={
            <Button size="small" onClick={() => roster.refetch()}>
              {t('common.retry')}
            </Button>
          }
        />
      ) : (
        <>
          {verdicts.length > 0 && (
            <Row gutter={[8, 8]} style={{ marginBottom: 12 }} data-testid="staff-verdicts">
              {verdicts.map((v) => (
                <Col key={v.rule} xs={24} md={12}>
                  <StaffVerdict verdict={v} />
                </Col>
              ))}
            </Row>
          )}
          <Table<TStaff>
            size="small"
            rowKey="id"
            loading={roster.isPending}
            dataSource={roster.data?.items}
            columns={columns}
            scroll={{ x: 'max-content' }}
            pagination={{ pageSize: 10, hideOnSinglePage: true, showSizeChanger: false }}
            locale={{ emptyText: t('staff.empty') }}
            data-testid="staff-table"
            onRow={rowTestId('staff-row')}
          />
        </>
      )}
      {adding && <StaffFormModal centreId={centreId} onClose={() => setAdding(false)} />}
    </Card>
  );
}
