import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '../src/server/db/client';
import { makeCentre } from '../src/server/demo/centre-factory';
import { makeEngagement } from '../src/server/demo/engagement-factory';
import { makeOperator } from '../src/server/demo/operator-factory';
import { runHousekeeping } from '../src/server/housekeeping';
import { as, buildTestApp, loginAs, type TestApp } from './helpers/app';

const ENT = 'enterprise.91420500MA4F000001';
const OP = 'operator.1';
const DAY = 86_400_000;

describe('reminders (Art. 8): unrated services are chased, rectifications due soon are flagged', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp();
    const centre = await makeCentre(t.deps, { park: t.world.parks.yichangHighTech, target: 'approved' });
    await makeEngagement(t.deps, { centre, operator: await makeOperator(t.deps, { serial: 62 }), target: 'filed' });
  });
  afterAll(async () => t?.close());

  /** Sign in afresh for every call: the test moves the clock by days, past any session's life. */
  const call = async (u: string, method: 'GET' | 'POST', url: string, payload?: Record<string, unknown>) =>
    as(t.app, await loginAs(t.app, u), { method, url, ...(payload ? { payload } : {}) });
  const messagesOf = async (username: string, kind: string) =>
    rowsOf<{ params: { number: string } }>(
      await t.deps.db.execute(
        sql`select m.params from messages m join users u on u.id = m.user_id where u.username = ${username} and m.kind = ${kind} order by m.id`,
      ),
    );

  async function completed(): Promise<{ id: number; number: string }> {
    let r = (
      await call(ENT, 'POST', '/api/service-records/requests', {
        centreId: 1,
        category: 'consultation',
        subItem: 'other',
        requestText: '咨询出口管制政策。',
      })
    ).json();
    for (const [step, body] of [
      ['accept', {}],
      ['complete', { resultText: '已答复。' }],
    ] as const) {
      r = (await call(OP, 'POST', `/api/service-records/${r.id}/${step}`, { version: r.version, ...body })).json();
    }
    return r;
  }

  it('reminds the enterprise after 3 and 7 days, then stops; a rated record is never chased', async () => {
    const r = await completed();
    const rated = await completed();
    await call(ENT, 'POST', `/api/service-records/${rated.id}/rating`, { level: 'satisfied' });
    const reminders = async () => (await messagesOf(ENT, 'rating.reminder')).map((m) => m.params.number);

    await runHousekeeping(t.deps);
    expect(await reminders()).toEqual([]);
    t.clock.advance(3 * DAY + 60_000);
    expect((await runHousekeeping(t.deps)).ratingReminders).toBe(1);
    expect(await reminders()).toEqual([r.number]);
    expect((await runHousekeeping(t.deps)).ratingReminders).toBe(0);
    t.clock.advance(4 * DAY);
    await runHousekeeping(t.deps);
    expect(await reminders()).toEqual([r.number, r.number]);
    t.clock.advance(30 * DAY);
    await runHousekeeping(t.deps);
    expect(await reminders()).toEqual([r.number, r.number]);
  });

  it('warns the centre once when a rectification has 3 working days or fewer left', async () => {
    const r = await completed();
    const d = (await call(ENT, 'POST', `/api/service-records/${r.id}/rating`, { level: 'very_dissatisfied' })).json();
    const dueOn = d.rectification.dueOn as string;
    await runHousekeeping(t.deps);
    expect(await messagesOf(OP, 'rectification.dueSoon')).toEqual([]);
    // The morning of the due day: well within 3 working days.
    t.clock.now = new Date(`${dueOn}T09:00:00+08:00`);
    expect((await runHousekeeping(t.deps)).dueSoon).toBe(1);
    expect((await runHousekeeping(t.deps)).dueSoon).toBe(0);
    expect((await messagesOf(OP, 'rectification.dueSoon')).map((m) => m.params.number)).toEqual([r.number]);
  });
});
