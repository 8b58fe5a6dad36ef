import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ATTACHMENT_MAX_BYTES, ZStoredFile } from '../../../contracts/attachment';
import { ZErrorBody, ZIdParam, ZIdText, ZPageQuery, zListOf } from '../../../contracts/common';
import {
  SANCTION_GROUND_NAMES,
  SANCTION_KIND_NAMES,
  ZBlacklistEntry,
  ZDecideSanctionInput,
  ZSanction,
  ZSanctionListItem,
  ZSanctionPreview,
  ZSanctionPreviewQuery,
  ZSanctionQuery,
} from '../../../contracts/sanction';
import { answerList } from '../../lib/list-route';
import { sendStoredFile, uploadedFileName } from '../../lib/stored-file';
import { acceptRawFiles } from '../attachment/attachment.routes';
import { LETTER_CSP } from '../centre/print-decision-letter';
import { decideSanction } from './decide-sanction';
import { getSanction, listSanctions } from './get-sanction';
import { listBlacklist } from './list-blacklist';
import { previewSanction } from './preview-sanction';
import { printSanctionLetter } from './print-sanction-letter';
import { downloadSanctionFile, uploadSanctionFile } from './sanction-files';

const errors = { 400: ZErrorBody, 401: ZErrorBody, 403: ZErrorBody, 404: ZErrorBody, 409: ZErrorBody };
const TAGS = ['sanctions'];

/** 处理决定 (Art. 13, 14; issue 15): decide, preview, read, print, evidence, and the public blacklist. */
export const sanctionRoutes: FastifyPluginAsyncZod = async (app) => {
  acceptRawFiles(app);

  app.post(
    '/api/sanctions',
    {
      config: { action: 'sanction.decide' },
      schema: {
        tags: TAGS,
        summary: '作出处理决定（取消资格/列入黑名单）/ Disqualify or blacklist an operator (Art. 13, 14)',
        body: ZDecideSanctionInput,
        response: { 201: ZSanction, ...errors },
      },
    },
    async (request, reply) => reply.status(201).send(await decideSanction(request.ctx, request.body)),
  );

  app.get(
    '/api/sanctions/preview',
    {
      config: { action: 'sanction.decide' },
      schema: {
        tags: TAGS,
        summary: '处理决定的效果预览（不作更改）/ What a decision would do, without changing anything',
        querystring: ZSanctionPreviewQuery,
        response: { 200: ZSanctionPreview, ...errors },
      },
    },
    async (request) => previewSanction(request.ctx, request.query),
  );

  app.get(
    '/api/sanctions',
    {
      config: { action: 'sanction.read' },
      schema: {
        tags: TAGS,
        summary: '处理决定（可导出Excel）/ Sanction decisions, or as .xlsx',
        querystring: ZSanctionQuery,
        response: { 200: zListOf(ZSanctionListItem), ...errors },
      },
    },
    async (request, reply) => {
      const q = request.query;
      return answerList(request.ctx, reply, q, (limit, offset, c) => listSanctions(c, q, limit, offset), {
        fileName: { 'zh-CN': '处理决定', en: 'sanctions' },
        sheetName: { 'zh-CN': '处理决定', en: 'Sanctions' },
        columns: (l, en) => [
          { header: en ? 'Letter' : '文号', value: (r) => r.letterNumber, width: 26 },
          { header: en ? 'Decided on' : '决定日期', value: (r) => r.decidedOn, width: 12 },
          { header: en ? 'Operator' : '承办企业', value: (r) => r.operatorName, width: 32 },
          { header: en ? 'Credit code' : '统一社会信用代码', value: (r) => r.creditCode, width: 22 },
          { header: en ? 'Decision' : '处理类型', value: (r) => SANCTION_KIND_NAMES[r.kind][l], width: 14 },
          {
            header: en ? 'Grounds' : '依据',
            value: (r) => r.grounds.map((g) => SANCTION_GROUND_NAMES[g].article).join('、'),
            width: 28,
          },
          { header: en ? 'Engagements ended' : '终止承办', value: (r) => r.engagementsEnded, width: 10 },
          // Whole fen to 元 for the sheet: a division for display, never stored.
          { header: en ? 'To recover (yuan)' : '应追回（元）', value: (r) => r.recoveryTotalFen / 100, width: 14 },
        ],
      });
    },
  );

  app.get(
    '/api/sanctions/:id',
    {
      config: { action: 'sanction.read' },
      schema: {
        tags: TAGS,
        summary: '处理决定详情 / A sanction decision with its effects and evidence',
        params: ZIdParam,
        response: { 200: ZSanction, ...errors },
      },
    },
    async (request) => getSanction(request.ctx, request.params.id),
  );

  app.get(
    '/api/sanctions/:id/print',
    {
      config: { action: 'sanction.read' },
      schema: {
        tags: TAGS,
        summary: '处理决定书（可打印页面）/ The decision letter as a print-ready page',
        params: ZIdParam,
        response: { 200: z.string(), ...errors },
      },
    },
    async (request, reply) =>
      reply
        .type('text/html; charset=utf-8')
        .header('content-security-policy', LETTER_CSP)
        .send(await printSanctionLetter(request.ctx, request.params.id)),
  );

  app.post(
    '/api/sanctions/:id/attachments',
    {
      config: { action: 'sanction.decide' },
      bodyLimit: ATTACHMENT_MAX_BYTES,
      schema: {
        tags: TAGS,
        summary: '上传处理决定证据（请求体为文件，文件名放在 X-File-Name）/ Attach evidence (raw body)',
        params: ZIdParam,
        body: z.any().describe('PDF、JPEG、PNG、.docx 或 .xlsx，≤ 10 MB'),
        response: { 201: ZStoredFile, ...errors, 413: ZErrorBody, 415: ZErrorBody },
      },
    },
    async (request, reply) => {
      const file = await uploadSanctionFile(
        request.ctx,
        request.params.id,
        request.body as Buffer,
        uploadedFileName(request.headers),
      );
      return reply.status(201).send(file);
    },
  );

  app.get(
    '/api/sanctions/:id/attachments/:attachmentId',
    {
      config: { action: 'sanction.read' },
      schema: {
        tags: TAGS,
        summary: '下载处理决定证据 / Download a decision’s evidence',
        params: ZIdParam.extend({ attachmentId: ZIdText }),
        response: { 200: z.any().describe('the file'), ...errors },
      },
    },
    async (request, reply) =>
      sendStoredFile(reply, await downloadSanctionFile(request.ctx, request.params.id, request.params.attachmentId)),
  );

  app.get(
    '/api/public/blacklist',
    {
      config: { public: true },
      schema: {
        tags: ['public'],
        summary: '黑名单（公开）/ Blacklisted operators as published (no sign-in, Art. 14)',
        security: [],
        querystring: ZPageQuery.omit({ format: true }),
        response: { 200: zListOf(ZBlacklistEntry), 400: ZErrorBody },
      },
    },
    async (request) => {
      const q = request.query;
      return listBlacklist(request.ctx.deps.db, request.ctx.locale, q.pageSize, (q.page - 1) * q.pageSize);
    },
  );
};
