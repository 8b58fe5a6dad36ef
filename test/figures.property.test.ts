import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TServiceCategory } from '../src/contracts/service-category';
import { RATING_LEVELS, type TServiceRecordDetail } from '../src/contracts/service-record';
import { AppError } from '../src/server/lib/errors';
import { checkFigures } from '../src/server/modules/figures';
import { act, buildFiguresWorld, type FiguresWorld } from './helpers/figures-world';

const HOUR = 3_600_000;
const CATEGORIES: TServiceCategory[] = ['tax_refund', 'customs_declaration', 'consultation'];
/** Submission instants to draw from: Beijing month edges and ordinary days of the four months before today. */
const INSTANTS = [
  '2026-08-01T00:10:00+08:00',
  '2026-08-31T23:50:00+08:00',
  '2026-09-01T00:00:00+08:00',
  '2026-09-18T10:00:00+08:00',
  '2026-10-31T23:59:59+08:00',
  '2026-11-01T08:30:00+08:00',
  '2026-11-23T15:00:00+08:00',
].map((s) => new Date(s).getTime());

const action = fc.oneof(
  fc.record({
    kind: fc.constant('create' as const),
    centre: fc.integer({ min: 0, max: 2 }),
    ent: fc.integer({ min: 0, max: 1 }),
    category: fc.constantFrom(...CATEGORIES),
    channel: fc.constantFrom('request' as const, 'window' as const, 'onsite' as const, 'online' as const),
    at: fc.constantFrom(...INSTANTS),
  }),
  fc.record({
    kind: fc.constant('step' as const),
    pick: fc.nat(),
    step: fc.constantFrom('accept' as const, 'progress' as const, 'complete' as const, 'cancel' as const),
  }),
  fc.record({ kind: fc.constant('rate' as const), pick: fc.nat(), level: fc.constantFrom(...RATING_LEVELS) }),
);

/**
 * Issue 12: whatever the sequence of actions — records created for random centres, enterprises, categories and
 * channels at month edges; accepted, progressed, completed, cancelled, rated at random levels, refused steps
 * included — the figures layer equals the recomputation from the raw rows after each action.
 */
describe('the figures layer under random sequences of actions (issue 12)', () => {
  let w: FiguresWorld;
  beforeAll(async () => {
    w = await buildFiguresWorld();
  }, 120_000);
  afterAll(async () => w?.t.close());

  it('equals the recomputation after every action', async () => {
    let actions = 0;
    let refused = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(action, { minLength: 1, maxLength: 12 }), async (plan) => {
        // Every run starts its own records; the figures carry the earlier runs' records, which must stay right too.
        const records: { r: TServiceRecordDetail; at: number }[] = [];
        for (const a of plan) {
          try {
            if (a.kind === 'create') {
              const at = new Date(a.at);
              const r =
                a.channel === 'request'
                  ? await act.request(w, at, a.centre, a.ent, a.category)
                  : await act.record(w, at, a.centre, a.ent, a.category, a.channel);
              records.push({ r, at: a.at });
            } else if (records.length > 0) {
              const entry = records[a.pick % records.length] as { r: TServiceRecordDetail; at: number };
              entry.at += 2 * HOUR;
              entry.r =
                a.kind === 'step'
                  ? await act.step(w, new Date(entry.at), entry.r, a.step)
                  : await act.rate(w, new Date(entry.at), entry.r, a.level);
            }
          } catch (err) {
            // A step the record's state refuses (INVALID_TRANSITION, RATING_REFUSED): its transaction rolled back.
            if (!(err instanceof AppError)) throw err;
            refused++;
          }
          actions++;
          const { differences } = await checkFigures(w.t.deps.db);
          expect(differences, JSON.stringify(a)).toEqual([]);
        }
      }),
      { numRuns: 15, seed: 20261207 },
    );
    expect(actions).toBeGreaterThan(15);
    expect(refused).toBeLessThan(actions);
  }, 120_000);
});
