import type { assessmentSignalsZhCN } from './assessment-signals.zh-CN';

export const assessmentSignalsEn: Record<keyof typeof assessmentSignalsZhCN, string> = {
  'signals.title': 'Signals for the assessment',
  'signals.period': 'Year {year} · submissions due {due}',
  'signals.disclaimer': 'These signals only inform the evaluation; they never deduct points',
  'signals.disclaimerDetail':
    'The platform finds them by comparing service records, ratings, enterprises and activities; there may be good reasons behind each. Check them against the evidence and the on-site inspection (Art. 13(3), 14).',
  'signals.none': 'Nothing found that needs a closer look',
  'signals.severity.warning': 'Look into',
  'signals.severity.notice': 'Note',
  'signals.evidenceCount': '{total} in all, the first {shown} shown',
  'signals.evidenceAll': '{total} in all',
  'signals.openList': 'Open the records',
  'signals.howJudged': 'How these are found',
  'signals.howJudgedIntro':
    'These numbers are rules of thumb for finding signals — not assessment standards set by the policy, and never scored.',
  'signals.limits': 'What could not be checked',
  'signals.loadFailed': 'The signals could not be loaded',
};
