import type { TLocale } from './common';

/** A label in both interface languages. */
export type TLabel = Record<TLocale, string>;

/**
 * What each audit action and object type is called, in both languages. One table for the 操作日志 page (its columns
 * and filters, through the web's i18n) and the server's .xlsx export, so that the page and the file say the same
 * words. src/web/i18n/i18n.test.ts checks that every action the server writes has a label here.
 */
export const AUDIT_ACTION_LABELS = {
  'auth.login.succeeded': { 'zh-CN': '登录成功', en: 'Signed in' },
  'auth.login.failed': { 'zh-CN': '登录失败', en: 'Sign-in failed' },
  'auth.account.locked': { 'zh-CN': '账户锁定（单个地址）', en: 'Account locked (one address)' },
  'auth.account.attacked': { 'zh-CN': '账户疑遭攻击告警', en: 'Account under attack: alert' },
  'auth.logout': { 'zh-CN': '退出登录', en: 'Signed out' },
  'auth.session.expired': { 'zh-CN': '会话超时', en: 'Session expired' },
  'auth.password.changed': { 'zh-CN': '修改密码', en: 'Password changed' },
  'user.created': { 'zh-CN': '新增用户', en: 'User created' },
  'user.updated': { 'zh-CN': '修改用户', en: 'User changed' },
  'user.disabled': { 'zh-CN': '停用用户', en: 'User disabled' },
  'user.enabled': { 'zh-CN': '启用用户', en: 'User enabled' },
  'user.unlocked': { 'zh-CN': '解锁用户', en: 'User unlocked' },
  'user.password.reset': { 'zh-CN': '重置密码', en: 'Password reset' },
  'user.locale.changed': { 'zh-CN': '切换界面语言', en: 'Language changed' },
  'park.created': { 'zh-CN': '新增园区', en: 'Zone created' },
  'park.updated': { 'zh-CN': '修改园区', en: 'Zone changed' },
  'setting.updated': { 'zh-CN': '修改系统设置', en: 'Setting changed' },
  'backup.created': { 'zh-CN': '数据备份', en: 'Backup' },
  'backup.failed': { 'zh-CN': '数据备份失败', en: 'Backup failed' },
  'backup.verified': { 'zh-CN': '备份恢复测试', en: 'Backup restore test' },
  'calendar.year.entered': { 'zh-CN': '录入节假日安排', en: 'Holiday arrangement entered' },
  'calendar.year.replaced': { 'zh-CN': '替换节假日安排', en: 'Holiday arrangement replaced' },
  'rectification.deadline.recomputed': {
    'zh-CN': '按新节假日安排重算整改期限',
    en: 'Rectification deadline recounted on a new holiday arrangement',
  },
  'engagement.filingDeadline.recomputed': {
    'zh-CN': '按新节假日安排重算备案期限',
    en: 'Filing deadline recounted on a new holiday arrangement',
  },
  'policy.version.published': { 'zh-CN': '发布政策参数版本', en: 'Policy version published' },
  'region.imported': { 'zh-CN': '导入行政区划', en: 'Administrative divisions loaded' },
  'demo.loaded': { 'zh-CN': '载入演示数据', en: 'Demo data loaded' },
  'demo.scale.generated': { 'zh-CN': '批量生成全省规模演示数据', en: 'Province-sized demo data generated' },
  'figures.rebuilt': { 'zh-CN': '统计数据重新核算', en: 'Figures recounted from the records' },
  'centre.created': { 'zh-CN': '新建外综服中心申请', en: 'Centre application created' },
  'centre.updated': { 'zh-CN': '修改外综服中心申请', en: 'Centre application edited' },
  'centre.submitted': { 'zh-CN': '提交外综服中心设立申请', en: 'Centre application submitted' },
  'centre.forwarded': { 'zh-CN': '转报外综服中心设立申请', en: 'Centre application forwarded' },
  'centre.returned': { 'zh-CN': '退回外综服中心设立申请', en: 'Centre application returned' },
  'centre.approved': { 'zh-CN': '核准设立外综服中心', en: 'Centre approved' },
  'centre.rejected': { 'zh-CN': '不予核准外综服中心', en: 'Centre not approved' },
  'centre.change.requested': { 'zh-CN': '申请调整/撤销外综服中心', en: 'Centre adjustment/revocation requested' },
  'centre.change.approved': { 'zh-CN': '核准调整/撤销申请', en: 'Adjustment/revocation request approved' },
  'centre.change.rejected': { 'zh-CN': '驳回调整/撤销申请', en: 'Adjustment/revocation request rejected' },
  'centre.adjusted': { 'zh-CN': '调整外综服中心', en: 'Centre adjusted' },
  'centre.revoked': { 'zh-CN': '撤销外综服中心', en: 'Centre revoked' },
  'decision.issued': { 'zh-CN': '出具决定书', en: 'Decision letter issued' },
  'operator.created': { 'zh-CN': '登记承办企业', en: 'Operator registered' },
  'operator.updated': { 'zh-CN': '修改承办企业信息', en: 'Operator details changed' },
  'operator.identity.viewed': { 'zh-CN': '查看法定代表人身份证号码', en: "Legal representative's ID number viewed" },
  'operator.violation.recorded': { 'zh-CN': '登记违法违规记录', en: 'Violation recorded' },
  'staff.added': { 'zh-CN': '添加派驻人员', en: 'Staff member added' },
  'staff.removed': { 'zh-CN': '移除派驻人员', en: 'Staff member removed' },
  'staff.imported': { 'zh-CN': '导入派驻人员', en: 'Staff roster imported' },
  'attachment.uploaded': { 'zh-CN': '附件上传', en: 'Attachment uploaded' },
  'engagement.tendered': { 'zh-CN': '登记招标结果（确定承办企业）', en: 'Tender recorded (operator chosen)' },
  'engagement.checklist.updated': { 'zh-CN': '更新承办条件核查表', en: 'Eligibility checklist updated' },
  'engagement.signed': { 'zh-CN': '登记三方合作协议', en: 'Tripartite agreement recorded' },
  'engagement.reported': { 'zh-CN': '市州汇总上报承办企业', en: 'Engagement reported by the city' },
  'engagement.returned': { 'zh-CN': '退回承办企业备案', en: 'Engagement returned for correction' },
  'engagement.filed': { 'zh-CN': '承办企业备案并公布', en: 'Engagement filed and published' },
  'engagement.contract.recorded': { 'zh-CN': '登记年度合同', en: 'Annual contract recorded' },
  'engagement.contract.evaluated': { 'zh-CN': '年度末期评估', en: 'Year-end evaluation recorded' },
  'centre.operating': { 'zh-CN': '外综服中心开始运营', en: 'Centre began operating' },
  'engagement.ended': { 'zh-CN': '承办结束', en: 'Engagement ended' },
  'operatorChange.applied': { 'zh-CN': '申请变更承办企业', en: 'Operator change applied for' },
  'operatorChange.forwarded': { 'zh-CN': '转报承办企业变更申请', en: 'Operator change forwarded' },
  'operatorChange.approved': { 'zh-CN': '核准变更承办企业', en: 'Operator change approved' },
  'operatorChange.rejected': { 'zh-CN': '驳回承办企业变更申请', en: 'Operator change rejected' },
  'operatorChange.handover.updated': { 'zh-CN': '更新工作交接进度', en: 'Handover progress updated' },
  'enterprise.registered': { 'zh-CN': '企业注册申请', en: 'Enterprise registered' },
  'enterprise.approved': { 'zh-CN': '企业注册通过', en: 'Enterprise approved' },
  'enterprise.rejected': { 'zh-CN': '企业注册退回', en: 'Enterprise rejected' },
  'enterprise.created': { 'zh-CN': '登记服务企业', en: 'Enterprise entered' },
  'enterprise.updated': { 'zh-CN': '企业信息修改', en: 'Enterprise updated' },
  'enterprise.import.started': { 'zh-CN': '开始导入企业', en: 'Enterprise import started' },
  'enterprise.imported': { 'zh-CN': '企业批量导入', en: 'Enterprises imported' },
  'enterprise.import.abandoned': { 'zh-CN': '导入因服务重启中断', en: 'Import interrupted by a server restart' },
  'service.requested': { 'zh-CN': '企业申请服务', en: 'Service requested' },
  'service.recorded': { 'zh-CN': '中心登记服务', en: 'Service recorded' },
  'service.accepted': { 'zh-CN': '受理服务', en: 'Service accepted' },
  'service.progressed': { 'zh-CN': '更新办理进度', en: 'Progress entered' },
  'service.assigned': { 'zh-CN': '指派经办人', en: 'Service assigned' },
  'service.completed': { 'zh-CN': '服务办结', en: 'Service completed' },
  'service.cancelled': { 'zh-CN': '服务撤销', en: 'Service cancelled' },
  'service.attachment.uploaded': { 'zh-CN': '上传服务附件', en: 'Service file attached' },
  'service.rated': { 'zh-CN': '企业评价', en: 'Service rated' },
  'rectification.opened': { 'zh-CN': '差评整改启动', en: 'Rectification opened' },
  'rectification.answered': { 'zh-CN': '中心整改答复', en: 'Rectification answered' },
  'rectification.accepted': { 'zh-CN': '县级确认整改', en: 'Rectification closed' },
  'rectification.reopened': { 'zh-CN': '县级退回整改', en: 'Rectification reopened' },
  'activity.created': { 'zh-CN': '登记活动', en: 'Activity recorded' },
  'activity.updated': { 'zh-CN': '修改活动', en: 'Activity updated' },
  'activity.attachment.uploaded': { 'zh-CN': '上传活动佐证', en: 'Activity evidence attached' },
  'message.read': { 'zh-CN': '消息已读', en: 'Messages read' },
  'upload.orphans.removed': { 'zh-CN': '清理无记录的上传文件', en: 'Uploaded files without a record removed' },
  'audit.purged': { 'zh-CN': '清理超期日志', en: 'Old entries purged (retention)' },
  'trade.import.started': { 'zh-CN': '开始导入报关单文件', en: 'Declaration file import started' },
  'trade.rates.imported': { 'zh-CN': '导入月度汇率', en: 'Monthly exchange rates imported' },
  'trade.intake': { 'zh-CN': '报送贸易数据', en: 'Trade declarations taken in' },
  'exchange.inbound': { 'zh-CN': '接收对接数据', en: 'Exchange data taken in' },
  'exchange.outbound': { 'zh-CN': '生成对接数据', en: 'Exchange file produced' },
} as const satisfies Record<string, TLabel>;

/** The kinds of object an entry names (AuditEvent.objectType). */
export const AUDIT_OBJECT_TYPE_LABELS = {
  user: { 'zh-CN': '用户', en: 'User' },
  park: { 'zh-CN': '开发区/园区', en: 'Development zone' },
  settings: { 'zh-CN': '系统设置', en: 'Settings' },
  region: { 'zh-CN': '行政区划', en: 'Region' },
  demo: { 'zh-CN': '演示数据', en: 'Demo data' },
  session: { 'zh-CN': '会话', en: 'Session' },
  policy_version: { 'zh-CN': '政策参数版本', en: 'Policy version' },
  system: { 'zh-CN': '系统', en: 'System' },
  centre: { 'zh-CN': '外综服中心', en: 'Service centre' },
  centre_change: { 'zh-CN': '调整/撤销申请', en: 'Adjustment/revocation' },
  decision_letter: { 'zh-CN': '决定书', en: 'Decision letter' },
  attachment: { 'zh-CN': '附件', en: 'Attachment' },
  engagement: { 'zh-CN': '承办企业备案', en: 'Operator engagement' },
  calendar_year: { 'zh-CN': '节假日安排', en: 'Holiday arrangement' },
  service_record: { 'zh-CN': '服务记录', en: 'Service record' },
  enterprise: { 'zh-CN': '企业', en: 'Enterprise' },
  enterprise_import: { 'zh-CN': '企业导入', en: 'Enterprise import' },
  operator: { 'zh-CN': '承办企业', en: 'Operator' },
  operator_change: { 'zh-CN': '承办企业变更', en: 'Change of operator' },
  centre_staff: { 'zh-CN': '派驻人员', en: 'Centre staff' },
  rectification: { 'zh-CN': '差评整改', en: 'Rectification' },
  activity: { 'zh-CN': '活动', en: 'Activity' },
  message: { 'zh-CN': '站内消息', en: 'Message' },
  backup: { 'zh-CN': '数据备份', en: 'Backup' },
  audit: { 'zh-CN': '操作日志', en: 'Operation log' },
  figures: { 'zh-CN': '统计数据', en: 'Figures' },
  exchange_run: { 'zh-CN': '数据对接', en: 'Data exchange' },
} as const satisfies Record<string, TLabel>;

type Prefixed<P extends string, K extends PropertyKey> = { [Key in K as `${P}${Key & string}`]: string };

/** A label table as flat i18n keys (`audit.action.centre.approved`) in one language, for the web's message files. */
export function asMessages<P extends string, K extends string>(
  prefix: P,
  labels: Record<K, TLabel>,
  locale: TLocale,
): Prefixed<P, K> {
  return Object.fromEntries(
    (Object.entries(labels) as [K, TLabel][]).map(([key, label]) => [`${prefix}${key}`, label[locale]]),
  ) as Prefixed<P, K>;
}

/** The words for an action in the caller's language, or the action itself when it has none (an older entry). */
export function auditActionLabel(action: string, locale: TLocale): string {
  return (AUDIT_ACTION_LABELS as Record<string, TLabel>)[action]?.[locale] ?? action;
}

export function auditObjectTypeLabel(objectType: string, locale: TLocale): string {
  return (AUDIT_OBJECT_TYPE_LABELS as Record<string, TLabel>)[objectType]?.[locale] ?? objectType;
}
