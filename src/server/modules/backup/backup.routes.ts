import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ZBackupOverview, ZBackupRun } from '../../../contracts/backup';
import { ZErrorBody } from '../../../contracts/common';
import { listBackups, runBackup } from './run-backup';

const errors = { 401: ZErrorBody, 403: ZErrorBody };

export const backupRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/admin/backups',
    {
      config: { action: 'backup.read' },
      schema: {
        tags: ['backups'],
        summary: '备份记录（系统管理员）/ Backup runs and whether the newest was restore-tested (administrator)',
        response: { 200: ZBackupOverview, ...errors },
      },
    },
    async (request) => listBackups(request.ctx),
  );
  app.post(
    '/api/admin/backups',
    {
      config: { action: 'backup.run' },
      schema: {
        tags: ['backups'],
        summary:
          '立即备份（系统管理员）/ Back up now: database, uploaded files and audit anchors, then a restore test in a scratch database. A failed backup is answered 201 too, with status "failed" and its reason.',
        response: { 201: ZBackupRun, 409: ZErrorBody, ...errors },
      },
    },
    async (request, reply) => reply.code(201).send(await runBackup(request.ctx, { trigger: 'admin' })),
  );
};
