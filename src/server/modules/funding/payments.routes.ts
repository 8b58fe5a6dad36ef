import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ZErrorBody, ZIdParam, zListOf } from '../../../contracts/common';
import {
  PAYMENT_STATUS_NAMES,
  RECOVERY_STATUS_NAMES,
  ZConfirmPaymentInput,
  ZFundUseReportInput,
  ZRecordPaymentInput,
  ZRecordRecoveryInput,
} from '../../../contracts/funding';
import {
  FUND_USE_FLAG_NAMES,
  ZCancelPaymentInput,
  ZFundUseReport,
  ZFundUseReportQuery,
  ZFundUseTarget,
  ZPayableEntitlement,
  ZPayableQuery,
  ZPayment,
  ZPaymentQuery,
  ZRecovery,
  ZRecoveryQuery,
} from '../../../contracts/funding-payments';
import { answerList } from '../../lib/list-route';
import { listFundUseReports, listFundUseTargets } from './fund-use-list';
import { reportFundUse } from './fund-use-report';
import { cancelPayment } from './payment-cancel';
import { confirmPayment } from './payment-confirm';
import { listPayableEntitlements, listPayments } from './payment-list';
import { recordPayment } from './payment-record';
import { listRecoveries } from './recovery-list';
import { recordRecoveryReceipt } from './recovery-receipt';

const errors = { 400: ZErrorBody, 401: ZErrorBody, 403: ZErrorBody, 404: ZErrorBody, 409: ZErrorBody };
/** Whole fen to 元 for a sheet cell: a division for display only, never summed back. */
const yuan = (fen: number) => fen / 100;

/** 拨付 with a second official's confirmation, fund-use reports and recoveries (Art. 11, 14; issue 15). */
export const paymentRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/funding/payments',
    {
      config: { action: 'funding.read' },
      schema: {
        tags: ['funding'],
        summary: '资金拨付（可导出Excel）/ Payments to operators, or as .xlsx',
        querystring: ZPaymentQuery,
        response: { 200: zListOf(ZPayment), ...errors },
      },
    },
    async (request, reply) => {
      const q = request.query;
      return answerList(request.ctx, reply, q, (limit, offset, c) => listPayments(c, q, limit, offset), {
        fileName: { 'zh-CN': `资金拨付${q.year ?? ''}`, en: `payments${q.year ? `-${q.year}` : ''}` },
        sheetName: { 'zh-CN': '资金拨付', en: 'Payments' },
        columns: (l, en) => [
          { header: en ? 'Year' : '年度', value: (r) => r.year, width: 8 },
          { header: en ? 'City' : '市州', value: (r) => r.cityName, width: 12 },
          { header: en ? 'County' : '县市区', value: (r) => r.countyName, width: 12 },
          { header: en ? 'Centre' : '外综服中心', value: (r) => r.centreName, width: 36 },
          { header: en ? 'Operator' : '承办企业', value: (r) => r.operatorName, width: 32 },
          { header: en ? 'Amount (CNY)' : '金额（元）', value: (r) => yuan(r.amountFen), width: 14 },
          { header: en ? 'Paid on' : '拨付日期', value: (r) => r.paidOn, width: 12 },
          { header: en ? 'Status' : '状态', value: (r) => PAYMENT_STATUS_NAMES[r.status][l], width: 10 },
          { header: en ? 'Recorded by' : '登记人', value: (r) => r.recordedByName ?? '', width: 16 },
          { header: en ? 'Confirmed by' : '复核人', value: (r) => r.confirmedByName ?? '', width: 16 },
          { header: en ? 'Voucher' : '凭证号', value: (r) => r.voucherNumber ?? '', width: 18 },
          { header: en ? 'Voucher date' : '凭证日期', value: (r) => r.voucherDate ?? '', width: 12 },
        ],
      });
    },
  );

  app.get(
    '/api/funding/payable',
    {
      config: { action: 'funding.recordPayment' },
      schema: {
        tags: ['funding'],
        summary: '可登记拨付的资金支持 / Entitlements the city may pay against, with what remains',
        querystring: ZPayableQuery,
        response: { 200: z.object({ items: z.array(ZPayableEntitlement) }), ...errors },
      },
    },
    async (request) => listPayableEntitlements(request.ctx, request.query),
  );

  app.post(
    '/api/funding/payments',
    {
      config: { action: 'funding.recordPayment' },
      schema: {
        tags: ['funding'],
        summary: '登记拨付 / Record a payment to the operator (Art. 11)',
        body: ZRecordPaymentInput,
        response: { 201: ZPayment, ...errors },
      },
    },
    async (request, reply) => reply.code(201).send(await recordPayment(request.ctx, request.body)),
  );

  app.post(
    '/api/funding/payments/:id/confirm',
    {
      config: { action: 'funding.confirmPayment' },
      schema: {
        tags: ['funding'],
        summary: '复核确认拨付（登记人以外的工作人员）/ Confirm a payment — another official than the recorder',
        params: ZIdParam,
        body: ZConfirmPaymentInput,
        response: { 200: ZPayment, ...errors },
      },
    },
    async (request) => confirmPayment(request.ctx, request.params.id, request.body),
  );

  app.post(
    '/api/funding/payments/:id/cancel',
    {
      config: { action: 'funding.recordPayment' },
      schema: {
        tags: ['funding'],
        summary: '撤销待复核的拨付登记 / Cancel a payment not yet confirmed',
        params: ZIdParam,
        body: ZCancelPaymentInput,
        response: { 200: ZPayment, ...errors },
      },
    },
    async (request) => cancelPayment(request.ctx, request.params.id, request.body),
  );

  app.get(
    '/api/funding/use-reports',
    {
      config: { action: 'funding.read' },
      schema: {
        tags: ['funding'],
        summary: '资金使用报告（含预警）/ Fund-use reports with their flags (Art. 11)',
        querystring: ZFundUseReportQuery,
        response: { 200: zListOf(ZFundUseReport), ...errors },
      },
    },
    async (request, reply) => {
      const q = request.query;
      return answerList(request.ctx, reply, q, (limit, offset, c) => listFundUseReports(c, q, limit, offset), {
        fileName: { 'zh-CN': '资金使用报告', en: 'fund-use-reports' },
        sheetName: { 'zh-CN': '资金使用报告', en: 'Fund use' },
        columns: (l, en) => [
          { header: en ? 'Year' : '年度', value: (r) => r.year, width: 8 },
          { header: en ? 'Centre' : '外综服中心', value: (r) => r.centreName, width: 36 },
          { header: en ? 'Operator' : '承办企业', value: (r) => r.operatorName, width: 32 },
          { header: en ? 'Reported (CNY)' : '报告金额（元）', value: (r) => yuan(r.totalFen), width: 14 },
          { header: en ? 'Outside (CNY)' : '协议范围外（元）', value: (r) => yuan(r.outsideScopeFen), width: 14 },
          { header: en ? 'Paid (CNY)' : '已拨付（元）', value: (r) => yuan(r.paidFen), width: 14 },
          {
            header: en ? 'Flags' : '预警',
            value: (r) => r.flags.map((f) => FUND_USE_FLAG_NAMES[f][l]).join(en ? '; ' : '；'),
            width: 40,
          },
          { header: en ? 'Submitted' : '报送时间', value: (r) => r.submittedAt.slice(0, 10), width: 12 },
        ],
      });
    },
  );

  app.get(
    '/api/funding/use-targets',
    {
      config: { action: 'funding.reportUse' },
      schema: {
        tags: ['funding'],
        summary: '可报告使用情况的资金及协议资金使用范围 / Entitlements to report on, with the agreement lines',
        response: { 200: z.object({ items: z.array(ZFundUseTarget) }), ...errors },
      },
    },
    async (request) => listFundUseTargets(request.ctx),
  );

  app.post(
    '/api/funding/use-reports',
    {
      config: { action: 'funding.reportUse' },
      schema: {
        tags: ['funding'],
        summary: '报送资金使用情况 / Report the use of funds against the agreement lines (Art. 11)',
        body: ZFundUseReportInput,
        response: { 201: ZFundUseReport, ...errors },
      },
    },
    async (request, reply) => reply.code(201).send(await reportFundUse(request.ctx, request.body)),
  );

  app.get(
    '/api/funding/recoveries',
    {
      config: { action: 'funding.read' },
      schema: {
        tags: ['funding'],
        summary: '追回清单（可导出Excel）/ Payments listed for recovery (Art. 14), or as .xlsx',
        querystring: ZRecoveryQuery,
        response: { 200: zListOf(ZRecovery), ...errors },
      },
    },
    async (request, reply) => {
      const q = request.query;
      return answerList(request.ctx, reply, q, (limit, offset, c) => listRecoveries(c, q, limit, offset), {
        fileName: { 'zh-CN': '追回清单', en: 'recoveries' },
        sheetName: { 'zh-CN': '追回清单', en: 'Recoveries' },
        columns: (l, en) => [
          { header: en ? 'Decision' : '处理决定', value: (r) => r.letterNumber, width: 26 },
          { header: en ? 'Operator' : '承办企业', value: (r) => r.operatorName, width: 32 },
          { header: en ? 'Centre' : '外综服中心', value: (r) => r.centreName, width: 36 },
          { header: en ? 'Year' : '年度', value: (r) => r.year, width: 8 },
          { header: en ? 'To recover (CNY)' : '应追回（元）', value: (r) => yuan(r.dueFen), width: 14 },
          { header: en ? 'Recovered (CNY)' : '已追回（元）', value: (r) => yuan(r.recoveredFen), width: 14 },
          { header: en ? 'Status' : '状态', value: (r) => RECOVERY_STATUS_NAMES[r.status][l], width: 10 },
        ],
      });
    },
  );

  app.post(
    '/api/funding/recoveries/:id/receipts',
    {
      config: { action: 'funding.recordRecovery' },
      schema: {
        tags: ['funding'],
        summary: '登记追回资金 / Record a sum recovered (Art. 14)',
        params: ZIdParam,
        body: ZRecordRecoveryInput,
        response: { 200: ZRecovery, ...errors },
      },
    },
    async (request) => recordRecoveryReceipt(request.ctx, request.params.id, request.body),
  );
};
