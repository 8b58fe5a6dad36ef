/** zh-CN text of the message pages (issue 6); en counterpart in ./message.en.ts must have the same keys. */
export const messageZhCN = {
  'message.title': '站内消息',
  'message.unread': '未读',
  'message.unreadMark': '未读',
  'message.none': '暂无消息',
  'message.noneUnread': '没有未读消息',
  'message.readAll': '全部已读',
  'message.readAllDone': '已全部标为已读',
  // No brackets around the count: axe (WCAG 2.5.3) does not count words in brackets as naming the visible number.
  'message.bell': '站内消息，{count} 条未读',
  // One template per kind (src/contracts/message.ts), filled with the message's params.
  'message.kind.service.submitted': '{enterpriseName} 申请了服务 {number}，请及时受理',
  'message.kind.service.progress': '服务 {number} 有新进度：{note}',
  'message.kind.service.completed': '服务 {number} 已办结，请对本次服务进行评价',
  'message.kind.rating.reminder': '服务 {number} 已办结 {days} 天，尚未评价，请对本次服务进行评价',
  'message.kind.rating.received': '服务 {number} 收到企业评价：{level}',
  'message.kind.rectification.opened': '服务 {number} 收到差评，请于 {dueOn} 前完成整改答复',
  // The county is told the same rectification as a fact to watch: the answer is the centre's to give.
  'message.rectification.openedOversight': '服务 {number} 收到差评，已启动整改，中心应于 {dueOn} 前答复',
  'message.kind.rectification.dueSoon': '服务 {number} 的差评整改将于 {dueOn} 到期，请尽快答复',
  'message.kind.rectification.answered': '服务 {number} 的差评整改已答复，请跟踪确认',
  'message.kind.rectification.reopened': '服务 {number} 的整改答复被退回：{comment}',
  'message.kind.enterprise.registered': '企业“{name}”（{creditCode}）提交了注册申请，请审核',
  'message.kind.enterprise.reviewed': '企业“{name}”的注册申请已审核',
  'message.kind.assessment.cycleOpened':
    '{year}年度外综服中心考核已发布（{title}）：材料提交截止{submissionDue}，市州初审截止{prereviewDue}，第三方评估截止{evaluationDue}',
  'message.kind.assessment.returned': '{year}年度考核材料被市州退回修改：{reason}',
  'message.kind.assessment.reopened': '省商务厅已为本中心重新开放{year}年度考核材料提交，截止{until}',
  'message.kind.auth.account.attacked':
    '账户“{username}”在 {minutes} 分钟内从 {addresses} 个地址登录失败 {failures} 次，可能正被尝试破解密码；账户本人仍可登录，请核实并视情况联系本人修改密码',
  'message.kind.assessment.assigned':
    '{year}年度考核：省商务厅向贵机构分派了 {count} 家中心的考核材料，请于 {dueOn} 前完成评估',
  'message.kind.assessment.sentBack': '{year}年度考核：{centreName}的评分被省商务厅退回重评：{reason}',
  'message.kind.assessment.published': '{year}年度考核结果已公布：{centreName}为“{grade}”',
  'message.type.assessment.assigned': '考核评估分派',
  'message.type.assessment.sentBack': '考核退回重评',
  'message.type.assessment.published': '考核结果公布',
  'message.kind.assessment.cancellationDue':
    '“{centreName}”{years}年度考核连续两年为较差，承办企业“{operatorName}”的承办资质待确认取消（第十二条（三））',
  'message.kind.assessment.qualificationCancelled':
    '承办企业“{operatorName}”因{years}年度考核连续两年较差被取消承办资质，“{centreName}”的承办已结束，请按政府采购程序重新确定承接机构',
  'message.type.service.submitted': '服务申请',
  'message.type.service.progress': '办理进度',
  'message.type.service.completed': '服务办结',
  'message.type.rating.reminder': '评价提醒',
  'message.type.rating.received': '收到评价',
  'message.type.rectification.opened': '差评整改',
  'message.type.rectification.dueSoon': '整改到期提醒',
  'message.type.rectification.answered': '整改已答复',
  'message.type.rectification.reopened': '整改退回',
  'message.type.enterprise.registered': '企业注册',
  'message.type.enterprise.reviewed': '注册审核',
  'message.type.assessment.cycleOpened': '年度考核通知',
  'message.type.assessment.returned': '考核材料退回',
  'message.type.assessment.reopened': '考核提交重新开放',
  'message.type.auth.account.attacked': '登录安全告警',
  'message.type.assessment.cancellationDue': '资质取消待确认',
  'message.type.assessment.qualificationCancelled': '承办资质取消',
  'message.kind.centre.conditionFailing':
    '“{centreName}”自{since}起不再满足{conditionZh}条件：{detailZh}。持续不满足的将列入调整/撤销（第九条（四））',
  'message.kind.centre.conditionResolved': '“{centreName}”已于{on}重新满足{conditionZh}条件',
  'message.type.centre.conditionFailing': '不再满足设立条件',
  'message.type.centre.conditionResolved': '设立条件已恢复',
  'message.kind.sanction.disqualified':
    '省商务厅已作出处理决定（{letterNumber}），取消承办企业“{operatorName}”的承办资格（第十三条）；其在“{centreName}”的承办已结束，请按政府采购程序重新确定承接机构',
  'message.kind.sanction.blacklisted':
    '省商务厅已作出处理决定（{letterNumber}），将承办企业“{operatorName}”列入黑名单并取消承办资格（第十四条）；其在“{centreName}”的承办已结束，已拨付资金列入追回清单',
  'message.type.sanction.disqualified': '取消承办资格',
  'message.type.sanction.blacklisted': '列入黑名单',
} as const;
