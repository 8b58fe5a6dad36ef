import { sql } from 'drizzle-orm';
import { bigint, index, integer, pgTable, serial, text, timestamp } from 'drizzle-orm/pg-core';
import { centreEvents, centres } from './centre';
import { engagements } from './engagement';
import { users } from './identity';

/**
 * Uploaded files. The bytes live in the file store (DATA_DIR/uploads, or S3) under a key the platform makes (never
 * one a user supplied); the row holds the detected type, size and SHA-256, and the record it belongs to (for scope
 * checks).
 */
export const attachments = pgTable(
  'attachments',
  {
    id: serial('id').primaryKey(),
    centreId: integer('centre_id')
      .notNull()
      .references(() => centres.id),
    eventId: integer('event_id').references(() => centreEvents.id),
    /** Art. 10: a file of an operator engagement (one of the seven materials, evidence, the agreement). */
    engagementId: integer('engagement_id').references(() => engagements.id),
    kind: text('kind'),
    fileName: text('file_name').notNull(),
    contentType: text('content_type').notNull(),
    size: bigint('size', { mode: 'number' }).notNull(),
    sha256: text('sha256').notNull(),
    storageKey: text('storage_key').notNull().unique(),
    uploadedBy: integer('uploaded_by').references(() => users.id),
    uploadedByName: text('uploaded_by_name'),
    uploadedAt: timestamp('uploaded_at', { withTimezone: true, mode: 'date' }).notNull().default(sql`now()`),
  },
  (t) => [index('attachments_centre_idx').on(t.centreId), index('attachments_engagement_idx').on(t.engagementId)],
);
