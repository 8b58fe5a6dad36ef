import type { TAction, TRole } from '../../../contracts/access';

const ALL_ROLES: TRole[] = ['admin', 'province', 'city', 'county', 'park', 'operator', 'enterprise', 'evaluator'];
const OFFICIALS: TRole[] = ['province', 'city', 'county', 'park'];

/**
 * The role × action matrix (SPEC §1) as data. Scope (which records) is decided separately, in SQL (scope.ts).
 * The access-matrix test walks every role × route pair against this table.
 */
export const PERMISSIONS = {
  'me.read': ALL_ROLES,
  'me.changePassword': ALL_ROLES,
  'me.update': ALL_ROLES,
  // Administrative divisions are public reference data; every signed-in user needs them for forms and filters.
  'region.read': ALL_ROLES,
  // Parks are the officials' working set; operators, enterprises and evaluators reach parks through their centres.
  'park.read': ['admin', ...OFFICIALS],
  // Art. 4, Art. 9(一): the province keeps the provincial layout, so it keeps the list of development zones.
  'park.create': ['province'],
  'park.update': ['province'],
  'dashboard.read': ALL_ROLES,
  // Issue 11: the province drills its overview by city into the counties of one city.
  'dashboard.overview': ['province'],
  // SPEC §1: the administrator keeps user accounts and system settings, and makes no business approvals.
  'user.read': ['admin'],
  'user.create': ['admin'],
  'user.update': ['admin'],
  'user.unlock': ['admin'],
  'user.resetPassword': ['admin'],
  // The province oversees everything in Hubei, so it may read the operation log; only the administrator verifies it.
  'audit.read': ['admin', 'province'],
  'audit.verify': ['admin'],
  'policy.read': ALL_ROLES,
  'setting.read': ['admin'],
  'setting.update': ['admin'],
  // 等保 2.0 三级 (数据备份与恢复): backups hold every record of the platform, so only the administrator runs and sees them.
  'backup.read': ['admin'],
  'backup.run': ['admin'],
  // Issue 10: the officials count deadlines on the official calendar, so they may see where it comes from; the
  // administrator keeps it (a system setting, SPEC §1) by entering each year's State Council notice.
  'calendar.read': ['admin', ...OFFICIALS],
  'calendar.manage': ['admin'],
  // Centres (Art. 9): the county applies, the city forwards or returns, the province approves or rejects.
  'centre.read': ['admin', ...OFFICIALS, 'operator'],
  'centre.create': ['county'],
  'centre.update': ['county'],
  'centre.submit': ['county'],
  'centre.forward': ['city'],
  'centre.return': ['city'],
  'centre.approve': ['province'],
  'centre.reject': ['province'],
  // Art. 9(四): a city applies for adjustment or revocation; the province may also decide on its own.
  'centre.requestChange': ['city', 'province'],
  'centre.decideChange': ['province'],
  'decision.read': ['admin', ...OFFICIALS, 'operator'],
  // Operator enterprises (Art. 10): counties register them for their tenders; the province oversees them all.
  'operator.read': ['admin', 'province', 'city', 'county'],
  'operator.create': ['province', 'county'],
  'operator.update': ['province', 'county'],
  // The legal representative's full ID number is personal information: a separate, audited permission.
  'operator.viewIdentity': ['province', 'county'],
  // Art. 10(一)3: violations found by authorities are recorded by the commerce departments above the county.
  'operator.recordViolation': ['province', 'city'],
  // Art. 7: the operator keeps its centre's roster; the county, which buys the service, may correct it.
  'staff.manage': ['operator', 'county'],
  // Evidence attached to an application's steps by the officers who take them (Art. 9).
  'centre.attach': ['county', 'city', 'province'],
  // Art. 10(三): the county runs the tender, keeps the operator's materials and checklist, signs the tripartite
  // agreement and the annual contracts; the city compiles and reports; the province files and publishes.
  'engagement.read': ['admin', ...OFFICIALS, 'operator'],
  'engagement.manage': ['county'],
  'engagement.report': ['city'],
  'engagement.return': ['province'],
  'engagement.file': ['province'],
  // Enterprises (SPEC §2): a registration is approved by the centre (the operator) or the county; the centre and
  // the county may also bring in enterprises they already serve from a file. An enterprise reads and corrects itself.
  'enterprise.read': ['admin', ...OFFICIALS, 'operator', 'enterprise'],
  'enterprise.review': ['county', 'operator'],
  'enterprise.import': ['county', 'operator'],
  'enterprise.updateSelf': ['enterprise'],
  // Service records (Art. 5, 8): an enterprise asks, the centre's staff record and handle; officials read by region.
  'service.read': ['admin', ...OFFICIALS, 'operator', 'enterprise'],
  'service.request': ['enterprise'],
  'service.record': ['operator'],
  'service.handle': ['operator'],
  // The centre cancels a mistaken record with a reason; the enterprise may withdraw its own request before completion.
  'service.cancel': ['operator', 'enterprise'],
  'service.attach': ['operator', 'enterprise'],
  // Art. 8: 接受服务的企业要在平台上对当次服务进行评价 — only the served enterprise rates.
  'service.rate': ['enterprise'],
  'serviceStats.read': ['admin', ...OFFICIALS, 'operator'],
  // 差评整改: the centre answers within the deadline, the county follows up (SPEC §2).
  'rectification.read': ['admin', ...OFFICIALS, 'operator'],
  'rectification.answer': ['operator'],
  'rectification.followUp': ['county'],
  // Activities (Art. 12(一)): the centre records its trainings, promotion, market expansion and exhibitions.
  'activity.read': ['admin', ...OFFICIALS, 'operator'],
  'activity.manage': ['operator'],
  // 站内消息: everyone has a message box.
  'message.read': ALL_ROLES,
  // 贸易数据 (Art. 5(十三)): an enterprise reports and reads its own declarations, a centre those of the enterprises it
  // served, the county those of its county; officials read their region's. The province keeps the rate table.
  'trade.read': [...OFFICIALS, 'operator', 'enterprise'],
  'trade.import': ['county', 'operator', 'enterprise'],
  'trade.rates': ['province'],
  // 数据对接 (Art. 5(一)(六)(十三)): the centre exchanges for the enterprises it serves, the county for its county, the
  // province for all of Hubei; each sees the runs of its own scope (scope.ts exchangeRunScope).
  'exchange.read': ['province', 'county', 'operator'],
  'exchange.run': ['province', 'county', 'operator'],
  // 年度考核评估 (Art. 12): the province runs it (notice, indicator system, assignment, confirmation, publication); the
  // operator submits its centre's material; the city pre-reviews its own (初审, Art. 12(二)(2)); the evaluator scores
  // what it is assigned (Art. 12(二)(3)). Each reads its own scope (scope.ts assessmentSubmissionScope); the county
  // and the park committee read their centres' submissions and grades.
  'assessment.read': ['admin', ...OFFICIALS, 'operator', 'evaluator'],
  'assessment.manage': ['province'],
  'assessment.submit': ['operator'],
  'assessment.prereview': ['city'],
  'assessment.score': ['evaluator'],
  // Fraud signals (Art. 13(三), 14) are evidence for those who judge, never shown to the judged.
  'assessment.signals': ['province', 'evaluator'],
  // Art. 12(三)(2): after two 较差 years running the province confirms the cancellation of the qualification.
  'operator.cancelQualification': ['province'],
  // 资金支持 (Art. 11, decision 0033): officials read the funding of their region (scope.ts), the operator its own
  // entitlements and payments. The province computes entitlements; the city and the county record their matching
  // funds; the city records a payment and a second city official confirms it (由各市州商务局商财政局拨付); the
  // operator reports its fund use; the city or the province records what is recovered (Art. 14).
  'funding.read': ['admin', ...OFFICIALS, 'operator'],
  'funding.compute': ['province'],
  'funding.recordMatching': ['city', 'county'],
  'funding.recordPayment': ['city'],
  'funding.confirmPayment': ['city'],
  'funding.reportUse': ['operator'],
  'funding.recordRecovery': ['province', 'city'],
  // 处理决定 (Art. 13, 14): the province decides; officials read the decisions (the blacklist itself is public).
  'sanction.read': ['admin', ...OFFICIALS],
  'sanction.decide': ['province'],
  // 政策版本 (Art. 16): the province drafts, previews and publishes a parameter version; every role reads them.
  'policy.draft': ['province'],
  'policy.publish': ['province'],
  // 配套实施细则 (Art. 15): a city publishes stricter values for its region.
  'cityRule.publish': ['city'],
  // Art. 9(四): centres that stopped meeting the conditions, for the province's decision and the region's attention.
  'centre.conditions': ['province', 'city', 'county'],
} satisfies Record<TAction, TRole[]>;

export function can(role: TRole, action: TAction): boolean {
  return (PERMISSIONS[action] as readonly TRole[]).includes(role);
}

export function permittedActions(role: TRole): TAction[] {
  return (Object.keys(PERMISSIONS) as TAction[]).filter((a) => can(role, a));
}
