import { z } from 'zod';

/** A file of a centre's application (one of its workflow steps) or of its operator engagement. */
export const ZAttachment = z.object({
  id: z.number().int(),
  fileName: z.string(),
  /** Detected from the file's bytes, never taken from the upload's claim. */
  contentType: z.string(),
  size: z.number().int(),
  sha256: z.string(),
  uploadedBy: z.string().nullable(),
  uploadedAt: z.string(),
  /** The workflow step it was submitted with, once a step used it. */
  eventId: z.number().int().nullable(),
});
export type TAttachment = z.infer<typeof ZAttachment>;

/**
 * A file as a service record's and an activity's pages list it (their routes have always answered this shape; the
 * centre's and the engagement's answer ZAttachment).
 */
export const ZStoredFile = z.object({
  id: z.number().int(),
  fileName: z.string(),
  contentType: z.string(),
  size: z.number().int(),
  uploadedByName: z.string().nullable(),
  uploadedAt: z.string(),
});
export type TStoredFile = z.infer<typeof ZStoredFile>;

export const ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024;
