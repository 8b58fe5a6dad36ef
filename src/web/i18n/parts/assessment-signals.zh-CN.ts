/** 考核线索 (issue 14 fraud signals): the component the evaluator's and the province's evaluation pages show. */
export const assessmentSignalsZhCN = {
  'signals.title': '考核线索',
  'signals.period': '{year}年度 · 提交截止 {due}',
  'signals.disclaimer': '这些线索仅供评估参考，不作为扣分依据',
  'signals.disclaimerDetail':
    '线索由平台比对服务记录、评价、企业和活动数据得出，可能另有合理原因；请结合佐证材料和实地考察核实（第十三条（三）、第十四条）。',
  'signals.none': '未发现需要关注的线索',
  'signals.severity.warning': '重点关注',
  'signals.severity.notice': '提示',
  'signals.evidenceCount': '共 {total} 条，显示前 {shown} 条',
  'signals.evidenceAll': '共 {total} 条',
  'signals.openList': '查看相关记录',
  'signals.howJudged': '如何判断',
  'signals.howJudgedIntro': '以下数值是发现线索的经验阈值，不是政策规定的考核标准，也不参与计分。',
  'signals.limits': '未能核对的情况',
  'signals.loadFailed': '考核线索加载失败',
} as const;
