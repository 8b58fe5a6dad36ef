import { z } from 'zod';

/** A file attached to a record (a centre's application, one of its workflow steps). */
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

export const ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024;
