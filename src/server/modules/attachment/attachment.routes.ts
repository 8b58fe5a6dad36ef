import type { FastifyInstance } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ATTACHMENT_MAX_BYTES, ZAttachment } from '../../../contracts/attachment';
import { ZErrorBody, ZIdParam } from '../../../contracts/common';
import { sendStoredFile, uploadedFileName } from '../../lib/stored-file';
import { downloadAttachment } from './download-attachment';
import { uploadAttachment } from './upload-attachment';

const errors = { 400: ZErrorBody, 401: ZErrorBody, 403: ZErrorBody, 404: ZErrorBody, 413: ZErrorBody, 415: ZErrorBody };

/**
 * Uploads arrive as the raw body whatever the browser calls them (their type is decided from their bytes): every
 * route plugin that takes files registers this parser in its own scope.
 */
export function acceptRawFiles(app: FastifyInstance): void {
  app.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: ATTACHMENT_MAX_BYTES }, (_req, body, done) =>
    done(null, body),
  );
}

export const attachmentRoutes: FastifyPluginAsyncZod = async (app) => {
  acceptRawFiles(app);

  app.post(
    '/api/centres/:id/attachments',
    {
      config: { action: 'centre.attach' },
      bodyLimit: ATTACHMENT_MAX_BYTES,
      schema: {
        tags: ['centres'],
        summary: '上传附件（请求体为文件，文件名放在 X-File-Name）/ Attach a file (raw body, name in X-File-Name)',
        params: ZIdParam,
        body: z.any().describe('PDF、JPEG、PNG、.docx 或 .xlsx，≤ 10 MB'),
        response: { 201: ZAttachment, ...errors },
      },
    },
    async (request, reply) => {
      const attachment = await uploadAttachment(
        request.ctx,
        request.params.id,
        request.body as Buffer,
        uploadedFileName(request.headers),
      );
      return reply.status(201).send(attachment);
    },
  );

  app.get(
    '/api/attachments/:id',
    {
      config: { action: 'centre.read' },
      schema: {
        tags: ['centres'],
        summary: '下载附件 / Download an attachment',
        params: ZIdParam,
        response: { 200: z.any().describe('the file'), ...errors },
      },
    },
    async (request, reply) => {
      const file = await downloadAttachment(request.ctx, request.params.id);
      return sendStoredFile(reply, file);
    },
  );
};
