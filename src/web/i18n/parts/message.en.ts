import type { messageZhCN } from './message.zh-CN';

export const messageEn: Record<keyof typeof messageZhCN, string> = {
  'message.title': 'Messages',
  'message.unread': 'Unread',
  'message.unreadMark': 'Unread',
  'message.none': 'No messages',
  'message.noneUnread': 'No unread messages',
  'message.readAll': 'Mark all as read',
  'message.readAllDone': 'All messages marked as read',
  'message.bell': 'Messages, {count} unread',
  'message.kind.service.submitted': '{enterpriseName} requested service {number}; please accept it promptly',
  'message.kind.service.progress': 'Service {number} has new progress: {note}',
  'message.kind.service.completed': 'Service {number} is completed; please rate it',
  'message.kind.rating.reminder': 'Service {number} was completed {days} days ago and is not rated yet; please rate it',
  'message.kind.rating.received': 'Service {number} was rated: {level}',
  'message.kind.rectification.opened': 'Service {number} received a bad rating; answer the rectification by {dueOn}',
  'message.rectification.openedOversight':
    'Service {number} received a bad rating; rectification opened, the centre is to answer by {dueOn}',
  'message.kind.rectification.dueSoon': 'The rectification of service {number} is due on {dueOn}; please answer soon',
  'message.kind.rectification.answered': 'The centre answered the rectification of service {number}; please follow up',
  'message.kind.rectification.reopened': 'The answer to the rectification of service {number} was sent back: {comment}',
  'message.kind.enterprise.registered': '"{name}" ({creditCode}) registered and awaits review',
  'message.kind.enterprise.reviewed': 'The registration of "{name}" was reviewed',
  'message.kind.assessment.cycleOpened':
    'The {year} centre assessment is open ({title}): material due {submissionDue}, city pre-review by {prereviewDue}, evaluation by {evaluationDue}',
  'message.kind.assessment.returned': 'The city returned the {year} assessment material for correction: {reason}',
  'message.kind.assessment.reopened':
    'The province reopened the {year} assessment submission for the centre until {until}',
  'message.kind.auth.account.attacked':
    'The account "{username}" had {failures} failed sign-ins from {addresses} addresses within {minutes} minutes and may be under a password attack; its owner can still sign in. Check, and ask the owner to change the password if needed',
  'message.kind.assessment.assigned':
    '{year} assessment: the province assigned {count} centres’ submissions to your agency; please finish by {dueOn}',
  'message.kind.assessment.sentBack': '{year} assessment: the province sent the score of {centreName} back: {reason}',
  'message.kind.assessment.published': 'The {year} assessment results are published: {centreName} is rated "{grade}"',
  'message.type.assessment.assigned': 'Assessment assignment',
  'message.type.assessment.sentBack': 'Score sent back',
  'message.type.assessment.published': 'Assessment results',
  'message.kind.assessment.cancellationDue':
    '{centreName} was graded Poor in {years}, two years running: confirm the cancellation of {operatorName}’s qualification (Art. 12(3))',
  'message.kind.assessment.qualificationCancelled':
    '{operatorName} lost its qualification after Poor grades in {years}; its engagement at {centreName} has ended — procure a new operator',
  'message.type.service.submitted': 'Service request',
  'message.type.service.progress': 'Progress',
  'message.type.service.completed': 'Completed',
  'message.type.rating.reminder': 'Rating reminder',
  'message.type.rating.received': 'Rating received',
  'message.type.rectification.opened': 'Rectification',
  'message.type.rectification.dueSoon': 'Rectification due',
  'message.type.rectification.answered': 'Rectification answered',
  'message.type.rectification.reopened': 'Rectification sent back',
  'message.type.enterprise.registered': 'Registration',
  'message.type.enterprise.reviewed': 'Registration reviewed',
  'message.type.assessment.cycleOpened': 'Assessment notice',
  'message.type.assessment.returned': 'Assessment material returned',
  'message.type.assessment.reopened': 'Submission reopened',
  'message.type.auth.account.attacked': 'Sign-in security alert',
  'message.type.assessment.cancellationDue': 'Cancellation to confirm',
  'message.type.assessment.qualificationCancelled': 'Qualification cancelled',
  'message.kind.centre.conditionFailing':
    '{centreName} no longer meets its {conditionEn} condition since {since}: {detailEn}. A lasting failure is listed for adjustment or revocation (Art. 9(4))',
  'message.kind.centre.conditionResolved': '{centreName} meets its {conditionEn} condition again since {on}',
  'message.type.centre.conditionFailing': 'Condition no longer met',
  'message.type.centre.conditionResolved': 'Condition met again',
  'message.kind.sanction.disqualified':
    'The province decided ({letterNumber}) to disqualify operator "{operatorName}" (Art. 13); its service at "{centreName}" has ended — choose a new operator through government procurement',
  'message.kind.sanction.blacklisted':
    'The province decided ({letterNumber}) to blacklist operator "{operatorName}" and cancel its qualification (Art. 14); its service at "{centreName}" has ended and the funds paid are listed for recovery',
  'message.type.sanction.disqualified': 'Operator disqualified',
  'message.type.sanction.blacklisted': 'Operator blacklisted',
};
