import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  ZCentre,
  ZCentreDetail,
  ZCentreInput,
  ZCentreListQuery,
  ZCentreStats,
  ZCreateChangeRequest,
  ZDecideChangeRequest,
  ZPublicCentre,
  ZPublicCentreQuery,
  ZReasonedTransitionRequest,
  ZTransitionRequest,
  ZUpdateCentreDraftRequest,
} from '../../../contracts/centre';
import { ZCentreConditionQuery, ZCentreConditionStatus } from '../../../contracts/city-rule';
import { ZErrorBody, ZIdParam, zListOf } from '../../../contracts/common';
import { SERVICE_CATEGORY_NAMES } from '../../../contracts/service-category';
import { PARK_LEVEL_LABELS } from '../../lib/labels';
import { answerList } from '../../lib/list-route';
import { CENTRE_STATUS_LABELS } from './centre.machine';
import { getCentreDetail } from './centre.presenter';
import { createCentreApplication } from './create-centre-application';
import { decideCentreChange } from './decide-centre-change';
import { listCentreConditions } from './list-centre-conditions';
import { centreStats, listCentresForUser } from './list-centres';
import { listPublicCentres } from './list-public-centres';
import { LETTER_CSP, printDecisionLetter } from './print-decision-letter';
import { requestCentreChange } from './request-centre-change';
import { type ApplicationStep, transitionCentre } from './transition-centre';
import { updateCentreDraft } from './update-centre-draft';

const errors = { 400: ZErrorBody, 401: ZErrorBody, 403: ZErrorBody, 404: ZErrorBody, 409: ZErrorBody };

const STEPS: { step: ApplicationStep; summary: string; reasoned: boolean }[] = [
  { step: 'submit', summary: '提交申请（县级商务局）/ Submit (county)', reasoned: false },
  { step: 'forward', summary: '转报省商务厅（市州商务局）/ Forward (city)', reasoned: false },
  { step: 'return', summary: '退回（市州商务局，须写明理由）/ Return with a reason (city)', reasoned: true },
  { step: 'approve', summary: '核准（省商务厅）/ Approve (province)', reasoned: false },
  { step: 'reject', summary: '不予核准（省商务厅，须写明理由）/ Reject with a reason (province)', reasoned: true },
];

export const centreRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/centres/conditions',
    {
      config: { action: 'centre.conditions' },
      schema: {
        tags: ['centres'],
        summary: '不再满足设立条件的中心（第九条（四））/ Centres that no longer meet the conditions (Art. 9(4))',
        querystring: ZCentreConditionQuery,
        response: { 200: zListOf(ZCentreConditionStatus), ...errors },
      },
    },
    async (request) => listCentreConditions(request.ctx, request.query),
  );
  app.get(
    '/api/centres',
    {
      config: { action: 'centre.read' },
      schema: {
        tags: ['centres'],
        summary: '外综服中心及设立申请列表 / Centres and set-up applications in scope',
        querystring: ZCentreListQuery,
        response: { 200: zListOf(ZCentre), ...errors },
      },
    },
    async (request, reply) => {
      const q = request.query;
      return answerList(request.ctx, reply, q, (limit, offset, c) => listCentresForUser(c, q, limit, offset), {
        fileName: { 'zh-CN': '外综服中心', en: 'centres' },
        sheetName: { 'zh-CN': '外综服中心', en: 'Centres' },
        columns: (l, en) => [
          { header: 'ID', value: (c) => c.id, width: 6 },
          { header: en ? 'Name' : '名称', value: (c) => c.name, width: 36 },
          { header: en ? 'Status' : '状态', value: (c) => CENTRE_STATUS_LABELS[c.status][l], width: 10 },
          { header: en ? 'Park' : '园区', value: (c) => c.parkName, width: 32 },
          { header: en ? 'Park level' : '园区级别', value: (c) => PARK_LEVEL_LABELS[c.parkLevel][l], width: 10 },
          { header: en ? 'City' : '市（州）', value: (c) => c.cityName, width: 14 },
          { header: en ? 'County' : '县（市、区）', value: (c) => c.countyName, width: 14 },
          { header: en ? 'Venue (m²)' : '场地面积（㎡）', value: (c) => c.venueArea, width: 12 },
          {
            header: en ? 'Venue (Art. 6)' : '场地合规（第六条）',
            value: (c) => c.venueVerdict.message[l],
            width: 50,
          },
          {
            header: en ? 'Staff (Art. 7)' : '人员配备（第七条）',
            value: (c) =>
              en
                ? `${c.staffCount} (${c.staffCompliant ? 'meets' : 'below'} the minimum)`
                : `${c.staffCount} 人（${c.staffCompliant ? '达标' : '未达标'}）`,
            width: 20,
          },
          {
            header: en ? 'Services' : '服务内容',
            value: (c) => c.services.map((s) => SERVICE_CATEGORY_NAMES[s][l]).join(en ? ', ' : '、'),
            width: 60,
          },
          { header: en ? 'Contact' : '联系人', value: (c) => `${c.contactPerson} ${c.contactPhone}`, width: 22 },
        ],
      });
    },
  );

  app.get(
    '/api/centres/stats',
    {
      config: { action: 'centre.read' },
      schema: {
        tags: ['centres'],
        summary: '布局统计（按市州）/ Layout by city',
        response: { 200: ZCentreStats, ...errors },
      },
    },
    async (request) => centreStats(request.ctx),
  );

  app.get(
    '/api/centres/:id',
    {
      config: { action: 'centre.read' },
      schema: {
        tags: ['centres'],
        summary: '中心详情、流程记录与可执行操作 / One centre with its history and the steps open to the caller',
        params: ZIdParam,
        response: { 200: ZCentreDetail, ...errors },
      },
    },
    async (request) => getCentreDetail(request.ctx, request.params.id),
  );

  app.post(
    '/api/centres',
    {
      config: { action: 'centre.create' },
      schema: {
        tags: ['centres'],
        summary: '起草设立申请（县级商务局）/ Draft a set-up application (county)',
        body: ZCentreInput,
        response: { 201: ZCentreDetail, ...errors },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await createCentreApplication({ ctx: request.ctx, input: request.body })),
  );

  app.patch(
    '/api/centres/:id',
    {
      config: { action: 'centre.update' },
      schema: {
        tags: ['centres'],
        summary: '修改草稿或退回的申请 / Edit a draft or returned application',
        params: ZIdParam,
        body: ZUpdateCentreDraftRequest,
        response: { 200: ZCentreDetail, ...errors },
      },
    },
    async (request) => updateCentreDraft(request.ctx, request.params.id, request.body),
  );

  for (const { step, summary, reasoned } of STEPS) {
    app.post(
      `/api/centres/:id/${step}`,
      {
        config: { action: `centre.${step}` as const },
        schema: {
          tags: ['centres'],
          summary,
          params: ZIdParam,
          body: reasoned ? ZReasonedTransitionRequest : ZTransitionRequest,
          response: { 200: ZCentreDetail, ...errors },
        },
      },
      async (request) => transitionCentre(request.ctx, request.params.id, step, request.body),
    );
  }

  app.post(
    '/api/centres/:id/changes',
    {
      config: { action: 'centre.requestChange' },
      schema: {
        tags: ['centres'],
        summary:
          '申请调整/撤销（市州）或直接决定（省商务厅）/ Request (city) or decide (province) an adjustment or revocation',
        params: ZIdParam,
        body: ZCreateChangeRequest,
        response: { 200: ZCentreDetail, ...errors },
      },
    },
    async (request) => requestCentreChange(request.ctx, request.params.id, request.body),
  );

  app.post(
    '/api/centre-changes/:id/decide',
    {
      config: { action: 'centre.decideChange' },
      schema: {
        tags: ['centres'],
        summary: '核准或驳回调整/撤销申请（省商务厅）/ Decide an adjustment or revocation (province)',
        params: ZIdParam,
        body: ZDecideChangeRequest,
        response: { 200: ZCentreDetail, ...errors },
      },
    },
    async (request) => decideCentreChange(request.ctx, request.params.id, request.body),
  );

  app.get(
    '/api/decision-letters/:id/print',
    {
      config: { action: 'decision.read' },
      schema: {
        tags: ['centres'],
        summary: '决定书（可打印页面）/ Decision letter as a print-ready page',
        params: ZIdParam,
        response: { 200: z.string(), ...errors },
      },
    },
    async (request, reply) =>
      reply
        .type('text/html; charset=utf-8')
        .header('content-security-policy', LETTER_CSP)
        .send(await printDecisionLetter(request.ctx, request.params.id)),
  );

  app.get(
    '/api/public/centres',
    {
      config: { public: true },
      schema: {
        tags: ['public'],
        summary: '已认定的外综服中心名录（公开）/ Recognised centres as published (no sign-in)',
        security: [],
        querystring: ZPublicCentreQuery,
        response: { 200: zListOf(ZPublicCentre), 400: ZErrorBody },
      },
    },
    async (request) => {
      const q = request.query;
      return listPublicCentres(request.ctx.deps.db, q, q.pageSize, (q.page - 1) * q.pageSize);
    },
  );
};
