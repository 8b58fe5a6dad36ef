import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  ZAssessmentCycle,
  ZAssessmentCycleList,
  ZCreateIndicatorSystemRequest,
  ZIndicatorSystem,
  ZIndicatorSystemList,
  ZOpenCycleRequest,
  ZPrereviewRequest,
  ZReopenRequest,
  ZSaveStatementRequest,
  ZSubmissionDetail,
  ZSubmissionList,
  ZSubmissionListQuery,
  ZSubmitRequest,
  ZUpdateIndicatorSystemRequest,
} from '../../../contracts/assessment-cycle';
import { ATTACHMENT_MAX_BYTES, ZStoredFile } from '../../../contracts/attachment';
import { ZErrorBody, ZIdParam, ZIdText } from '../../../contracts/common';
import { sendStoredFile, uploadedFileName } from '../../lib/stored-file';
import { acceptRawFiles } from '../attachment/attachment.routes';
import { getSubmissionDetail } from './assessment.presenter';
import { draftIndicatorSystem } from './draft-indicator-system';
import { getIndicatorSystem, listIndicatorSystems } from './indicator-systems';
import { getCycle, listCycles, listSubmissions } from './list-assessment';
import { openCycle } from './open-cycle';
import { prereviewSubmission } from './prereview-submission';
import { reopenSubmission } from './reopen-submission';
import { saveStatement } from './save-statement';
import { downloadSubmissionFile, uploadSubmissionFile } from './submission-files';
import { submitSubmission } from './submit-submission';
import { updateIndicatorSystem } from './update-indicator-system';

const errors = { 400: ZErrorBody, 401: ZErrorBody, 403: ZErrorBody, 404: ZErrorBody, 409: ZErrorBody };
const TAGS = ['assessment'];

/** 年度考核评估 (Art. 12(二)(1)–(2)): indicator systems, cycles, submissions and the city's pre-review. */
export const assessmentRoutes: FastifyPluginAsyncZod = async (app) => {
  acceptRawFiles(app);

  app.get(
    '/api/assessment/systems',
    {
      config: { action: 'assessment.read' },
      schema: {
        tags: TAGS,
        summary: '考核评价指标体系列表（第十二条（一））/ Indicator systems',
        response: { 200: ZIndicatorSystemList, ...errors },
      },
    },
    async (request) => listIndicatorSystems(request.ctx),
  );

  app.post(
    '/api/assessment/systems',
    {
      config: { action: 'assessment.manage' },
      schema: {
        tags: TAGS,
        summary: '复制缺省或已有指标体系为草稿 / Draft a system by copying the default or another',
        body: ZCreateIndicatorSystemRequest,
        response: { 201: ZIndicatorSystem, ...errors },
      },
    },
    async (request, reply) => reply.status(201).send(await draftIndicatorSystem(request.ctx, request.body)),
  );

  app.get(
    '/api/assessment/systems/:id',
    {
      config: { action: 'assessment.read' },
      schema: {
        tags: TAGS,
        summary: '指标体系详情：分组、指标、权重、计分规则、等次 / One indicator system',
        params: ZIdParam,
        response: { 200: ZIndicatorSystem, ...errors },
      },
    },
    async (request) => getIndicatorSystem(request.ctx, request.params.id),
  );

  app.put(
    '/api/assessment/systems/:id',
    {
      config: { action: 'assessment.manage' },
      schema: {
        tags: TAGS,
        summary: '修改草稿指标体系（权重合计100；已冻结的不可修改）/ Edit a draft system (a frozen one refuses)',
        params: ZIdParam,
        body: ZUpdateIndicatorSystemRequest,
        response: { 200: ZIndicatorSystem, ...errors },
      },
    },
    async (request) => updateIndicatorSystem(request.ctx, request.params.id, request.body),
  );

  app.get(
    '/api/assessment/cycles',
    {
      config: { action: 'assessment.read' },
      schema: {
        tags: TAGS,
        summary: '年度考核列表（含本辖区材料状态统计）/ Assessment cycles with counts in the caller’s scope',
        response: { 200: ZAssessmentCycleList, ...errors },
      },
    },
    async (request) => listCycles(request.ctx),
  );

  app.post(
    '/api/assessment/cycles',
    {
      config: { action: 'assessment.manage' },
      schema: {
        tags: TAGS,
        summary: '发布年度考核通知（第十二条（二）1）/ Open a year’s assessment',
        body: ZOpenCycleRequest,
        response: { 201: ZAssessmentCycle, ...errors },
      },
    },
    async (request, reply) => reply.status(201).send(await openCycle(request.ctx, request.body)),
  );

  app.get(
    '/api/assessment/cycles/:id',
    {
      config: { action: 'assessment.read' },
      schema: {
        tags: TAGS,
        summary: '年度考核详情 / One assessment cycle',
        params: ZIdParam,
        response: { 200: ZAssessmentCycle, ...errors },
      },
    },
    async (request) => getCycle(request.ctx, request.params.id),
  );

  app.get(
    '/api/assessment/submissions',
    {
      config: { action: 'assessment.read' },
      schema: {
        tags: TAGS,
        summary: '考核材料列表（按辖区）/ Submissions in the caller’s scope',
        querystring: ZSubmissionListQuery,
        response: { 200: ZSubmissionList, ...errors },
      },
    },
    async (request) => listSubmissions(request.ctx, request.query),
  );

  app.get(
    '/api/assessment/submissions/:id',
    {
      config: { action: 'assessment.read' },
      schema: {
        tags: TAGS,
        summary: '考核材料详情：指标数据、自评、佐证材料、流转记录 / One submission',
        params: ZIdParam,
        response: { 200: ZSubmissionDetail, ...errors },
      },
    },
    async (request) => getSubmissionDetail(request.ctx, request.params.id),
  );

  app.put(
    '/api/assessment/submissions/:id/statement',
    {
      config: { action: 'assessment.submit' },
      schema: {
        tags: TAGS,
        summary: '保存自评材料草稿 / Save the statement as a draft',
        params: ZIdParam,
        body: ZSaveStatementRequest,
        response: { 200: ZSubmissionDetail, ...errors },
      },
    },
    async (request) => saveStatement(request.ctx, request.params.id, request.body),
  );

  app.post(
    '/api/assessment/submissions/:id/submit',
    {
      config: { action: 'assessment.submit' },
      schema: {
        tags: TAGS,
        summary: '提交考核材料（第十二条（二）2）/ Submit the material',
        params: ZIdParam,
        body: ZSubmitRequest,
        response: { 200: ZSubmissionDetail, ...errors },
      },
    },
    async (request) => submitSubmission(request.ctx, request.params.id, request.body),
  );

  app.post(
    '/api/assessment/submissions/:id/reopen',
    {
      config: { action: 'assessment.manage' },
      schema: {
        tags: TAGS,
        summary: '为该中心重新开放提交至指定日期 / Reopen submission for this centre until a day',
        params: ZIdParam,
        body: ZReopenRequest,
        response: { 200: ZSubmissionDetail, ...errors },
      },
    },
    async (request) => reopenSubmission(request.ctx, request.params.id, request.body),
  );

  app.post(
    '/api/assessment/submissions/:id/prereview',
    {
      config: { action: 'assessment.prereview' },
      schema: {
        tags: TAGS,
        summary: '市州初审：通过或退回修改（第十二条（二）2）/ City pre-review: pass or return',
        params: ZIdParam,
        body: ZPrereviewRequest,
        response: { 200: ZSubmissionDetail, ...errors },
      },
    },
    async (request) => prereviewSubmission(request.ctx, request.params.id, request.body),
  );

  app.post(
    '/api/assessment/submissions/:id/attachments',
    {
      config: { action: 'assessment.submit' },
      bodyLimit: ATTACHMENT_MAX_BYTES,
      schema: {
        tags: TAGS,
        summary: '上传考核佐证材料（请求体为文件，文件名放在 X-File-Name）/ Upload evidence (raw body)',
        params: ZIdParam,
        body: z.any().describe('PDF、JPEG、PNG、.docx 或 .xlsx，≤ 10 MB'),
        response: { 201: ZStoredFile, ...errors, 413: ZErrorBody, 415: ZErrorBody },
      },
    },
    async (request, reply) => {
      const file = await uploadSubmissionFile(
        request.ctx,
        request.params.id,
        request.body as Buffer,
        uploadedFileName(request.headers),
      );
      return reply.status(201).send(file);
    },
  );

  app.get(
    '/api/assessment/submissions/:id/attachments/:attachmentId',
    {
      config: { action: 'assessment.read' },
      schema: {
        tags: TAGS,
        summary: '下载考核佐证材料 / Download a submission’s evidence file',
        params: ZIdParam.extend({ attachmentId: ZIdText }),
        response: { 200: z.any().describe('the file'), ...errors },
      },
    },
    async (request, reply) => {
      const file = await downloadSubmissionFile(request.ctx, request.params.id, request.params.attachmentId);
      return sendStoredFile(reply, file);
    },
  );
};
