import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Grid, InputNumber, Popconfirm, Space, Table, Typography } from 'antd';
import { INDICATOR_GROUP_NAMES, type TIndicator, type TIndicatorGroup } from '../../../../../contracts/assessment';
import { scoringRuleInWords } from '../../../../../contracts/assessment-cycle';
import { useLocale } from '../../../../i18n';
import { plainNumber } from '../../../../lib/format';

/** What a draft's editor can do to a group; null on a frozen system or for a reader, which only shows. */
export interface GroupEdit {
  setWeight: (key: string, weight: number | null) => void;
  onEdit: (indicator: TIndicator) => void;
  onRemove: (key: string) => void;
  onAdd: () => void;
}

/**
 * One of Art. 12(一)'s groups on the indicator system page: its indicators with weight, how each is measured, the
 * rule in words and the article; on a draft, weight inputs, 编辑 / 删除 per indicator and 新增指标 for the group.
 */
export function IndicatorGroupCard({
  group,
  indicators,
  edit,
}: {
  group: TIndicatorGroup;
  indicators: TIndicator[];
  edit: GroupEdit | null;
}) {
  const { t, locale } = useLocale();
  // On a phone the rule, the way it is measured and the article go under the indicator's name: two columns fit.
  const wide = Grid.useBreakpoint().md ?? true;
  const weight = Math.round(indicators.reduce((a, i) => a + i.weight, 0) * 100) / 100;
  const actions = (i: TIndicator) => (
    <Space size={0} wrap>
      <Button type="link" size="small" onClick={() => edit?.onEdit(i)} data-testid={`indicator-edit-${i.key}`}>
        {t('assessment.editor.edit')}
      </Button>
      <Popconfirm
        title={t('assessment.editor.removeConfirm', { name: i.name[locale] })}
        okText={t('assessment.editor.remove')}
        cancelText={t('common.cancel')}
        onConfirm={() => edit?.onRemove(i.key)}
      >
        <Button type="link" size="small" danger>
          {t('assessment.editor.remove')}
        </Button>
      </Popconfirm>
    </Space>
  );
  const ruleText = (i: TIndicator) => scoringRuleInWords(i.scoring, i.weight, i.metric)[locale];

  const measuredBy = (i: TIndicator) =>
    i.metric ? t('assessment.measures.computed') : t('assessment.measures.evaluator');
  const nameColumn = {
    title: t('assessment.field.indicator'),
    key: 'name',
    width: 200,
    render: (_: unknown, i: TIndicator) => i.name[locale],
  };
  const weightColumn = {
    title: t('assessment.field.weight'),
    dataIndex: 'weight',
    width: 90,
    render: (w: number, i: TIndicator) =>
      edit ? (
        <InputNumber
          min={0.5}
          max={100}
          step={0.5}
          formatter={plainNumber}
          value={w}
          onChange={(v) => edit.setWeight(i.key, v)}
          style={{ width: 72 }}
          aria-label={i.name[locale]}
        />
      ) : (
        w
      ),
  };
  return (
    <Card
      key={group}
      size="small"
      title={`${INDICATOR_GROUP_NAMES[group][locale]}（${t('assessment.points', { points: weight })}）`}
      extra={
        edit && (
          <Button
            size="small"
            icon={<PlusOutlined />}
            onClick={edit.onAdd}
            aria-label={t('assessment.editor.add')}
            data-testid="indicator-add"
          >
            {wide ? t('assessment.editor.add') : null}
          </Button>
        )
      }
      data-testid="system-group"
    >
      <Table<TIndicator>
        size="small"
        rowKey="key"
        dataSource={indicators}
        pagination={false}
        locale={{ emptyText: t('assessment.editor.emptyGroup') }}
        scroll={wide ? { x: 'max-content' } : undefined}
        columns={
          wide
            ? [
                nameColumn,
                weightColumn,
                {
                  title: t('assessment.field.measures'),
                  key: 'measures',
                  width: 120,
                  render: (_: unknown, i) => measuredBy(i),
                },
                {
                  title: t('assessment.field.rule'),
                  key: 'rule',
                  render: (_: unknown, i) => (
                    <div style={{ minWidth: 220, maxWidth: 420, whiteSpace: 'normal' }}>
                      {ruleText(i)}
                      {i.guidance && (
                        <Typography.Paragraph type="secondary" style={{ margin: 0, fontSize: 12 }}>
                          {i.guidance}
                        </Typography.Paragraph>
                      )}
                    </div>
                  ),
                },
                { title: t('assessment.field.article'), dataIndex: 'article', width: 150 },
                ...(edit
                  ? [
                      {
                        title: t('common.actions'),
                        key: 'actions',
                        width: 130,
                        render: (_: unknown, i: TIndicator) => actions(i),
                      },
                    ]
                  : []),
              ]
            : [
                {
                  title: t('assessment.field.indicator'),
                  key: 'all',
                  render: (_: unknown, i) => (
                    <div style={{ whiteSpace: 'normal' }}>
                      <Typography.Text strong>{i.name[locale]}</Typography.Text>
                      <div>{ruleText(i)}</div>
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {`${measuredBy(i)} · ${i.article}`}
                      </Typography.Text>
                      {edit && <div>{actions(i)}</div>}
                    </div>
                  ),
                },
                weightColumn,
              ]
        }
      />
    </Card>
  );
}
