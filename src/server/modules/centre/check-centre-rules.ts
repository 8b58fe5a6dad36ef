import { sql } from 'drizzle-orm';
import { RECOGNISED_STATUSES, type TVerdict } from '../../../contracts/centre';
import type { Db } from '../../db/client';
import { AppError } from '../../lib/errors';
import type { PolicyInForce } from '../../policy/policy';
import { placementVerdict } from '../../policy/rules/placement';
import { venueAreaVerdict, venueFreeVerdict } from '../../policy/rules/venue';
import { HOLDS_PARK_PLACE } from './centre.machine';
import { type CentreRow, countPlaceHolders } from './centre.repository';

/**
 * The rules a set-up application must pass when it is submitted and again when it is approved: Art. 6 (venue free
 * of charge, minimum area) and Art. 9(二) (one centre per park). Runs inside the transaction, with the park row
 * locked, so that two applications for one park cannot both pass at once.
 *
 * At submission every centre holding the park's place counts (applications on their way and recognised centres);
 * at approval only the recognised ones do: of two applications waiting for the province, neither is yet a centre
 * of the park, and the first approved takes the place.
 */
export async function enforceCentreRules(
  tx: Db,
  centre: CentreRow,
  policy: PolicyInForce,
  step: 'submit' | 'approve' = 'submit',
): Promise<TVerdict[]> {
  const free = venueFreeVerdict(centre.venueFree, policy);
  if (!free.ok) throw new AppError('VENUE_NOT_FREE', { verdict: free, field: 'venueFree' });
  const area = venueAreaVerdict(
    { parkLevel: centre.parkLevel, parkKind: centre.parkKind, area: Number(centre.venueArea) },
    policy,
  );
  if (!area.ok) throw new AppError('VENUE_TOO_SMALL', { verdict: area, field: 'venueArea' });
  await tx.execute(sql`select id from parks where id = ${centre.parkId} for update`);
  const placement = placementVerdict(
    {
      parkLevel: centre.parkLevel,
      parkKind: centre.parkKind,
      otherCentres: await countPlaceHolders(
        tx,
        centre.parkId,
        centre.id,
        false,
        step === 'approve' ? RECOGNISED_STATUSES : HOLDS_PARK_PLACE,
      ),
      tradingEnterpriseCount: centre.tradingEnterpriseCount,
      supportStatement: centre.supportStatement,
    },
    policy,
  );
  if (!placement.ok) throw new AppError('CENTRE_ALREADY_IN_PARK', { verdict: placement, field: 'parkId' });
  return [free, area, placement];
}
