/**
 * Every PostgreSQL advisory lock key the platform takes, in one table so that no two kinds of work share a key by
 * accident (decision letters once shared the backup's key: issuing a letter waited for a running dump, and a backup
 * started during an issue answered 409). Keys are bigint; ours start at 4207 (湖北 42, 07 for the platform).
 */
export const ADVISORY_LOCK = {
  /** Migrations: one instance migrates at a time (db/client.ts). */
  migrate: 4207001,
  /** Backups: one dump at a time across instances (modules/backup). */
  backup: 4207002,
  /** Decision letters: the year's serial numbers are handed out one at a time (Art. 9). */
  decisionLetter: 4207003,
  /** Sanction letters (鄂商务外综处〔year〕N号): the year's serials one at a time (Art. 13, 14; issue 15). */
  sanctionLetter: 4207004,
  /** Engagement steps: filing deadlines and centre state move together (Art. 10). */
  engagementStep: 4207010,
  /** Policy versions: the next version number is handed out one at a time (Art. 16). */
  policyPublish: 4207020,
  /** Funding entitlements: one computation of a year at a time, so two never insert the same row (Art. 11). */
  fundingCompute: 4207021,
} as const;
