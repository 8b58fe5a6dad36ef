import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ZErrorBody, ZIdParam, zListOf } from '../../../contracts/common';
import {
  ZEnterprise,
  ZEnterpriseListQuery,
  ZEnterpriseRegistrationRequest,
  ZEnterpriseRegistrationResult,
  ZReviewEnterpriseRequest,
  ZUpdateEnterpriseRequest,
} from '../../../contracts/enterprise';
import { yesNo } from '../../lib/labels';
import { answerList } from '../../lib/list-route';
import { ENTERPRISE_STATUS_LABELS } from './enterprise.repository';
import { getEnterprise, listEnterprises, updateEnterprise } from './list-enterprises';
import { registerEnterprise } from './register-enterprise';
import { listRegistrationParks, listRegistrationRegions } from './registration-places';
import { reviewEnterprise } from './review-enterprise';

const errors = { 400: ZErrorBody, 401: ZErrorBody, 403: ZErrorBody, 404: ZErrorBody, 409: ZErrorBody };
const TAGS = ['enterprises'];

const SOURCE_LABELS = {
  self: { 'zh-CN': '自主注册', en: 'self-registered' },
  import: { 'zh-CN': '批量导入', en: 'imported' },
  centre: { 'zh-CN': '中心登记', en: 'entered by a centre' },
} as const;

const ZPublicRegion = z.object({
  code: z.string(),
  name: z.string(),
  level: z.enum(['city', 'county']),
  parentCode: z.string().nullable(),
});
const ZPublicPark = z.object({
  id: z.number().int(),
  name: z.string(),
  countyCode: z.string(),
  level: z.enum(['national', 'provincial', 'other']),
});

export const enterpriseRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/api/public/enterprise-registrations',
    {
      config: { public: true },
      schema: {
        tags: ['public'],
        summary:
          '外贸企业注册（公开，待中心或县级商务部门审核）/ Enterprise self-registration (approved by the centre or county)',
        security: [],
        body: ZEnterpriseRegistrationRequest,
        response: { 201: ZEnterpriseRegistrationResult, ...errors, 429: ZErrorBody },
      },
    },
    async (request, reply) => reply.status(201).send(await registerEnterprise(request.ctx, request.body)),
  );

  app.get(
    '/api/public/regions',
    {
      config: { public: true },
      schema: {
        tags: ['public'],
        summary: '湖北省市州及县（市、区）（公开，注册表单用）/ Hubei cities and counties (no sign-in)',
        security: [],
        response: { 200: z.array(ZPublicRegion) },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'public, max-age=3600');
      return listRegistrationRegions(request.ctx.deps.db);
    },
  );

  app.get(
    '/api/public/parks',
    {
      config: { public: true },
      schema: {
        tags: ['public'],
        summary: '开发区（园区）名称（公开，注册表单用）/ Development zones by county (no sign-in)',
        security: [],
        querystring: z.object({
          countyCode: z
            .string()
            .regex(/^\d{6}$/)
            .optional(),
        }),
        response: { 200: z.array(ZPublicPark) },
      },
    },
    async (request) => listRegistrationParks(request.ctx.deps.db, request.query.countyCode),
  );

  app.get(
    '/api/enterprises',
    {
      config: { action: 'enterprise.read' },
      schema: {
        tags: TAGS,
        summary: '外贸企业列表 / Enterprises in scope',
        querystring: ZEnterpriseListQuery,
        response: { 200: zListOf(ZEnterprise), ...errors },
      },
    },
    async (request, reply) => {
      const q = request.query;
      return answerList(request.ctx, reply, q, (limit, offset, c) => listEnterprises(c, q, limit, offset), {
        fileName: { 'zh-CN': '外贸企业', en: 'enterprises' },
        sheetName: { 'zh-CN': '外贸企业', en: 'Enterprises' },
        columns: (l, en) => [
          { header: en ? 'Credit code' : '统一社会信用代码', value: (e) => e.creditCode, width: 22 },
          { header: en ? 'Name' : '企业名称', value: (e) => e.name, width: 32 },
          { header: en ? 'City' : '市州', value: (e) => e.cityName, width: 10 },
          { header: en ? 'County' : '县（市、区）', value: (e) => e.countyName, width: 12 },
          { header: en ? 'Park' : '开发区（园区）', value: (e) => e.parkName ?? '', width: 28 },
          { header: en ? 'Contact' : '联系人', value: (e) => e.contactPerson, width: 10 },
          { header: en ? 'Phone' : '联系电话', value: (e) => e.contactPhone, width: 16 },
          { header: en ? 'Actual trade' : '有进出口实绩', value: (e) => yesNo(e.hasTradeRecord, l), width: 10 },
          { header: en ? 'First trade' : '首次进出口日期', value: (e) => e.firstTradeOn ?? '', width: 14 },
          { header: en ? 'Source' : '来源', value: (e) => SOURCE_LABELS[e.source][l], width: 10 },
          { header: en ? 'Status' : '状态', value: (e) => ENTERPRISE_STATUS_LABELS[e.status][l], width: 10 },
          { header: en ? 'Account' : '平台账号', value: (e) => yesNo(e.hasAccount, l), width: 8 },
        ],
      });
    },
  );

  app.get(
    '/api/enterprises/:id',
    {
      config: { action: 'enterprise.read' },
      schema: {
        tags: TAGS,
        summary: '外贸企业详情 / An enterprise',
        params: ZIdParam,
        response: { 200: ZEnterprise, ...errors },
      },
    },
    async (request) => getEnterprise(request.ctx, request.params.id),
  );

  app.patch(
    '/api/enterprises/:id',
    {
      config: { action: 'enterprise.updateSelf' },
      schema: {
        tags: TAGS,
        summary: '企业修改本企业信息 / An enterprise corrects its own particulars',
        params: ZIdParam,
        body: ZUpdateEnterpriseRequest,
        response: { 200: ZEnterprise, ...errors },
      },
    },
    async (request) => updateEnterprise(request.ctx, request.params.id, request.body),
  );

  app.post(
    '/api/enterprises/:id/review',
    {
      config: { action: 'enterprise.review' },
      schema: {
        tags: TAGS,
        summary: '审核企业注册（通过即开通账号）/ Approve or reject a registration (approval opens the account)',
        params: ZIdParam,
        body: ZReviewEnterpriseRequest,
        response: { 200: ZEnterprise, ...errors },
      },
    },
    async (request) => reviewEnterprise(request.ctx, request.params.id, request.body),
  );
};
