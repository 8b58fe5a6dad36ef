import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ZErrorBody, ZIdParam } from '../../../contracts/common';
import {
  STAFF_IMPORT_HEADERS,
  ZImportResult,
  ZStaff,
  ZStaffInput,
  ZStaffParams,
  ZStaffRoster,
} from '../../../contracts/staff';
import { requireAction } from '../../lib/access/require-access';
import { sendXlsx } from '../../lib/xlsx';
import { importStaff, XLSX_TYPE } from './import-staff';
import { addStaff, getRoster, removeStaff } from './staff-roster';

const errors = { 400: ZErrorBody, 401: ZErrorBody, 403: ZErrorBody, 404: ZErrorBody, 409: ZErrorBody, 415: ZErrorBody };

export const staffRoutes: FastifyPluginAsyncZod = async (app) => {
  // Roster files arrive as the raw request body (.xlsx or .csv), at most 2 MB.
  app.addContentTypeParser(
    [XLSX_TYPE, 'text/csv'],
    { parseAs: 'buffer', bodyLimit: 2 * 1024 * 1024 },
    (_req, body, done) => done(null, body),
  );

  app.get(
    '/api/centres/:id/staff',
    {
      config: { action: 'centre.read' },
      schema: {
        tags: ['staff'],
        summary: '派驻人员及第七条配备判定 / Staff roster with the Art. 7 verdicts',
        params: ZIdParam,
        response: { 200: ZStaffRoster, ...errors },
      },
    },
    async (request) => getRoster(request.ctx, request.params.id),
  );

  app.post(
    '/api/centres/:id/staff',
    {
      config: { action: 'staff.manage' },
      schema: {
        tags: ['staff'],
        summary: '添加派驻人员 / Add a staff member',
        params: ZIdParam,
        body: ZStaffInput,
        response: { 201: ZStaff, ...errors },
      },
    },
    async (request, reply) => reply.status(201).send(await addStaff(request.ctx, request.params.id, request.body)),
  );

  app.delete(
    '/api/centres/:id/staff/:staffId',
    {
      config: { action: 'staff.manage' },
      schema: {
        tags: ['staff'],
        summary: '移除派驻人员 / Remove a staff member',
        params: ZStaffParams,
        response: { 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      await removeStaff(request.ctx, request.params.id, request.params.staffId);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/api/centres/:id/staff/import',
    {
      config: { action: 'staff.manage' },
      schema: {
        tags: ['staff'],
        summary:
          '导入派驻人员（请求体为 .xlsx 或 .csv 文件，全部成功或全部不导入）/ Import a roster file sent as the body; all rows or none',
        consumes: [XLSX_TYPE, 'text/csv'],
        params: ZIdParam,
        body: z
          .any()
          .describe('.xlsx 或 .csv 文件内容，表头：姓名、从事国际贸易年限、报关员资格、外语能力、社保缴纳证明'),
        response: { 200: ZImportResult, ...errors },
      },
    },
    async (request) =>
      importStaff(request.ctx, request.params.id, request.body as Buffer, request.headers['content-type'] ?? ''),
  );

  app.get(
    '/api/staff-import-template',
    {
      config: { action: 'centre.read' },
      schema: {
        tags: ['staff'],
        summary: '派驻人员导入模板 / Roster import template (.xlsx)',
        response: { 200: z.any().describe('.xlsx'), 401: ZErrorBody, 403: ZErrorBody },
      },
    },
    async (request, reply) => {
      requireAction(request.user, 'centre.read');
      return sendXlsx(
        reply,
        '派驻人员导入模板',
        '派驻人员',
        STAFF_IMPORT_HEADERS.map((header, i) => ({
          header,
          width: i === 4 ? 30 : 16,
          value: (r: string[]) => r[i] ?? '',
        })),
        // Header only: a sample row would be imported by whoever forgot to delete it.
        [],
      );
    },
  );
};
