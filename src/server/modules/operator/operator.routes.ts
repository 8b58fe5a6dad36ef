import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ZErrorBody, ZIdParam, zListOf } from '../../../contracts/common';
import {
  ZCreateOperatorRequest,
  ZIdentityResponse,
  ZOperator,
  ZOperatorDetail,
  ZOperatorListQuery,
  ZRecordViolationRequest,
  ZUpdateOperatorRequest,
} from '../../../contracts/operator';
import { requireAction } from '../../lib/access/require-access';
import { answerList } from '../../lib/list-route';
import { createOperator } from './create-operator';
import { getOperator } from './get-operator';
import { listOperators } from './operator.repository';
import { recordViolation } from './record-violation';
import { updateOperator } from './update-operator';
import { viewOperatorIdentity } from './view-operator-identity';

const errors = { 400: ZErrorBody, 401: ZErrorBody, 403: ZErrorBody, 404: ZErrorBody, 409: ZErrorBody };

const STATUS_LABELS = {
  qualified: { 'zh-CN': '具备资格', en: 'Qualified' },
  disqualified: { 'zh-CN': '已取消资格', en: 'Disqualified' },
  blacklisted: { 'zh-CN': '黑名单', en: 'Blacklisted' },
} as const;

export const operatorRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/operators',
    {
      config: { action: 'operator.read' },
      schema: {
        tags: ['operators'],
        summary: '承办企业列表 / Operator enterprises',
        querystring: ZOperatorListQuery,
        response: { 200: zListOf(ZOperator), ...errors },
      },
    },
    async (request, reply) => {
      requireAction(request.user, 'operator.read');
      const q = request.query;
      return answerList(request.ctx, reply, q, (limit, offset, c) => listOperators(c.deps.db, q, limit, offset), {
        fileName: { 'zh-CN': '承办企业', en: 'operators' },
        sheetName: { 'zh-CN': '承办企业', en: 'Operators' },
        columns: (l, en) => [
          { header: en ? 'Name' : '企业名称', value: (o) => o.name, width: 36 },
          { header: en ? 'Credit code' : '统一社会信用代码', value: (o) => o.creditCode, width: 22 },
          { header: en ? 'Legal representative' : '法定代表人', value: (o) => o.legalRepName, width: 12 },
          // Exports carry the masked number only: a spreadsheet leaves the platform's access control behind.
          { header: en ? 'ID number (masked)' : '身份证号码（脱敏）', value: (o) => o.legalRepIdMasked, width: 22 },
          { header: en ? 'Trade registration' : '外贸经营者备案', value: (o) => o.tradeRegistration, width: 18 },
          { header: en ? 'Status' : '资格状态', value: (o) => STATUS_LABELS[o.qualificationStatus][l], width: 12 },
        ],
      });
    },
  );

  app.get(
    '/api/operators/:id',
    {
      config: { action: 'operator.read' },
      schema: {
        tags: ['operators'],
        summary: '承办企业详情与资格判定 / One operator with its eligibility (Art. 10(一), 13, 14)',
        params: ZIdParam,
        response: { 200: ZOperatorDetail, ...errors },
      },
    },
    async (request) => getOperator(request.ctx, request.params.id),
  );

  app.post(
    '/api/operators',
    {
      config: { action: 'operator.create' },
      schema: {
        tags: ['operators'],
        summary: '登记承办企业 / Register an operator enterprise',
        body: ZCreateOperatorRequest,
        response: { 201: ZOperatorDetail, ...errors },
      },
    },
    async (request, reply) => reply.status(201).send(await createOperator({ ctx: request.ctx, input: request.body })),
  );

  app.patch(
    '/api/operators/:id',
    {
      config: { action: 'operator.update' },
      schema: {
        tags: ['operators'],
        summary: '修改承办企业信息 / Change an operator’s particulars',
        params: ZIdParam,
        body: ZUpdateOperatorRequest,
        response: { 200: ZOperatorDetail, ...errors },
      },
    },
    async (request) => updateOperator(request.ctx, request.params.id, request.body),
  );

  app.post(
    '/api/operators/:id/identity',
    {
      config: { action: 'operator.viewIdentity' },
      schema: {
        tags: ['operators'],
        summary: '查看法定代表人完整身份证号码（留痕）/ Reveal the full ID number (audited)',
        params: ZIdParam,
        response: { 200: ZIdentityResponse, ...errors },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return viewOperatorIdentity(request.ctx, request.params.id);
    },
  );

  app.post(
    '/api/operators/:id/violations',
    {
      config: { action: 'operator.recordViolation' },
      schema: {
        tags: ['operators'],
        summary: '登记违法违规记录 / Record a violation (Art. 10(一)3)',
        params: ZIdParam,
        body: ZRecordViolationRequest,
        response: { 200: ZOperatorDetail, ...errors },
      },
    },
    async (request) => recordViolation(request.ctx, request.params.id, request.body),
  );
};
