import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ZErrorBody, ZIdParam } from '../../../contracts/common';
import { ENTERPRISE_IMPORT_HEADERS, ZImportJob } from '../../../contracts/enterprise';
import { uploadedFileName } from '../../lib/stored-file';
import { acceptRawFiles } from '../attachment/attachment.routes';
import { XLSX_TYPE } from './check-enterprise-file';
import { enterpriseImportTemplate, getImportJob, IMPORT_BODY_LIMIT, startEnterpriseImport } from './import-enterprises';

const errors = { 400: ZErrorBody, 401: ZErrorBody, 403: ZErrorBody, 404: ZErrorBody, 413: ZErrorBody, 415: ZErrorBody };

export const enterpriseImportRoutes: FastifyPluginAsyncZod = async (app) => {
  acceptRawFiles(app);
  // Imports still running when the server stops are waited for, so that none is cut off from its database.
  const running = new Set<Promise<void>>();
  app.addHook('onClose', async () => {
    await Promise.allSettled(running);
  });

  app.post(
    '/api/enterprises/import',
    {
      config: { action: 'enterprise.import' },
      bodyLimit: IMPORT_BODY_LIMIT,
      schema: {
        tags: ['enterprises'],
        summary:
          '导入外贸企业（请求体为 .xlsx 或 .csv 文件，文件名放在 X-File-Name；后台执行，轮询任务查看进度；全部成功或全部不导入）/ ' +
          'Import enterprises from a file sent as the body (name in X-File-Name); runs in the background, poll the job; all rows or none',
        consumes: [XLSX_TYPE, 'text/csv'],
        body: z.any().describe(`.xlsx 或 .csv 文件，≤ 20 MB，表头：${ENTERPRISE_IMPORT_HEADERS.join('、')}`),
        response: { 202: ZImportJob, ...errors },
      },
    },
    async (request, reply) => {
      const { job, done } = await startEnterpriseImport({
        ctx: request.ctx,
        body: Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0),
        contentType: request.headers['content-type'] ?? '',
        fileName: uploadedFileName(request.headers),
      });
      const tracked = done.catch((err: unknown) => app.log.error({ err, jobId: job.id }, 'enterprise import failed'));
      running.add(tracked);
      void tracked.finally(() => running.delete(tracked));
      return reply.status(202).send(job);
    },
  );

  app.get(
    '/api/import-jobs/:id',
    {
      config: { action: 'enterprise.import' },
      schema: {
        tags: ['enterprises'],
        summary:
          '导入任务的进度与逐行错误（仅发起人可见）/ An import job: progress and row-by-row errors (its starter only)',
        params: ZIdParam,
        response: { 200: ZImportJob, ...errors },
      },
    },
    async (request) => getImportJob(request.ctx, request.params.id),
  );

  app.get(
    '/api/enterprise-import-template',
    {
      config: { action: 'enterprise.import' },
      schema: {
        tags: ['enterprises'],
        summary: '外贸企业导入模板 / Enterprise import template (.xlsx)',
        response: { 200: z.any().describe('.xlsx'), 401: ZErrorBody, 403: ZErrorBody },
      },
    },
    async (_request, reply) =>
      reply
        .header('content-type', XLSX_TYPE)
        .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent('外贸企业导入模板.xlsx')}`)
        .send(await enterpriseImportTemplate()),
  );
};
