import type { Deps } from '../context';
import { systemContext } from '../context';
import type { SessionUser } from '../lib/access/session-user';
import { sweepCentreConditions } from '../modules/centre';
import { publishCityRule } from '../modules/city-rule/publish-city-rule';
import { beijingDay } from '../policy/policy';
import { depsAt } from './factories';

/**
 * Issue 15 for the demo: 宜昌's implementing rule (Art. 15), published three weeks ago and in force since — a larger
 * venue for parks other than national 经开区/高新区 and a shorter grace period for failed conditions — and the
 * conditions watch (Art. 9(四)) taking its first look at each recognised centre on the day its operator was filed.
 * 荆州's roster is one person short (loadDemoStaff), so its staffing has failed since then and it is listed.
 */
export async function loadDemoConditions(
  deps: Deps,
  opts: {
    /** Each recognised centre and when its operator was filed (days ago: the watch's first look). */
    centres: { id: number; filedAt: Date }[];
    yichangCity: SessionUser;
    ruleAt: Date;
  },
): Promise<void> {
  for (const c of [...opts.centres].sort((a, b) => a.filedAt.getTime() - b.filedAt.getTime())) {
    const at = c.filedAt;
    const d = depsAt(deps, at);
    await d.db.transaction((tx) =>
      sweepCentreConditions(tx, systemContext(d), { day: beijingDay(at), at, centreIds: [c.id] }),
    );
  }
  await publishCityRule(
    { deps: depsAt(deps, opts.ruleAt), user: opts.yichangCity, ip: null, requestId: 'demo', locale: 'zh-CN' },
    {
      title: '宜昌市外贸综合服务中心认定管理实施细则',
      documentNumber: '宜商务发〔2026〕18号',
      effectiveFrom: beijingDay(opts.ruleAt),
      parameters: { venueMinAreaOther: 60, conditionFailureDays: 20 },
    },
  );
}
