import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ATTACHMENT_MAX_BYTES } from '../../../contracts/attachment';
import { ZErrorBody, ZIdParam, ZIdText, ZPage, zListOf, zPageSize } from '../../../contracts/common';
import {
  ZApplyOperatorChangeRequest,
  ZDecideOperatorChangeRequest,
  ZEngagement,
  ZEngagementAttachment,
  ZEngagementDetail,
  ZEngagementFileKind,
  ZEngagementListQuery,
  ZEngagementStepRequest,
  ZEvaluateContractRequest,
  ZForwardOperatorChangeRequest,
  ZOperatorChange,
  ZOperatorChangeListQuery,
  ZPublicFiling,
  ZReasonedEngagementStepRequest,
  ZRecordAgreementRequest,
  ZRecordContractRequest,
  ZRecordTenderRequest,
  ZUpdateChecklistRequest,
  ZUpdateHandoverRequest,
} from '../../../contracts/engagement';
import { answerList } from '../../lib/list-route';
import { uploadedFileName } from '../../lib/stored-file';
import { acceptRawFiles } from '../attachment/attachment.routes';
import { evaluateContract, recordContract } from './annual-contracts';
import { applyOperatorChange } from './apply-operator-change';
import { decideOperatorChange, forwardOperatorChange } from './decide-operator-change';
import { ENGAGEMENT_STATUS_LABELS } from './engagement.machine';
import { getEngagementDetail } from './engagement.presenter';
import { getOperatorChange } from './get-operator-change';
import { listEngagements, listPublicFilings } from './list-engagements';
import { listOperatorChanges } from './list-operator-changes';
import { recordAgreement } from './record-agreement';
import { recordTender } from './record-tender';
import { stepEngagement } from './step-engagement';
import { updateChecklist } from './update-checklist';
import { updateHandover } from './update-handover';
import { uploadEngagementFile } from './upload-engagement-file';

const errors = { 400: ZErrorBody, 401: ZErrorBody, 403: ZErrorBody, 404: ZErrorBody, 409: ZErrorBody };
const TAGS = ['engagements'];

export const engagementRoutes: FastifyPluginAsyncZod = async (app) => {
  acceptRawFiles(app);

  app.get(
    '/api/engagements',
    {
      config: { action: 'engagement.read' },
      schema: {
        tags: TAGS,
        summary: '承办企业备案列表（招标、三方协议、报备）/ Operator engagements: tender, agreement, filing',
        querystring: ZEngagementListQuery,
        response: { 200: zListOf(ZEngagement), ...errors },
      },
    },
    async (request, reply) => {
      const q = request.query;
      return answerList(request.ctx, reply, q, (limit, offset, c) => listEngagements(c, q, limit, offset), {
        fileName: { 'zh-CN': '承办企业备案', en: 'operator-filings' },
        sheetName: { 'zh-CN': '承办企业备案', en: 'Filings' },
        columns: (l, en) => [
          { header: en ? 'City' : '市州', value: (e) => e.cityName, width: 10 },
          { header: en ? 'County' : '县（市、区）', value: (e) => e.countyName, width: 12 },
          { header: en ? 'Centre' : '外综服中心', value: (e) => e.centreName, width: 32 },
          { header: en ? 'Operator' : '承办企业', value: (e) => e.operatorName, width: 30 },
          { header: en ? 'Project number' : '采购项目编号', value: (e) => e.projectNumber, width: 20 },
          { header: en ? 'Service period' : '服务期', value: (e) => `${e.serviceStart} ~ ${e.serviceEnd}`, width: 24 },
          { header: en ? 'Agreement signed' : '协议签订日', value: (e) => e.signedOn ?? '', width: 12 },
          { header: en ? 'Filing deadline' : '报备截止日', value: (e) => e.filingDeadline ?? '', width: 12 },
          { header: en ? 'Reported' : '市州上报日', value: (e) => e.reportedOn ?? '', width: 12 },
          { header: en ? 'Filed' : '备案日', value: (e) => e.filedOn ?? '', width: 12 },
          { header: en ? 'Filing number' : '备案号', value: (e) => e.filingNumber ?? '', width: 22 },
          { header: en ? 'Status' : '状态', value: (e) => ENGAGEMENT_STATUS_LABELS[e.status][l], width: 14 },
          {
            header: en ? 'On time' : '是否按期报备',
            value: (e) => (e.filingVerdict ? (e.filingVerdict.ok ? (en ? 'yes' : '按期') : en ? 'LATE' : '逾期') : ''),
            width: 10,
          },
        ],
      });
    },
  );

  app.get(
    '/api/engagements/:id',
    {
      config: { action: 'engagement.read' },
      schema: {
        tags: TAGS,
        summary: '承办详情：材料、核查表、协议、年度合同、重新采购提示 / One engagement in full',
        params: ZIdParam,
        response: { 200: ZEngagementDetail, ...errors },
      },
    },
    async (request) => getEngagementDetail(request.ctx, request.params.id),
  );

  app.post(
    '/api/centres/:id/engagements',
    {
      config: { action: 'engagement.manage' },
      schema: {
        tags: TAGS,
        summary: '登记招标结果，确定承办企业（第十条（三））/ Record the tender that chose the operator',
        params: ZIdParam,
        body: ZRecordTenderRequest,
        response: { 201: ZEngagementDetail, ...errors },
      },
    },
    async (request, reply) => reply.status(201).send(await recordTender(request.ctx, request.params.id, request.body)),
  );

  app.put(
    '/api/engagements/:id/checklist',
    {
      config: { action: 'engagement.manage' },
      schema: {
        tags: TAGS,
        summary: '承办条件核查表（第十条（一））/ Eligibility checklist with evidence',
        params: ZIdParam,
        body: ZUpdateChecklistRequest,
        response: { 200: ZEngagementDetail, ...errors },
      },
    },
    async (request) => updateChecklist(request.ctx, request.params.id, request.body),
  );

  app.post(
    '/api/engagements/:id/files',
    {
      config: { action: 'engagement.manage' },
      bodyLimit: ATTACHMENT_MAX_BYTES,
      schema: {
        tags: TAGS,
        summary:
          '上传申报材料或依据（请求体为文件，文件名放在 X-File-Name）/ Upload a material or evidence (raw body, name in X-File-Name)',
        params: ZIdParam,
        querystring: z.object({ kind: ZEngagementFileKind }),
        body: z.any().describe('PDF、JPEG、PNG、.docx 或 .xlsx，≤ 10 MB'),
        response: { 201: ZEngagementAttachment, ...errors, 413: ZErrorBody, 415: ZErrorBody },
      },
    },
    async (request, reply) => {
      const file = await uploadEngagementFile(
        request.ctx,
        request.params.id,
        request.query.kind,
        request.body as Buffer,
        uploadedFileName(request.headers),
      );
      return reply.status(201).send(file);
    },
  );

  app.post(
    '/api/engagements/:id/agreement',
    {
      config: { action: 'engagement.manage' },
      schema: {
        tags: TAGS,
        summary: '登记三方合作协议及资金使用范围（第十条（三）、第十一条）/ Record the tripartite agreement',
        params: ZIdParam,
        body: ZRecordAgreementRequest,
        response: { 200: ZEngagementDetail, ...errors },
      },
    },
    async (request) => recordAgreement(request.ctx, request.params.id, request.body),
  );

  app.post(
    '/api/engagements/:id/report',
    {
      config: { action: 'engagement.report' },
      schema: {
        tags: TAGS,
        summary: '市州汇总上报省商务厅 / The city reports it to the province',
        params: ZIdParam,
        body: ZEngagementStepRequest,
        response: { 200: ZEngagementDetail, ...errors },
      },
    },
    async (request) => stepEngagement(request.ctx, request.params.id, 'report', request.body),
  );

  app.post(
    '/api/engagements/:id/return',
    {
      config: { action: 'engagement.return' },
      schema: {
        tags: TAGS,
        summary: '退回补正（须说明理由）/ Return for correction, with a reason',
        params: ZIdParam,
        body: ZReasonedEngagementStepRequest,
        response: { 200: ZEngagementDetail, ...errors },
      },
    },
    async (request) => stepEngagement(request.ctx, request.params.id, 'return', request.body),
  );

  app.post(
    '/api/engagements/:id/file',
    {
      config: { action: 'engagement.file' },
      schema: {
        tags: TAGS,
        summary: '省商务厅备案并公布，中心进入运营 / The province files and publishes; the centre operates',
        params: ZIdParam,
        body: ZEngagementStepRequest,
        response: { 200: ZEngagementDetail, ...errors },
      },
    },
    async (request) => stepEngagement(request.ctx, request.params.id, 'file', request.body),
  );

  app.post(
    '/api/engagements/:id/contracts',
    {
      config: { action: 'engagement.manage' },
      schema: {
        tags: TAGS,
        summary: '登记年度合同（一年一签，第十条（三））/ Record an annual contract',
        params: ZIdParam,
        body: ZRecordContractRequest,
        response: { 200: ZEngagementDetail, ...errors },
      },
    },
    async (request) => recordContract(request.ctx, request.params.id, request.body),
  );

  app.post(
    '/api/engagements/:id/contracts/:contractId/evaluation',
    {
      config: { action: 'engagement.manage' },
      schema: {
        tags: TAGS,
        summary: '年度末期评估（第十条（三））/ Year-end evaluation of a contract year',
        params: ZIdParam.extend({ contractId: ZIdText }),
        body: ZEvaluateContractRequest,
        response: { 200: ZEngagementDetail, ...errors },
      },
    },
    async (request) => evaluateContract(request.ctx, request.params.id, request.params.contractId, request.body),
  );

  app.post(
    '/api/engagements/:id/changes',
    {
      config: { action: 'engagement.manage' },
      schema: {
        tags: TAGS,
        summary: '申请更换承办企业（变更之日起1个月内，第十条（六））/ Apply to change the operator',
        params: ZIdParam,
        body: ZApplyOperatorChangeRequest,
        response: { 201: ZOperatorChange, ...errors },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await applyOperatorChange(request.ctx, request.params.id, request.body)),
  );

  app.get(
    '/api/operator-changes',
    {
      config: { action: 'engagement.read' },
      schema: {
        tags: TAGS,
        summary: '更换承办企业申请列表 / Applications to change an operator',
        querystring: ZOperatorChangeListQuery,
        response: { 200: zListOf(ZOperatorChange), ...errors },
      },
    },
    async (request) => listOperatorChanges(request.ctx, request.query),
  );

  app.get(
    '/api/operator-changes/:id',
    {
      config: { action: 'engagement.read' },
      schema: {
        tags: TAGS,
        summary: '更换承办企业申请详情 / One application to change an operator',
        params: ZIdParam,
        response: { 200: ZOperatorChange, ...errors },
      },
    },
    async (request) => getOperatorChange(request.ctx, request.params.id),
  );

  app.post(
    '/api/operator-changes/:id/forward',
    {
      config: { action: 'engagement.report' },
      schema: {
        tags: TAGS,
        summary: '市州转报省商务厅 / The city forwards it',
        params: ZIdParam,
        body: ZForwardOperatorChangeRequest,
        response: { 200: ZOperatorChange, ...errors },
      },
    },
    async (request) => forwardOperatorChange(request.ctx, request.params.id, request.body),
  );

  app.post(
    '/api/operator-changes/:id/decide',
    {
      config: { action: 'engagement.file' },
      schema: {
        tags: TAGS,
        summary: '省商务厅核准或不予核准 / The province approves or rejects',
        params: ZIdParam,
        body: ZDecideOperatorChangeRequest,
        response: { 200: ZOperatorChange, ...errors },
      },
    },
    async (request) => decideOperatorChange(request.ctx, request.params.id, request.body),
  );

  app.put(
    '/api/operator-changes/:id/handover',
    {
      config: { action: 'engagement.manage' },
      schema: {
        tags: TAGS,
        summary: '工作交接清单 / Handover checklist',
        params: ZIdParam,
        body: ZUpdateHandoverRequest,
        response: { 200: ZOperatorChange, ...errors },
      },
    },
    async (request) => updateHandover(request.ctx, request.params.id, request.body),
  );

  app.get(
    '/api/public/filings',
    {
      config: { public: true },
      schema: {
        tags: ['public'],
        summary: '承办企业备案公布（公开）/ Published operator filings (no sign-in)',
        security: [],
        querystring: z.object({
          page: ZPage,
          pageSize: zPageSize(50),
        }),
        response: { 200: zListOf(ZPublicFiling), 400: ZErrorBody },
      },
    },
    async (request) => {
      const q = request.query;
      return listPublicFilings(request.ctx.deps.db, q.pageSize, (q.page - 1) * q.pageSize);
    },
  );
};
