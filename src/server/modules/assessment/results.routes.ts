import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { GRADE_NAMES } from '../../../contracts/assessment';
import {
  CONSEQUENCE_NAMES,
  CONSEQUENCE_STATUS_NAMES,
  ZAssessmentResult,
  ZAssessmentResultListQuery,
  ZConfirmCancellationRequest,
  ZConsequence,
  ZConsequenceListQuery,
  ZGradeDistribution,
  ZGradeDistributionQuery,
  ZResultSheetParams,
  ZTenderPriorityList,
} from '../../../contracts/assessment-results';
import { ZErrorBody, ZIdParam, zListOf } from '../../../contracts/common';
import { requireAction } from '../../lib/access/require-access';
import { answerList } from '../../lib/list-route';
import { LETTER_CSP } from '../centre/print-decision-letter';
import { gradeDistribution } from '../figures';
import { confirmCancellation } from './confirm-cancellation';
import { listConsequences, listTenderPriorities } from './list-consequences';
import { listResults } from './list-results';
import { printResultSheet } from './print-result-sheet';

const errors = { 400: ZErrorBody, 401: ZErrorBody, 403: ZErrorBody, 404: ZErrorBody, 409: ZErrorBody };

/** Published grades, the result sheet, the year's export and the consequences of Art. 12(三) (issue 14). */
export const assessmentResultRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/assessment/results',
    {
      config: { action: 'assessment.read' },
      schema: {
        tags: ['assessment'],
        summary: '考核结果（可导出Excel）/ Published assessment results, or the year as .xlsx',
        querystring: ZAssessmentResultListQuery,
        response: { 200: zListOf(ZAssessmentResult), ...errors },
      },
    },
    async (request, reply) => {
      const q = request.query;
      return answerList(request.ctx, reply, q, (limit, offset, c) => listResults(c, q, limit, offset), {
        fileName: { 'zh-CN': `考核评估结果${q.year ?? ''}`, en: `assessment-results${q.year ? `-${q.year}` : ''}` },
        sheetName: { 'zh-CN': '考核评估结果', en: 'Assessment results' },
        columns: (l, en) => [
          { header: en ? 'Year' : '年度', value: (r) => r.year, width: 8 },
          { header: en ? 'City' : '市州', value: (r) => r.cityName, width: 12 },
          { header: en ? 'County' : '县市区', value: (r) => r.countyName, width: 12 },
          { header: en ? 'Centre' : '外综服中心', value: (r) => r.centreName, width: 36 },
          { header: en ? 'Operator' : '承办企业', value: (r) => r.operatorName, width: 32 },
          // Numeric text to a number for the sheet: two decimals as stored, no arithmetic on it.
          { header: en ? 'Total' : '总分', value: (r) => Number(r.total), width: 8 },
          { header: en ? 'Grade' : '等次', value: (r) => GRADE_NAMES[r.grade][l], width: 8 },
          { header: en ? 'Published' : '公布日期', value: (r) => r.publishedAt.slice(0, 10), width: 12 },
        ],
      });
    },
  );

  app.get(
    '/api/assessment/results/distribution',
    {
      config: { action: 'assessment.read' },
      schema: {
        tags: ['assessment'],
        summary: '考核等次分布 / Grade distribution of a published year',
        querystring: ZGradeDistributionQuery,
        response: { 200: ZGradeDistribution, ...errors },
      },
    },
    async (request) =>
      gradeDistribution(request.ctx.deps.db, requireAction(request.user, 'assessment.read'), request.query.year),
  );

  app.get(
    '/api/assessment/results/:centreId/:year/print',
    {
      config: { action: 'assessment.read' },
      schema: {
        tags: ['assessment'],
        summary: '考核评估结果单（可打印页面）/ Result sheet as a print-ready page',
        params: ZResultSheetParams,
        response: { 200: z.string(), ...errors },
      },
    },
    async (request, reply) =>
      reply
        .type('text/html; charset=utf-8')
        .header('content-security-policy', LETTER_CSP)
        .send(await printResultSheet(request.ctx, request.params.centreId, request.params.year)),
  );

  app.get(
    '/api/assessment/consequences',
    {
      config: { action: 'assessment.read' },
      schema: {
        tags: ['assessment'],
        summary: '考核结果运用 / Consequences of published grades (Art. 12(3))',
        querystring: ZConsequenceListQuery,
        response: { 200: zListOf(ZConsequence), ...errors },
      },
    },
    async (request, reply) => {
      const q = request.query;
      return answerList(request.ctx, reply, q, (limit, offset, c) => listConsequences(c, q, limit, offset), {
        fileName: { 'zh-CN': '考核结果运用', en: 'assessment-consequences' },
        sheetName: { 'zh-CN': '考核结果运用', en: 'Consequences' },
        columns: (l, en) => [
          { header: en ? 'Year' : '年度', value: (r) => r.year, width: 8 },
          { header: en ? 'Centre' : '外综服中心', value: (r) => r.centreName, width: 36 },
          { header: en ? 'Operator' : '承办企业', value: (r) => r.operatorName, width: 32 },
          { header: en ? 'Consequence' : '结果运用', value: (r) => CONSEQUENCE_NAMES[r.kind][l], width: 24 },
          { header: en ? 'Article' : '依据', value: (r) => r.article, width: 18 },
          { header: en ? 'Status' : '状态', value: (r) => CONSEQUENCE_STATUS_NAMES[r.status][l], width: 10 },
        ],
      });
    },
  );

  app.post(
    '/api/assessment/consequences/:id/confirm-cancellation',
    {
      config: { action: 'operator.cancelQualification' },
      schema: {
        tags: ['assessment'],
        summary: '确认取消承办资质 / Confirm the cancellation of a qualification (Art. 12(3)(2))',
        params: ZIdParam,
        body: ZConfirmCancellationRequest,
        response: { 200: ZConsequence, ...errors },
      },
    },
    async (request) => confirmCancellation(request.ctx, request.params.id, request.body),
  );

  app.get(
    '/api/assessment/tender-priorities',
    {
      config: { action: 'operator.read' },
      schema: {
        tags: ['assessment'],
        summary: '招标优先考虑标记 / Operators preferred on equal terms in the next tender (Art. 12(3)(3))',
        response: { 200: ZTenderPriorityList, ...errors },
      },
    },
    async (request) => listTenderPriorities(request.ctx),
  );
};
