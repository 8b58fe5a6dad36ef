import { ArrowLeftOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, DatePicker, Descriptions, Input, Modal, Space, Table, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { Link, useParams } from 'react-router';
import {
  INDICATOR_GROUP_NAMES,
  INDICATOR_GROUPS,
  METRIC_UNITS,
  type TIndicator,
} from '../../../../contracts/assessment';
import type { TSubmissionDetail } from '../../../../contracts/assessment-cycle';
import { AttachmentList } from '../../../components/AttachmentList';
import { detailView } from '../../../components/DetailPage';
import { Timeline } from '../../../components/Timeline';
import { useLocale } from '../../../i18n';
import { formatDate, formatDateTime, formatNumber } from '../../../lib/format';
import { api } from '../../../request';
import { handleApiError } from '../../../request-error';
import {
  ASSESSMENT_KEY,
  STATUS_COLOURS,
  submissionFileUrl,
  uploadSubmissionFile,
  useSubmission,
} from '../shared/assessment-api';
import { DeadlineText } from '../shared/DeadlineTag';

/**
 * 考核材料 (Art. 12(二)(2)): a centre's computed figures grouped as the indicator system groups them, its statement
 * and evidence, the timeline; the operator edits and submits, the city passes or returns, the province reopens.
 */
export function SubmissionPage() {
  const { t } = useLocale();
  const id = Number(useParams().id);
  const detail = useSubmission(Number.isInteger(id) && id > 0 ? id : -1);
  const view = detailView(detail, {
    title: t('assessment.submissionNotFound'),
    backTo: '/assessment',
    backLabel: t('assessment.backToCycle'),
  });
  if (view.fallback) return view.fallback;
  return <SubmissionView s={view.data} refresh={() => detail.refetch()} />;
}

function SubmissionView({ s, refresh }: { s: TSubmissionDetail; refresh: () => Promise<unknown> }) {
  const { t, locale } = useLocale();
  const { message, modal } = App.useApp();
  const queryClient = useQueryClient();
  const [statement, setStatement] = useState(s.statement ?? '');
  useEffect(() => setStatement(s.statement ?? ''), [s.statement]);
  const [returning, setReturning] = useState(false);
  const [reason, setReason] = useState('');
  const [reopenUntil, setReopenUntil] = useState<Dayjs | null>(null);
  const can = (step: TSubmissionDetail['steps'][number]) => s.steps.includes(step);
  const done = (text: string) => {
    message.success(text);
    queryClient.invalidateQueries({ queryKey: ASSESSMENT_KEY });
  };
  const post = useMutation({
    mutationFn: (a: { path: string; body: object; method?: 'put' }) =>
      a.method === 'put'
        ? api.put<TSubmissionDetail>(`/api/assessment/submissions/${s.id}/${a.path}`, a.body)
        : api.post<TSubmissionDetail>(`/api/assessment/submissions/${s.id}/${a.path}`, a.body),
    onError: handleApiError,
  });
  const saveStatement = () =>
    post.mutateAsync({ path: 'statement', method: 'put', body: { version: s.version, statement } });

  const submit = () =>
    modal.confirm({
      title: t('assessment.submitConfirmTitle'),
      content: t('assessment.submitConfirm'),
      okText: t('assessment.submit'),
      onOk: async () => {
        let version = s.version;
        if (statement !== (s.statement ?? '')) version = (await saveStatement()).version;
        await post.mutateAsync({ path: 'submit', body: { version } });
        done(t('assessment.submitted'));
      },
    });

  const indicators = s.system.body.indicators.filter((i) => i.metric !== null);
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Card
        title={
          <Space wrap size={8}>
            <Link to="/assessment" aria-label={t('assessment.backToCycle')}>
              <ArrowLeftOutlined />
            </Link>
            <Typography.Text strong style={{ fontSize: 16 }} data-testid="submission-title">
              {s.centreName}
            </Typography.Text>
            <Tag color={STATUS_COLOURS[s.status]} data-testid="submission-status">
              {t(`assessment.status.${s.status}`)}
            </Tag>
          </Space>
        }
        extra={
          <Space wrap>
            {can('submit') && (
              <Button type="primary" onClick={submit} loading={post.isPending} data-testid="submission-submit">
                {t('assessment.submit')}
              </Button>
            )}
          </Space>
        }
      >
        <Descriptions
          column={{ xs: 1, sm: 2, lg: 3 }}
          size="small"
          bordered
          styles={{ label: { whiteSpace: 'nowrap' } }}
        >
          <Descriptions.Item label={t('assessment.field.cycle')}>{s.cycleTitle}</Descriptions.Item>
          <Descriptions.Item label={t('assessment.field.region')}>{`${s.cityName} ${s.countyName}`}</Descriptions.Item>
          <Descriptions.Item label={t('assessment.field.operator')}>{s.operatorName ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('assessment.dueForCentre')}>
            <DeadlineText day={s.dueForCentre} />
          </Descriptions.Item>
          <Descriptions.Item label={t('assessment.prereviewDue')}>
            <DeadlineText day={s.prereviewDue} />
          </Descriptions.Item>
          <Descriptions.Item label={t('assessment.field.submittedAt')}>
            {s.submittedAt ? `${formatDateTime(s.submittedAt)} ${s.submittedByName ?? ''}` : '—'}
          </Descriptions.Item>
          {s.prereviewDecision && (
            <Descriptions.Item label={t('assessment.field.prereview')} span={{ xs: 1, sm: 2, lg: 3 }}>
              {`${t(`assessment.decision.${s.prereviewDecision}`)} · ${s.prereviewedByName ?? ''} · ${formatDateTime(s.prereviewedAt)}`}
              {s.prereviewReason && <div style={{ whiteSpace: 'pre-wrap' }}>{s.prereviewReason}</div>}
            </Descriptions.Item>
          )}
        </Descriptions>
        {s.status === 'returned' && s.prereviewReason && (
          <Alert
            type="warning"
            showIcon
            style={{ marginTop: 12 }}
            message={t('assessment.returnedNote')}
            description={s.prereviewReason}
          />
        )}
      </Card>

      <Card size="small" title={t('assessment.figures')} data-testid="submission-figures">
        <Typography.Paragraph type="secondary">
          {s.figuresAreSnapshot
            ? t('assessment.figuresSnapshot', { at: formatDateTime(s.figures.computedAt) })
            : t('assessment.figuresLive')}
        </Typography.Paragraph>
        {INDICATOR_GROUPS.map((group) => {
          const rows = indicators.filter((i) => i.group === group);
          if (rows.length === 0) return null;
          return (
            <div key={group} style={{ marginBottom: 12 }}>
              <Typography.Text strong>{INDICATOR_GROUP_NAMES[group][locale]}</Typography.Text>
              <Table<TIndicator>
                size="small"
                rowKey="key"
                dataSource={rows}
                pagination={false}
                tableLayout="fixed"
                columns={[
                  { title: t('assessment.field.indicator'), key: 'name', render: (_: unknown, i) => i.name[locale] },
                  {
                    title: t('assessment.field.value'),
                    key: 'value',
                    width: '30%',
                    render: (_: unknown, i) => {
                      const metric = i.metric;
                      if (!metric) return '—';
                      const v = s.figures.values[metric];
                      return v === null || v === undefined
                        ? t('assessment.notComputed')
                        : `${formatNumber(v, locale)} ${METRIC_UNITS[metric][locale]}`;
                    },
                  },
                  {
                    title: t('assessment.field.evidence'),
                    key: 'evidence',
                    width: '24%',
                    render: (_: unknown, i) => {
                      const e = i.metric ? s.figures.evidence[i.metric] : undefined;
                      if (!e?.link) return e?.basis ?? '—';
                      return <Link to={e.link}>{t('assessment.openRecords')}</Link>;
                    },
                  },
                ]}
              />
            </div>
          );
        })}
      </Card>

      <Card size="small" title={t('assessment.statement')}>
        {can('edit') ? (
          <Space direction="vertical" style={{ width: '100%' }}>
            <Input.TextArea
              rows={8}
              maxLength={20000}
              value={statement}
              onChange={(e) => setStatement(e.target.value)}
              placeholder={t('assessment.statementPlaceholder')}
              data-testid="submission-statement"
            />
            <Button
              onClick={async () => {
                await saveStatement();
                done(t('assessment.statementSaved'));
              }}
              disabled={statement === (s.statement ?? '')}
              loading={post.isPending}
              data-testid="statement-save"
            >
              {t('assessment.saveDraft')}
            </Button>
          </Space>
        ) : (
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>
            {s.statement || '—'}
          </Typography.Paragraph>
        )}
      </Card>

      <AttachmentList
        title={t('assessment.files')}
        files={s.attachments.map((f) => ({ ...f, uploadedBy: f.uploadedByName }))}
        href={(fileId) => submissionFileUrl(s.id, fileId)}
        upload={can('edit') ? (file) => uploadSubmissionFile(s.id, file) : undefined}
        refresh={refresh}
        hint={t('assessment.filesHint')}
        emptyText={t('assessment.filesEmpty')}
        multiple
        testIds={{ card: 'submission-files', upload: 'submission-file-upload', link: 'submission-file-link' }}
      />

      {(can('pass') || can('return')) && (
        <Card size="small" title={t('assessment.prereview')} data-testid="prereview-card">
          <Space direction="vertical" style={{ width: '100%' }}>
            {/* Art. 12(二)(2): the city answers for the truth and legality of what it passes. */}
            <Alert type="warning" showIcon message={t('assessment.cityResponsible')} />
            <Space wrap>
              <Button
                type="primary"
                loading={post.isPending}
                data-testid="prereview-pass"
                onClick={() =>
                  modal.confirm({
                    title: t('assessment.passConfirmTitle'),
                    content: t('assessment.cityResponsible'),
                    okText: t('assessment.pass'),
                    onOk: async () => {
                      await post.mutateAsync({ path: 'prereview', body: { version: s.version, decision: 'pass' } });
                      done(t('assessment.passedMessage'));
                    },
                  })
                }
              >
                {t('assessment.pass')}
              </Button>
              <Button danger onClick={() => setReturning(true)} data-testid="prereview-return">
                {t('assessment.return')}
              </Button>
            </Space>
          </Space>
        </Card>
      )}

      {can('reopen') && (
        <Card size="small" title={t('assessment.reopen')}>
          <Space wrap>
            <span>{t('assessment.reopenUntil')}</span>
            <DatePicker value={reopenUntil} onChange={setReopenUntil} aria-label={t('assessment.reopenUntil')} />
            <Button
              disabled={!reopenUntil}
              loading={post.isPending}
              onClick={async () => {
                await post.mutateAsync({
                  path: 'reopen',
                  body: { version: s.version, until: reopenUntil?.format('YYYY-MM-DD') },
                });
                done(t('assessment.reopened'));
              }}
              data-testid="submission-reopen"
            >
              {t('assessment.reopenAction')}
            </Button>
          </Space>
        </Card>
      )}

      <Card size="small" title={t('assessment.timeline')}>
        <Timeline
          testIds={{ list: 'submission-events', item: 'submission-event' }}
          items={s.events.map((e) => ({
            key: e.id,
            at: e.at,
            who: e.actorName,
            role: e.actorRole,
            title: (
              <Space wrap size={4}>
                {t(`assessment.event.${e.action as 'submit'}`)}
                {e.late && <Tag color="red">{t('assessment.late')}</Tag>}
              </Space>
            ),
            status: e.toStatus ? (
              <Tag color={STATUS_COLOURS[e.toStatus]}>{t(`assessment.status.${e.toStatus}`)}</Tag>
            ) : null,
            // The opening's note is the cycle's title, already in the page's header.
            note:
              e.action === 'open'
                ? null
                : e.action === 'reopen' && e.reason
                  ? t('assessment.reopenedUntil', { day: formatDate(e.reason, locale) })
                  : e.reason,
            colour: e.action === 'return' ? 'orange' : e.action === 'pass' ? 'green' : undefined,
          }))}
        />
      </Card>

      <Modal
        open={returning}
        title={t('assessment.return')}
        onCancel={() => setReturning(false)}
        okButtonProps={{ danger: true, disabled: reason.trim() === '' }}
        okText={t('assessment.return')}
        confirmLoading={post.isPending}
        onOk={async () => {
          await post.mutateAsync({ path: 'prereview', body: { version: s.version, decision: 'return', reason } });
          setReturning(false);
          setReason('');
          done(t('assessment.returnedMessage'));
        }}
        destroyOnHidden
      >
        <Input.TextArea
          rows={4}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          placeholder={t('assessment.returnReason')}
          data-testid="return-reason"
        />
      </Modal>
    </Space>
  );
}
