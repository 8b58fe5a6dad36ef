import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  ZActivity,
  ZActivityDetail,
  ZActivityListQuery,
  ZCreateActivityRequest,
  ZUpdateActivityRequest,
} from '../../../contracts/activity';
import { ATTACHMENT_MAX_BYTES } from '../../../contracts/attachment';
import { ZErrorBody, ZIdParam, ZIdText, zListOf } from '../../../contracts/common';
import { answerList } from '../../lib/list-route';
import { sendStoredFile, uploadedFileName } from '../../lib/stored-file';
import { acceptRawFiles } from '../attachment/attachment.routes';
import { ACTIVITY_KIND_LABELS, ACTIVITY_SUB_KIND_LABELS } from './activity.labels';
import { getActivityDetail } from './activity.presenter';
import { downloadActivityFile, uploadActivityFile } from './activity-files';
import { listActivities } from './list-activities';
import { recordActivity } from './record-activity';
import { updateActivity } from './update-activity';

const errors = { 400: ZErrorBody, 401: ZErrorBody, 403: ZErrorBody, 404: ZErrorBody, 409: ZErrorBody };
const TAGS = ['activities'];

export const activityRoutes: FastifyPluginAsyncZod = async (app) => {
  acceptRawFiles(app);

  app.get(
    '/api/activities',
    {
      config: { action: 'activity.read' },
      schema: {
        tags: TAGS,
        summary: '中心活动列表（培训、政策宣贯、市场拓展、展会推介）/ Centre activities',
        querystring: ZActivityListQuery,
        response: { 200: zListOf(ZActivity), ...errors },
      },
    },
    async (request, reply) => {
      const q = request.query;
      return answerList(request.ctx, reply, q, (limit, offset, c) => listActivities(c, q, limit, offset), {
        fileName: { 'zh-CN': '中心活动', en: 'centre-activities' },
        sheetName: { 'zh-CN': '中心活动', en: 'Activities' },
        columns: (l, en) => [
          { header: en ? 'Start' : '开始日期', value: (a) => a.startOn, width: 12 },
          { header: en ? 'End' : '结束日期', value: (a) => a.endOn, width: 12 },
          { header: en ? 'Title' : '活动名称', value: (a) => a.title, width: 36 },
          { header: en ? 'Kind' : '活动类型', value: (a) => ACTIVITY_KIND_LABELS[a.kind][l], width: 14 },
          {
            header: en ? 'Sub-kind' : '活动形式',
            value: (a) => (a.subKind ? (ACTIVITY_SUB_KIND_LABELS[a.subKind]?.[l] ?? a.subKind) : ''),
            width: 16,
          },
          { header: en ? 'Place' : '地点', value: (a) => a.place, width: 24 },
          { header: en ? 'Participants' : '参与人数', value: (a) => a.participantCount, width: 10 },
          { header: en ? 'Enterprises' : '参与企业数', value: (a) => a.enterpriseCount, width: 10 },
          { header: en ? 'Centre' : '外综服中心', value: (a) => a.centreName, width: 32 },
          { header: en ? 'City' : '市州', value: (a) => a.cityName, width: 10 },
          { header: en ? 'County' : '县（市、区）', value: (a) => a.countyName, width: 12 },
        ],
      });
    },
  );

  app.post(
    '/api/activities',
    {
      config: { action: 'activity.manage' },
      schema: {
        tags: TAGS,
        summary: '登记本中心活动及参与企业（第五条、第十二条（一））/ Record an activity of the centre',
        body: ZCreateActivityRequest,
        response: { 201: ZActivityDetail, ...errors },
      },
    },
    async (request, reply) => reply.status(201).send(await recordActivity(request.ctx, request.body)),
  );

  app.get(
    '/api/activities/:id',
    {
      config: { action: 'activity.read' },
      schema: {
        tags: TAGS,
        summary: '活动详情：参与企业、佐证材料 / One activity with its enterprises and evidence',
        params: ZIdParam,
        response: { 200: ZActivityDetail, ...errors },
      },
    },
    async (request) => getActivityDetail(request.ctx, request.params.id),
  );

  app.put(
    '/api/activities/:id',
    {
      config: { action: 'activity.manage' },
      schema: {
        tags: TAGS,
        summary: '修改活动（整体替换参与企业名单）/ Correct an activity; the participant list is replaced',
        params: ZIdParam,
        body: ZUpdateActivityRequest,
        response: { 200: ZActivityDetail, ...errors },
      },
    },
    async (request) => updateActivity(request.ctx, request.params.id, request.body),
  );

  app.post(
    '/api/activities/:id/attachments',
    {
      config: { action: 'activity.manage' },
      bodyLimit: ATTACHMENT_MAX_BYTES,
      schema: {
        tags: TAGS,
        summary:
          '上传活动佐证材料（请求体为文件，文件名放在 X-File-Name）/ Upload evidence (raw body, name in X-File-Name)',
        params: ZIdParam,
        body: z.any().describe('PDF、JPEG、PNG、.docx 或 .xlsx，≤ 10 MB'),
        response: { 201: ZActivityDetail.shape.attachments.element, ...errors, 413: ZErrorBody, 415: ZErrorBody },
      },
    },
    async (request, reply) => {
      const file = await uploadActivityFile(
        request.ctx,
        request.params.id,
        request.body as Buffer,
        uploadedFileName(request.headers),
      );
      return reply.status(201).send(file);
    },
  );

  app.get(
    '/api/activities/:id/attachments/:attachmentId',
    {
      config: { action: 'activity.read' },
      schema: {
        tags: TAGS,
        summary: '下载活动佐证材料 / Download an activity’s evidence file',
        params: ZIdParam.extend({ attachmentId: ZIdText }),
        response: { 200: z.any().describe('the file'), ...errors },
      },
    },
    async (request, reply) => {
      const file = await downloadActivityFile(request.ctx, request.params.id, request.params.attachmentId);
      return sendStoredFile(reply, file);
    },
  );
};
