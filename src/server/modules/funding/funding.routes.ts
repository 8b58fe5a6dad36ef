import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ZErrorBody, ZIdParam, zListOf } from '../../../contracts/common';
import {
  ENTITLEMENT_STATUS_NAMES,
  ZEntitlement,
  ZEntitlementQuery,
  ZMatchingFundInput,
} from '../../../contracts/funding';
import {
  ZComputeEntitlementsRequest,
  ZComputeEntitlementsResponse,
  ZFundingFiguresAnswer,
  ZFundingFiguresQuery,
  ZMatchingFund,
  ZMatchingFundQuery,
} from '../../../contracts/funding-entitlement';
import { answerList } from '../../lib/list-route';
import { sendXlsx } from '../../lib/xlsx';
import { computeEntitlements } from './entitlement-compute';
import { getEntitlement, listEntitlements } from './entitlement-list';
import { fundingOverview } from './funding-overview';
import { listMatchingFunds, recordMatchingFund } from './matching-funds';

const errors = { 400: ZErrorBody, 401: ZErrorBody, 403: ZErrorBody, 404: ZErrorBody, 409: ZErrorBody };
/** 元 with two decimals, for a sheet (the amounts are whole fen). */
const yuan = (fen: number) => fen / 100;

/** 资金支持 (Art. 11, 12(三), 10(六); issue 15): entitlements, the funding figures and matching funds. */
export const fundingRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/api/funding/entitlements/compute',
    {
      config: { action: 'funding.compute' },
      schema: {
        tags: ['funding'],
        summary: '计算年度资金支持额度 / Compute the year’s funding entitlements (Art. 11, 12(3))',
        body: ZComputeEntitlementsRequest,
        response: { 200: ZComputeEntitlementsResponse, ...errors },
      },
    },
    async (request) => computeEntitlements(request.ctx, request.body.year),
  );

  app.get(
    '/api/funding/entitlements',
    {
      config: { action: 'funding.read' },
      schema: {
        tags: ['funding'],
        summary: '资金支持额度（可导出Excel）/ Funding entitlements, or the list as .xlsx',
        querystring: ZEntitlementQuery,
        response: { 200: zListOf(ZEntitlement), ...errors },
      },
    },
    async (request, reply) => {
      const q = request.query;
      return answerList(request.ctx, reply, q, (limit, offset, c) => listEntitlements(c, q, limit, offset), {
        fileName: { 'zh-CN': `资金支持额度${q.year ?? ''}`, en: `funding-entitlements${q.year ? `-${q.year}` : ''}` },
        sheetName: { 'zh-CN': '资金支持额度', en: 'Entitlements' },
        columns: (l, en) => [
          { header: en ? 'Year' : '年度', value: (r) => r.year, width: 8 },
          { header: en ? 'City' : '市州', value: (r) => r.cityName, width: 12 },
          { header: en ? 'County' : '县市区', value: (r) => r.countyName, width: 12 },
          { header: en ? 'Centre' : '外综服中心', value: (r) => r.centreName, width: 36 },
          { header: en ? 'Operator' : '承办企业', value: (r) => r.operatorName, width: 32 },
          { header: en ? 'Status' : '状态', value: (r) => ENTITLEMENT_STATUS_NAMES[r.status][l], width: 12 },
          { header: en ? 'Due (yuan)' : '应拨付（元）', value: (r) => yuan(r.amountFen), width: 14 },
          { header: en ? 'Withheld (yuan)' : '不予支持（元）', value: (r) => yuan(r.withheldFen), width: 14 },
          { header: en ? 'Paid (yuan)' : '已拨付（元）', value: (r) => yuan(r.paidFen), width: 14 },
          { header: en ? 'Article' : '依据', value: (r) => r.computation.article, width: 22 },
          { header: en ? 'Parameter version' : '参数版本', value: (r) => r.computation.policyVersion, width: 10 },
          { header: en ? 'Computation' : '计算说明', value: (r) => r.computation.explanation[l], width: 60 },
        ],
      });
    },
  );

  app.get(
    '/api/funding/entitlements/:id',
    {
      config: { action: 'funding.read' },
      schema: {
        tags: ['funding'],
        summary: '资金支持额度及计算说明 / One entitlement with its computation',
        params: ZIdParam,
        response: { 200: ZEntitlement, ...errors },
      },
    },
    async (request) => getEntitlement(request.ctx, request.params.id),
  );

  app.get(
    '/api/funding/figures',
    {
      config: { action: 'funding.read' },
      schema: {
        tags: ['funding'],
        summary: '资金支持汇总（按市州或中心，可导出Excel）/ Funding figures by city or centre, or as .xlsx',
        querystring: ZFundingFiguresQuery,
        response: { 200: ZFundingFiguresAnswer, ...errors },
      },
    },
    async (request, reply) => {
      const q = request.query;
      const answer = await fundingOverview(request.ctx, q);
      if (q.format !== 'xlsx') return answer;
      const l = request.ctx.locale;
      const en = l === 'en';
      const byCity = answer.groupBy === 'city';
      const rows = [
        ...answer.lines,
        {
          key: 'total',
          name: en ? 'Total' : '合计',
          cityCode: '',
          cityName: '',
          centreId: null,
          ...answer.total,
        },
      ];
      return sendXlsx(
        reply,
        en ? `funding-figures${answer.year ? `-${answer.year}` : ''}` : `资金支持汇总${answer.year ?? ''}`,
        en ? 'Funding figures' : '资金支持汇总',
        [
          { header: en ? 'Year' : '年度', value: () => answer.year, width: 8 },
          ...(byCity
            ? [{ header: en ? 'City' : '市州', value: (r: (typeof rows)[number]) => r.name, width: 14 }]
            : [
                { header: en ? 'City' : '市州', value: (r: (typeof rows)[number]) => r.cityName, width: 12 },
                { header: en ? 'Centre' : '外综服中心', value: (r: (typeof rows)[number]) => r.name, width: 36 },
              ]),
          { header: en ? 'Due (yuan)' : '应拨付（元）', value: (r) => yuan(r.dueFen), width: 14 },
          { header: en ? 'Paid (yuan)' : '已拨付（元）', value: (r) => yuan(r.paidFen), width: 14 },
          { header: en ? 'Withheld (yuan)' : '不予支持（元）', value: (r) => yuan(r.withheldFen), width: 14 },
          { header: en ? 'To recover (yuan)' : '待追回（元）', value: (r) => yuan(r.toRecoverFen), width: 14 },
          { header: en ? 'Recovered (yuan)' : '已追回（元）', value: (r) => yuan(r.recoveredFen), width: 14 },
        ],
        rows,
      );
    },
  );

  app.get(
    '/api/funding/matching',
    {
      config: { action: 'funding.read' },
      schema: {
        tags: ['funding'],
        summary: '配套资金 / Matching funds of cities and counties (Art. 11)',
        querystring: ZMatchingFundQuery,
        response: { 200: zListOf(ZMatchingFund), ...errors },
      },
    },
    async (request, reply) => {
      const q = request.query;
      return answerList(request.ctx, reply, q, (limit, offset, c) => listMatchingFunds(c, q, limit, offset), {
        fileName: { 'zh-CN': '配套资金', en: 'matching-funds' },
        sheetName: { 'zh-CN': '配套资金', en: 'Matching funds' },
        columns: (_l, en) => [
          { header: en ? 'Year' : '年度', value: (r) => r.year, width: 8 },
          { header: en ? 'Centre' : '外综服中心', value: (r) => r.centreName, width: 36 },
          {
            header: en ? 'Source' : '来源',
            value: (r) => (r.source === 'city' ? (en ? 'City' : '市级') : en ? 'County' : '县级'),
            width: 8,
          },
          { header: en ? 'Amount (yuan)' : '金额（元）', value: (r) => yuan(r.amountFen), width: 14 },
          { header: en ? 'Document' : '文件文号', value: (r) => r.documentNumber, width: 28 },
          { header: en ? 'Granted on' : '拨付日期', value: (r) => r.grantedOn, width: 12 },
        ],
      });
    },
  );

  app.post(
    '/api/funding/matching',
    {
      config: { action: 'funding.recordMatching' },
      schema: {
        tags: ['funding'],
        summary: '登记配套资金 / Record matching funds (Art. 11)',
        body: ZMatchingFundInput,
        response: { 201: ZMatchingFund, ...errors },
      },
    },
    async (request, reply) => reply.code(201).send(await recordMatchingFund(request.ctx, request.body)),
  );
};
