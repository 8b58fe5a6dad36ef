import { PrinterOutlined } from '@ant-design/icons';
import { Table, type TableColumnsType, Tag, Tooltip } from 'antd';
import type { TDecisionLetter } from '../../../../../contracts/centre';
import { useLocale } from '../../../../i18n';
import { formatDate } from '../../../../lib/format';
import { rowTestId } from '../../../../lib/list-state';

const KIND_COLOURS: Record<TDecisionLetter['kind'], string> = {
  approval: 'green',
  adjustment: 'blue',
  revocation: 'red',
};

/** The print-ready page of a 决定书, rendered by the server (an official document, in Chinese). */
export function PrintLink({ id }: { id: number }) {
  const { t } = useLocale();
  return (
    <a href={`/api/decision-letters/${id}/print`} target="_blank" rel="noopener" data-testid="letter-print">
      <PrinterOutlined /> {t('centre.letter.print')}
    </a>
  );
}

/** 决定书: the letters issued for this centre (approval, adjustment, revocation), each with a print link. */
export function LetterList({ letters }: { letters: TDecisionLetter[] }) {
  const { t, locale } = useLocale();
  const columns: TableColumnsType<TDecisionLetter> = [
    {
      title: t('centre.letter.number'),
      dataIndex: 'number',
      render: (number: string, letter) => (
        <>
          <Tag color={KIND_COLOURS[letter.kind]}>{t(`centre.letter.kind.${letter.kind}`)}</Tag>
          <Tooltip title={`${t('centre.letter.legalBasis')}${t('common.colon')}${letter.legalBasis}`}>
            <span>{number}</span>
          </Tooltip>
        </>
      ),
    },
    {
      title: t('centre.letter.issuedOn'),
      dataIndex: 'issuedOn',
      width: 140,
      render: (d: string) => formatDate(d, locale),
    },
    { title: t('centre.letter.issuedBy'), dataIndex: 'issuedBy', width: 150 },
    { title: t('common.actions'), key: 'print', width: 80, render: (_v, letter) => <PrintLink id={letter.id} /> },
  ];
  return (
    <Table<TDecisionLetter>
      rowKey="id"
      size="small"
      data-testid="centre-letters"
      columns={columns}
      dataSource={letters}
      pagination={false}
      onRow={rowTestId('centre-letter')}
      locale={{ emptyText: t('centre.letter.none') }}
      scroll={{ x: 560 }}
    />
  );
}
