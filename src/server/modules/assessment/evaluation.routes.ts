import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ZGrade, ZSubmissionStatus } from '../../../contracts/assessment';
import {
  ZAgency,
  ZAssignRequest,
  ZAssignResponse,
  ZCreateAgencyRequest,
  ZEvaluation,
  ZEvaluationCycle,
  ZEvaluationItem,
  ZEvaluationListQuery,
  ZFinishScoringRequest,
  ZInspectionRequest,
  ZPublishResponse,
  ZSendBackRequest,
} from '../../../contracts/assessment-evaluation';
import { ATTACHMENT_MAX_BYTES, ZStoredFile } from '../../../contracts/attachment';
import { ZErrorBody, ZIdParam, ZIdText, zListOf } from '../../../contracts/common';
import { sendStoredFile, uploadedFileName } from '../../lib/stored-file';
import { acceptRawFiles } from '../attachment/attachment.routes';
import { createAgency, listAgencies } from './agencies';
import { assignSubmissions } from './assign-submissions';
import { breakdownVisibleTo, getEvaluation, listEvaluationCycles, listEvaluations } from './evaluation.presenter';
import { finishScoring } from './finish-scoring';
import { publishCycle } from './publish-cycle';
import { downloadInspectionPhoto, recordInspection, uploadInspectionPhoto } from './record-inspection';
import { confirmScore, sendBackScore } from './review-score';

const errors = { 400: ZErrorBody, 401: ZErrorBody, 403: ZErrorBody, 404: ZErrorBody, 409: ZErrorBody };
const TAGS = ['assessment'];
const ZInspectionParams = ZIdParam.extend({ inspectionId: ZIdText });

/** 第三方评估与结果公布 (Art. 12(二)(3), 12(三)): agencies, assignment, inspections, scores, review, publication. */
export const evaluationRoutes: FastifyPluginAsyncZod = async (app) => {
  acceptRawFiles(app);

  app.get(
    '/api/assessment/agencies',
    {
      config: { action: 'assessment.read' },
      schema: {
        tags: TAGS,
        summary: '第三方评估机构（第十二条（二）3）/ Evaluation agencies',
        response: { 200: z.object({ items: z.array(ZAgency) }), ...errors },
      },
    },
    async (request) => ({ items: await listAgencies(request.ctx) }),
  );

  app.post(
    '/api/assessment/agencies',
    {
      config: { action: 'assessment.manage' },
      schema: {
        tags: TAGS,
        summary: '登记第三方评估机构 / Register an evaluation agency',
        body: ZCreateAgencyRequest,
        response: { 201: ZAgency, ...errors },
      },
    },
    async (request, reply) => reply.status(201).send(await createAgency(request.ctx, request.body)),
  );

  app.get(
    '/api/assessment/evaluation-cycles',
    {
      config: { action: 'assessment.read' },
      schema: {
        tags: TAGS,
        summary: '年度考核（评估与公布用）/ Assessment cycles, for the evaluation board',
        response: { 200: z.object({ items: z.array(ZEvaluationCycle) }), ...errors },
      },
    },
    async (request) => ({ items: await listEvaluationCycles(request.ctx) }),
  );

  app.get(
    '/api/assessment/evaluations',
    {
      config: { action: 'assessment.read' },
      schema: {
        tags: TAGS,
        summary: '考核评估进度：省厅分派与审核、评估机构的评估任务 / Submissions under evaluation in scope',
        querystring: ZEvaluationListQuery,
        response: { 200: zListOf(ZEvaluationItem), ...errors },
      },
    },
    async (request) => {
      const { page, pageSize, ...q } = request.query;
      return listEvaluations(request.ctx, q, pageSize, (page - 1) * pageSize);
    },
  );

  app.post(
    '/api/assessment/cycles/:id/assignments',
    {
      config: { action: 'assessment.manage' },
      schema: {
        tags: TAGS,
        summary: '分派评估机构（可批量；未评分前可改派）/ Assign passed submissions to an agency',
        params: ZIdParam,
        body: ZAssignRequest,
        response: { 200: ZAssignResponse, ...errors },
      },
    },
    async (request) => assignSubmissions(request.ctx, request.params.id, request.body),
  );

  app.post(
    '/api/assessment/cycles/:id/publish',
    {
      config: { action: 'assessment.manage' },
      schema: {
        tags: TAGS,
        summary: '公布年度考核结果（第十二条（三））/ Publish the year’s grades',
        params: ZIdParam,
        response: { 200: ZPublishResponse, ...errors },
      },
    },
    async (request) => publishCycle(request.ctx, request.params.id),
  );

  app.get(
    '/api/assessment/submissions/:id/evaluation',
    {
      config: { action: 'assessment.read' },
      schema: {
        tags: TAGS,
        summary: '评估详情：指标得分、实地考察、总分与等次 / Scores, inspections, total and grade of a submission',
        params: ZIdParam,
        response: { 200: ZEvaluation, ...errors },
      },
    },
    async (request) => getEvaluation(request.ctx, request.params.id),
  );

  app.post(
    '/api/assessment/submissions/:id/inspections',
    {
      config: { action: 'assessment.score' },
      schema: {
        tags: TAGS,
        summary: '记录实地考察（第十二条（二）3）/ Record an on-site inspection',
        params: ZIdParam,
        body: ZInspectionRequest,
        response: { 201: z.object({ id: z.number().int() }), ...errors },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await recordInspection(request.ctx, request.params.id, request.body)),
  );

  app.post(
    '/api/assessment/submissions/:id/inspections/:inspectionId/attachments',
    {
      config: { action: 'assessment.score' },
      bodyLimit: ATTACHMENT_MAX_BYTES,
      schema: {
        tags: TAGS,
        summary: '上传实地考察照片（请求体为文件，文件名放在 X-File-Name）/ Upload an inspection photo (raw body)',
        params: ZInspectionParams,
        body: z.any().describe('JPEG、PNG 或 PDF，≤ 10 MB'),
        response: { 201: ZStoredFile, ...errors, 413: ZErrorBody, 415: ZErrorBody },
      },
    },
    async (request, reply) => {
      const file = await uploadInspectionPhoto(
        request.ctx,
        request.params.id,
        request.params.inspectionId,
        request.body as Buffer,
        uploadedFileName(request.headers),
      );
      return reply.status(201).send(file);
    },
  );

  app.get(
    '/api/assessment/submissions/:id/inspections/:inspectionId/attachments/:attachmentId',
    {
      config: { action: 'assessment.read' },
      schema: {
        tags: TAGS,
        summary: '下载实地考察照片 / Download an inspection photo',
        params: ZInspectionParams.extend({ attachmentId: ZIdText }),
        response: { 200: z.any().describe('the file'), ...errors },
      },
    },
    async (request, reply) => {
      const p = request.params;
      const file = await downloadInspectionPhoto(request.ctx, p.id, p.inspectionId, p.attachmentId, (row) =>
        request.ctx.user ? breakdownVisibleTo(request.ctx.user, row.s.status) : false,
      );
      return sendStoredFile(reply, file);
    },
  );

  app.post(
    '/api/assessment/submissions/:id/scores',
    {
      config: { action: 'assessment.score' },
      schema: {
        tags: TAGS,
        summary: '完成评分：评估机构评分指标的得分与说明，平台计算总分与等次 / Finish scoring',
        params: ZIdParam,
        body: ZFinishScoringRequest,
        response: { 200: z.object({ total: z.number(), grade: ZGrade }), ...errors },
      },
    },
    async (request) => finishScoring(request.ctx, request.params.id, request.body),
  );

  app.post(
    '/api/assessment/submissions/:id/send-back',
    {
      config: { action: 'assessment.manage' },
      schema: {
        tags: TAGS,
        summary: '退回重评（须写明理由）/ Send a score back with a reason',
        params: ZIdParam,
        body: ZSendBackRequest,
        response: { 200: z.object({ status: ZSubmissionStatus }), ...errors },
      },
    },
    async (request) => sendBackScore(request.ctx, request.params.id, request.body),
  );

  app.post(
    '/api/assessment/submissions/:id/confirm',
    {
      config: { action: 'assessment.manage' },
      schema: {
        tags: TAGS,
        summary: '确认评分与等次 / Confirm the score and grade',
        params: ZIdParam,
        response: { 200: z.object({ status: ZSubmissionStatus }), ...errors },
      },
    },
    async (request) => confirmScore(request.ctx, request.params.id),
  );
};
