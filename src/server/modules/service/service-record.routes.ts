import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ATTACHMENT_MAX_BYTES } from '../../../contracts/attachment';
import { ZErrorBody, ZIdParam, ZIdText, zListOf } from '../../../contracts/common';
import { SERVICE_SUB_ITEMS } from '../../../contracts/service-catalogue';
import { SERVICE_CATEGORY_NAMES } from '../../../contracts/service-category';
import {
  type TServiceRecord,
  ZAnswerRectificationRequest,
  ZFollowUpRectificationRequest,
  ZRateServiceRequest,
  ZRecordServiceRequest,
  ZRectification,
  ZRectificationListQuery,
  ZRequestServiceRequest,
  ZServiceAssignRequest,
  ZServiceAttachment,
  ZServiceCancelRequest,
  ZServiceCompleteRequest,
  ZServiceProgressRequest,
  ZServiceRecord,
  ZServiceRecordDetail,
  ZServiceRecordListQuery,
  ZServiceStepRequest,
} from '../../../contracts/service-record';
import { RATING_LEVEL_LABELS, RECTIFICATION_STATUS_LABELS, SERVICE_CHANNEL_LABELS, yesNo } from '../../lib/labels';
import { answerList } from '../../lib/list-route';
import { sendStoredFile, uploadedFileName } from '../../lib/stored-file';
import { acceptRawFiles } from '../attachment/attachment.routes';
import { recordService, requestService } from './create-service';
import { listServiceRecords } from './list-service-records';
import { rateService } from './rate-service';
import { answerRectification, followUpRectification, listRectifications } from './rectification';
import { SERVICE_STATUS_LABELS } from './service.machine';
import { getServiceRecordDetail } from './service-detail';
import { downloadServiceFile, uploadServiceFile } from './service-files';
import { stepService } from './step-service';

const errors = { 400: ZErrorBody, 401: ZErrorBody, 403: ZErrorBody, 404: ZErrorBody, 409: ZErrorBody };
const TAGS = ['services'];
export const serviceRecordRoutes: FastifyPluginAsyncZod = async (app) => {
  acceptRawFiles(app);

  app.get(
    '/api/service-records',
    {
      config: { action: 'service.read' },
      schema: {
        tags: TAGS,
        summary: '服务记录列表 / Service records in scope',
        querystring: ZServiceRecordListQuery,
        response: { 200: zListOf(ZServiceRecord), ...errors },
      },
    },
    async (request, reply) => {
      const q = request.query;
      return answerList(request.ctx, reply, q, (limit, offset, c) => listServiceRecords(c, q, limit, offset), {
        fileName: { 'zh-CN': '服务记录', en: 'service-records' },
        sheetName: { 'zh-CN': '服务记录', en: 'Service records' },
        columns: (l, en) => {
          const subName = (c: TServiceRecord) =>
            SERVICE_SUB_ITEMS[c.category].find((s) => s.key === c.subItem)?.[l] ?? c.subItem;
          return [
            { header: en ? 'Number' : '编号', value: (r) => r.number, width: 16 },
            { header: en ? 'Centre' : '外综服中心', value: (r) => r.centreName, width: 30 },
            { header: en ? 'Enterprise' : '企业', value: (r) => r.enterpriseName, width: 30 },
            { header: en ? 'Credit code' : '统一社会信用代码', value: (r) => r.enterpriseCreditCode, width: 22 },
            { header: en ? 'Category' : '服务类别', value: (r) => SERVICE_CATEGORY_NAMES[r.category][l], width: 14 },
            { header: en ? 'Item' : '服务事项', value: subName, width: 24 },
            { header: en ? 'Channel' : '渠道', value: (r) => SERVICE_CHANNEL_LABELS[r.channel][l], width: 8 },
            { header: en ? 'Status' : '状态', value: (r) => SERVICE_STATUS_LABELS[r.status][l], width: 10 },
            { header: en ? 'Handled by' : '经办人', value: (r) => r.assigneeName ?? '', width: 10 },
            { header: en ? 'Submitted' : '提交时间', value: (r) => new Date(r.submittedAt), width: 18 },
            {
              header: en ? 'Completed' : '办结时间',
              value: (r) => (r.completedAt ? new Date(r.completedAt) : ''),
              width: 18,
            },
            {
              header: en ? 'Rating' : '评价',
              value: (r) => (r.ratingLevel ? RATING_LEVEL_LABELS[r.ratingLevel][l] : ''),
              width: 10,
            },
          ];
        },
      });
    },
  );

  app.post(
    '/api/service-records',
    {
      config: { action: 'service.record' },
      schema: {
        tags: TAGS,
        summary: '中心登记服务（窗口/线上/上门）/ Centre staff record a service',
        body: ZRecordServiceRequest,
        response: { 201: ZServiceRecordDetail, ...errors },
      },
    },
    async (request, reply) => reply.status(201).send(await recordService(request.ctx, request.body)),
  );

  app.post(
    '/api/service-records/requests',
    {
      config: { action: 'service.request' },
      schema: {
        tags: TAGS,
        summary: '企业申请服务 / An enterprise requests a service from a centre',
        body: ZRequestServiceRequest,
        response: { 201: ZServiceRecordDetail, ...errors },
      },
    },
    async (request, reply) => reply.status(201).send(await requestService(request.ctx, request.body)),
  );

  app.get(
    '/api/service-records/:id',
    {
      config: { action: 'service.read' },
      schema: {
        tags: TAGS,
        summary: '服务记录详情（含办理进度）/ A service record with its progress log',
        params: ZIdParam,
        response: { 200: ZServiceRecordDetail, ...errors },
      },
    },
    async (request) => getServiceRecordDetail(request.ctx, request.params.id),
  );

  const steps = [
    ['accept', 'service.handle', ZServiceStepRequest, '受理 / Accept', (b: { note?: string }) => b.note],
    [
      'progress',
      'service.handle',
      ZServiceProgressRequest,
      '添加办理进度 / Add a progress entry',
      (b: { note: string }) => b.note,
    ],
    [
      'complete',
      'service.handle',
      ZServiceCompleteRequest,
      '办结 / Complete',
      (b: { resultText: string }) => b.resultText,
    ],
    [
      'cancel',
      'service.cancel',
      ZServiceCancelRequest,
      '撤销（说明理由）/ Cancel or withdraw, with a reason',
      (b: { reason: string }) => b.reason,
    ],
  ] as const;
  for (const [name, action, body, summary, noteOf] of steps) {
    app.post(
      `/api/service-records/:id/${name}`,
      {
        config: { action },
        schema: { tags: TAGS, summary, params: ZIdParam, body, response: { 200: ZServiceRecordDetail, ...errors } },
      },
      async (request) => {
        const b = request.body as { version: number };
        return stepService(request.ctx, request.params.id, name, {
          version: b.version,
          note: (noteOf as (x: unknown) => string | undefined)(request.body),
        });
      },
    );
  }

  app.post(
    '/api/service-records/:id/assign',
    {
      config: { action: 'service.handle' },
      schema: {
        tags: TAGS,
        summary: '指派经办人 / Assign to a staff member',
        params: ZIdParam,
        body: ZServiceAssignRequest,
        response: { 200: ZServiceRecordDetail, ...errors },
      },
    },
    async (request) =>
      stepService(request.ctx, request.params.id, 'assign', {
        version: request.body.version,
        assigneeId: request.body.assigneeId,
      }),
  );

  app.post(
    '/api/service-records/:id/rating',
    {
      config: { action: 'service.rate' },
      schema: {
        tags: TAGS,
        summary:
          '企业评价（办结后一次，第八条）/ The served enterprise rates the service once it is completed (Art. 8)',
        params: ZIdParam,
        body: ZRateServiceRequest,
        response: { 200: ZServiceRecordDetail, ...errors },
      },
    },
    async (request) => rateService(request.ctx, request.params.id, request.body),
  );

  app.post(
    '/api/service-records/:id/attachments',
    {
      config: { action: 'service.attach' },
      bodyLimit: ATTACHMENT_MAX_BYTES,
      schema: {
        tags: TAGS,
        summary: '上传服务附件（请求体为文件，文件名放在 X-File-Name）/ Attach a file (raw body, name in X-File-Name)',
        params: ZIdParam,
        body: z.any().describe('PDF、JPEG、PNG、.docx 或 .xlsx，≤ 10 MB'),
        response: { 201: ZServiceAttachment, ...errors },
      },
    },
    async (request, reply) => {
      const a = await uploadServiceFile(
        request.ctx,
        request.params.id,
        request.body as Buffer,
        uploadedFileName(request.headers),
      );
      return reply.status(201).send(a);
    },
  );

  app.get(
    '/api/service-records/:id/attachments/:attachmentId',
    {
      config: { action: 'service.read' },
      schema: {
        tags: TAGS,
        summary: '下载服务附件 / Download a service record’s file',
        params: z.object({ id: ZIdText, attachmentId: ZIdText }),
        response: { 200: z.any().describe('the file'), ...errors },
      },
    },
    async (request, reply) => {
      const file = await downloadServiceFile(request.ctx, request.params.id, request.params.attachmentId);
      return sendStoredFile(reply, file);
    },
  );

  app.get(
    '/api/rectifications',
    {
      config: { action: 'rectification.read' },
      schema: {
        tags: TAGS,
        summary: '差评整改列表 / Rectifications of bad ratings',
        querystring: ZRectificationListQuery,
        response: { 200: zListOf(ZRectification), ...errors },
      },
    },
    async (request, reply) => {
      const q = request.query;
      return answerList(request.ctx, reply, q, (limit, offset, c) => listRectifications(c, q, limit, offset), {
        fileName: { 'zh-CN': '差评整改', en: 'rectifications' },
        sheetName: { 'zh-CN': '差评整改', en: 'Rectifications' },
        columns: (l, en) => [
          { header: en ? 'Record' : '服务记录', value: (r) => r.recordNumber, width: 16 },
          { header: en ? 'Centre' : '外综服中心', value: (r) => r.centreName, width: 30 },
          { header: en ? 'Enterprise' : '企业', value: (r) => r.enterpriseName, width: 30 },
          { header: en ? 'Rating' : '评价', value: (r) => RATING_LEVEL_LABELS[r.ratingLevel][l], width: 10 },
          { header: en ? 'Opened' : '启动日', value: (r) => r.openedOn, width: 12 },
          { header: en ? 'Due' : '整改期限', value: (r) => r.dueOn, width: 12 },
          { header: en ? 'Status' : '状态', value: (r) => RECTIFICATION_STATUS_LABELS[r.status][l], width: 12 },
          {
            header: en ? 'Overdue' : '逾期',
            value: (r) => yesNo(r.overdue, l),
            width: 8,
          },
          { header: en ? 'Answer' : '整改答复', value: (r) => r.answer ?? '', width: 40 },
        ],
      });
    },
  );

  app.post(
    '/api/rectifications/:id/answer',
    {
      config: { action: 'rectification.answer' },
      schema: {
        tags: TAGS,
        summary: '中心答复差评整改 / The centre answers a rectification',
        params: ZIdParam,
        body: ZAnswerRectificationRequest,
        response: { 200: ZRectification, ...errors },
      },
    },
    async (request) => answerRectification(request.ctx, request.params.id, request.body),
  );

  app.post(
    '/api/rectifications/:id/follow-up',
    {
      config: { action: 'rectification.followUp' },
      schema: {
        tags: TAGS,
        summary: '县级商务部门跟踪确认或退回 / The county accepts the answer or sends it back',
        params: ZIdParam,
        body: ZFollowUpRectificationRequest,
        response: { 200: ZRectification, ...errors },
      },
    },
    async (request) => followUpRectification(request.ctx, request.params.id, request.body),
  );
};
