import { CheckCircleFilled, CloseCircleFilled } from '@ant-design/icons';
import { Alert, Tag, Tooltip, Typography } from 'antd';
import type { TVerdict } from '../../../../contracts/centre';
import type { TLocale } from '../../../../contracts/common';
import { type Translate, useLocale } from '../../../i18n';

const NUMERALS: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

/** 六 → 6, 十 → 10, 十二 → 12, 二十一 → 21 (the policy's article numbers). */
function fromChineseNumeral(text: string): number | null {
  const match = /^([一二三四五六七八九])?(十)?([一二三四五六七八九])?$/.exec(text);
  if (!match || text === '') return null;
  const [, tens, ten, units] = match;
  if (!ten) return tens && !units ? NUMERALS[tens] : null;
  return (tens ? NUMERALS[tens] : 1) * 10 + (units ? NUMERALS[units] : 0);
}

/** The server cites articles as the policy does (第六条, 第九条（二）); English readers get Art. 6, Art. 9(2). */
export function articleLabel(article: string, locale: TLocale): string {
  if (locale !== 'en') return article;
  // 第十条（一）3 is Art. 10(1)3: an item's numbered point follows the bracket.
  const match = /^第(.+?)条(?:[（(](.+?)[）)](\d+)?)?$/.exec(article);
  const main = match ? fromChineseNumeral(match[1]) : null;
  if (!match || main === null) return article;
  const item = match[2] ? fromChineseNumeral(match[2]) : null;
  return `Art. ${main}${item === null ? '' : `(${item})${match[3] ?? ''}`}`;
}

/**
 * 80 → "80 m²" for area rules; booleans read 是/否; counts of other centres and Art. 9(二) facts in words; an
 * operator's qualification status and violation count in words.
 */
function verdictValue(value: TVerdict['required'], rule: string, t: Translate): string {
  if (rule === 'placement.secondCentreJustified') {
    return value === null
      ? t('centre.verdict.notStated')
      : t('centre.verdict.tradingEnterprises', { n: String(value) });
  }
  if (
    rule === 'operator.qualification' &&
    (value === 'qualified' || value === 'disqualified' || value === 'blacklisted')
  ) {
    return t(`operator.status.${value}`);
  }
  if (rule === 'operator.violationFree' && typeof value === 'number')
    return t('operator.verdict.violations', { n: value });
  if (value === null) return '—';
  // Art. 7 counts people: 5 staff, 1 customs declarant, 2 with three years in trade.
  if (typeof value === 'number' && rule.startsWith('staff.')) return t('staff.verdict.people', { n: value });
  if (typeof value === 'boolean') return t(value ? 'common.yes' : 'common.no');
  if (typeof value === 'number' && rule === 'placement.onePerPark')
    return t('centre.verdict.otherCentres', { n: value });
  if (typeof value === 'number' && /area/i.test(rule)) return t('centre.verdict.sqm', { n: value });
  return String(value);
}

/** A minimum reads "≥ 80 m²"; the Art. 9(二) justification names what must be stated, in the reader's language. */
function requiredText(verdict: TVerdict, t: Translate): string {
  if (verdict.rule === 'placement.secondCentreJustified') return t('centre.verdict.secondJustified');
  const value = verdictValue(verdict.required, verdict.rule, t);
  return typeof verdict.required === 'number' && /area|min|^staff\./i.test(verdict.rule) ? `≥ ${value}` : value;
}

/** 第六条 · 要求 ≥ 80 m² · 实际 79 m² · 参数版本 1 — the numbers behind a verdict (CONVENTIONS §10). */
export function verdictFacts(verdict: TVerdict, t: Translate, locale: TLocale): string {
  return [
    articleLabel(verdict.article, locale),
    `${t('centre.verdict.required')} ${requiredText(verdict, t)}`,
    `${t('centre.verdict.actual')} ${verdictValue(verdict.actual, verdict.rule, t)}`,
    t('centre.verdict.policyVersion', { version: verdict.policyVersion }),
  ].join(' · ');
}

/**
 * Art. 15: the number came from the city's implementing rule — a tag "按宜昌市实施细则：场地不少于 100 平方米", the rule's
 * title and document number on hover. Nothing when the province's number applied.
 */
export function CityRuleTag({ verdict }: { verdict: TVerdict }) {
  const { locale } = useLocale();
  const rule = verdict.cityRule;
  if (!rule) return null;
  return (
    <Tooltip title={`${rule.title}（${rule.documentNumber}）`}>
      <Tag color="blue" data-testid="city-rule-tag" style={{ whiteSpace: 'normal', marginInlineEnd: 0 }}>
        {rule.note[locale]}
      </Tag>
    </Tooltip>
  );
}

interface VerdictCardProps {
  verdict: TVerdict;
  title: string;
  testId?: string;
}

/** Green when the rule is met, red when not; the message, then the article and numbers it rests on. */
export function VerdictCard({ verdict, title, testId }: VerdictCardProps) {
  const { t, locale } = useLocale();
  return (
    <Alert
      type={verdict.ok ? 'success' : 'error'}
      showIcon
      data-testid={testId}
      data-ok={String(verdict.ok)}
      title={
        <span>
          {t('centre.verdict.title', { title, result: t(verdict.ok ? 'centre.verdict.ok' : 'centre.verdict.fail') })}
        </span>
      }
      description={
        <>
          <div>{verdict.message[locale]}</div>
          {verdict.cityRule && (
            <div style={{ margin: '4px 0' }}>
              <CityRuleTag verdict={verdict} />
            </div>
          )}
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {verdictFacts(verdict, t, locale)}
          </Typography.Text>
        </>
      }
    />
  );
}

/** ✓ / ✗ in a table cell, the verdict's message on hover. */
export function VerdictMark({ verdict }: { verdict: TVerdict }) {
  const { t, locale } = useLocale();
  return (
    <Tooltip
      title={
        <>
          <div>{verdict.message[locale]}</div>
          <div style={{ opacity: 0.8, fontSize: 12 }}>{verdictFacts(verdict, t, locale)}</div>
        </>
      }
    >
      <span data-testid="venue-verdict" data-ok={String(verdict.ok)} style={{ cursor: 'help' }}>
        {verdict.ok ? (
          <CheckCircleFilled style={{ color: '#389e0d' }} aria-label={t('centre.verdict.ok')} />
        ) : (
          <CloseCircleFilled style={{ color: '#cf1322' }} aria-label={t('centre.verdict.fail')} />
        )}
      </span>
    </Tooltip>
  );
}
