import { sql } from 'drizzle-orm';
import { bigint, check, index, integer, pgTable, serial, text, timestamp } from 'drizzle-orm/pg-core';
import { activities } from './activity';
import { assessmentInspections, assessmentSubmissions } from './assessment';
import { centreEvents, centres } from './centre';
import { engagements } from './engagement';
import { users } from './identity';
import { sanctions } from './sanction';
import { serviceRecords } from './service';

/**
 * Every uploaded file of the platform, in one table (docs/decisions/0013-one-attachment-table.md). The bytes live in
 * the file store (DATA_DIR/uploads, or S3) under a key the platform makes (never one a user supplied); the row holds
 * the detected type, size and SHA-256, the centre the file concerns and at most one record of that centre it belongs
 * to: an engagement, a service record or an activity. A row with none of the three is a file of the centre's own
 * application (a workflow step's, once `event_id` is set). Each owner is a foreign key, so the database refuses a
 * file of a record that does not exist, and the check below refuses a file with two owners.
 */
export const attachments = pgTable(
  'attachments',
  {
    id: serial('id').primaryKey(),
    /**
     * The centre whose file it is, whatever record of it owns the file: scope checks start here. Null only for the
     * evidence of a sanction (an operator's, not a centre's: issue 15), which the check below ties to sanction_id.
     */
    centreId: integer('centre_id').references(() => centres.id),
    /** A centre application file: the workflow step it was submitted with, once a step used it. */
    eventId: integer('event_id').references(() => centreEvents.id),
    /** Art. 10: a file of an operator engagement (one of the seven materials, evidence, the agreement). */
    engagementId: integer('engagement_id').references(() => engagements.id),
    /** A service record's file (materials the enterprise sent, the result the centre delivered). */
    serviceRecordId: integer('service_record_id').references(() => serviceRecords.id),
    /** Evidence of an activity (photos, sign-in sheets, notices). */
    activityId: integer('activity_id').references(() => activities.id),
    /** Evidence an operator submits with its annual assessment material (Art. 12(二)(2)). */
    assessmentSubmissionId: integer('assessment_submission_id').references(() => assessmentSubmissions.id),
    /** Photos and notes of an evaluator's on-site inspection (Art. 12(二)(3)). */
    assessmentInspectionId: integer('assessment_inspection_id').references(() => assessmentInspections.id),
    /** Evidence of a 处理决定 on an operator (Art. 13, 14; issue 15): no centre, read as the sanction is. */
    sanctionId: integer('sanction_id').references(() => sanctions.id),
    /** What the file is to its owner: the engagement material's kind; null for the other owners. */
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
  (t) => [
    index('attachments_centre_idx').on(t.centreId),
    index('attachments_engagement_idx').on(t.engagementId),
    index('attachments_service_record_idx').on(t.serviceRecordId),
    index('attachments_activity_idx').on(t.activityId),
    index('attachments_assessment_submission_idx').on(t.assessmentSubmissionId),
    index('attachments_assessment_inspection_idx').on(t.assessmentInspectionId),
    index('attachments_sanction_idx').on(t.sanctionId),
    // One owner at most, and only a centre application's own file goes with one of its workflow steps. A file
    // belongs to a centre or is a sanction's evidence, never both nor neither.
    check(
      'attachments_one_owner',
      sql`num_nonnulls(engagement_id, service_record_id, activity_id, assessment_submission_id, assessment_inspection_id, sanction_id) <= 1 and (event_id is null or num_nonnulls(engagement_id, service_record_id, activity_id, assessment_submission_id, assessment_inspection_id, sanction_id) = 0) and num_nonnulls(centre_id, sanction_id) = 1`,
    ),
  ],
);
