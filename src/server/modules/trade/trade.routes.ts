import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ZErrorBody, ZIdParam, zListOf } from '../../../contracts/common';
import { ZTradeIntakeResult } from '../../../contracts/trade';
import { countryName, TRADE_DIRECTION_LABELS, tradeModeLabel } from '../../../contracts/trade-codes';
import {
  TRADE_FILE_COLUMNS,
  ZExchangeRate,
  ZExchangeRateListQuery,
  ZRateImportResult,
  ZTradeBulkRequest,
  ZTradeDeclaration,
  ZTradeDeclarationDetail,
  ZTradeDeclarationListQuery,
  ZTradeImportJob,
  ZTradeIntake,
  ZTradeIntakeListQuery,
} from '../../../contracts/trade-intake';
import { answerList } from '../../lib/list-route';
import { uploadedFileName } from '../../lib/stored-file';
import { acceptRawFiles } from '../attachment/attachment.routes';
import { bulkDeclarations } from './bulk-declarations';
import { declarationTemplateCsv, declarationTemplateXlsx } from './declaration-template';
import { importRates, listRates, ratesTemplate, XLSX_TYPE } from './exchange-rates';
import { getTradeImportJob, startTradeImport, TRADE_IMPORT_BODY_LIMIT } from './import-declaration-file';
import { getDeclaration, listDeclarations } from './list-declarations';
import { listIntakes } from './list-intakes';

const errors = {
  400: ZErrorBody,
  401: ZErrorBody,
  403: ZErrorBody,
  404: ZErrorBody,
  409: ZErrorBody,
  413: ZErrorBody,
  415: ZErrorBody,
};
const download = (name: string) => `attachment; filename*=UTF-8''${encodeURIComponent(name)}`;

export const tradeRoutes: FastifyPluginAsyncZod = async (app) => {
  acceptRawFiles(app);
  const running = new Set<Promise<void>>();
  app.addHook('onClose', async () => {
    await Promise.allSettled(running);
  });

  app.get(
    '/api/trade/declarations',
    {
      config: { action: 'trade.read' },
      schema: {
        tags: ['trade'],
        summary: '报关单列表（按权限范围；format=xlsx 导出）/ Customs declarations in scope (format=xlsx to export)',
        querystring: ZTradeDeclarationListQuery,
        response: { 200: zListOf(ZTradeDeclaration), ...errors },
      },
    },
    async (request, reply) => {
      const q = request.query;
      return answerList(request.ctx, reply, q, (limit, offset, c) => listDeclarations(c, q, limit, offset), {
        fileName: { 'zh-CN': '报关单', en: 'declarations' },
        sheetName: { 'zh-CN': '报关单', en: 'Declarations' },
        columns: (l, en) => [
          { header: en ? 'Declaration no.' : '报关单号', value: (d) => d.declarationNo, width: 22 },
          { header: en ? 'Enterprise' : '企业', value: (d) => d.enterpriseName, width: 30 },
          { header: en ? 'Credit code' : '统一社会信用代码', value: (d) => d.creditCode, width: 22 },
          { header: en ? 'City' : '市（州）', value: (d) => d.cityName, width: 12 },
          { header: en ? 'County' : '县（市、区）', value: (d) => d.countyName, width: 12 },
          { header: en ? 'Direction' : '进出口', value: (d) => TRADE_DIRECTION_LABELS[d.direction][l], width: 8 },
          { header: en ? 'Declared on' : '申报日期', value: (d) => d.declaredOn, width: 12 },
          {
            header: en ? 'Trade mode' : '贸易方式',
            value: (d) => tradeModeLabel(d.tradeMode, l),
            width: 20,
          },
          { header: en ? 'Country (region)' : '贸易国（地区）', value: (d) => countryName(d.country, l), width: 14 },
          { header: en ? 'Currency' : '币制', value: (d) => d.currency, width: 8 },
          { header: en ? 'Amount' : '总价', value: (d) => Number(d.amount), width: 16 },
          { header: en ? 'Amount (CNY)' : '人民币金额（元）', value: (d) => Number(d.amountCny), width: 18 },
          { header: en ? 'Amount (USD)' : '美元金额', value: (d) => Number(d.amountUsd), width: 16 },
          { header: en ? 'Lines' : '商品项数', value: (d) => d.lineCount, width: 8 },
          { header: en ? 'Order no.' : '订单号', value: (d) => d.orderNo, width: 16 },
          { header: en ? 'Foreign customer' : '境外客户', value: (d) => d.foreignCustomer, width: 24 },
        ],
      });
    },
  );

  app.get(
    '/api/trade/declarations/:id',
    {
      config: { action: 'trade.read' },
      schema: {
        tags: ['trade'],
        summary: '报关单详情（含表体各项）/ One declaration with its lines',
        params: ZIdParam,
        response: { 200: ZTradeDeclarationDetail, ...errors },
      },
    },
    async (request) => getDeclaration(request.ctx, request.params.id),
  );

  app.post(
    '/api/trade/declarations/bulk',
    {
      config: { action: 'trade.import' },
      bodyLimit: 64 * 1024 * 1024,
      schema: {
        tags: ['trade'],
        summary:
          '批量报送报关单（JSON，≤ 5000 份，全部成功或全部不导入；Idempotency-Key 相同且内容相同时返回首次结果，内容不同时拒绝）/ ' +
          'Bulk declarations (JSON, ≤ 5,000, all or nothing; the same Idempotency-Key and body answer the first result, another body is refused)',
        headers: z.object({ 'idempotency-key': z.string().max(200).optional() }),
        body: ZTradeBulkRequest,
        response: { 200: ZTradeIntakeResult, ...errors },
      },
    },
    async (request) =>
      bulkDeclarations({
        ctx: request.ctx,
        idempotencyKey: request.headers['idempotency-key'],
        body: request.body,
      }),
  );

  app.post(
    '/api/trade/imports',
    {
      config: { action: 'trade.import' },
      bodyLimit: TRADE_IMPORT_BODY_LIMIT,
      schema: {
        tags: ['trade'],
        summary:
          '导入报关单文件（请求体为 .xlsx 或 .csv，文件名放在 X-File-Name；后台执行，轮询任务查看进度；全部成功或全部不导入）/ ' +
          'Import a declaration file (raw body, name in X-File-Name); runs in the background, poll the job; all or nothing',
        consumes: [XLSX_TYPE, 'text/csv'],
        body: z.any().describe(`.xlsx 或 .csv，表头：${TRADE_FILE_COLUMNS.map((c) => c.header).join('、')}`),
        response: { 202: ZTradeImportJob, ...errors },
      },
    },
    async (request, reply) => {
      const { job, done } = await startTradeImport({
        ctx: request.ctx,
        body: Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0),
        contentType: request.headers['content-type'] ?? '',
        fileName: uploadedFileName(request.headers),
      });
      const tracked = done.catch((err: unknown) => app.log.error({ err, jobId: job.id }, 'trade import failed'));
      running.add(tracked);
      void tracked.finally(() => running.delete(tracked));
      return reply.status(202).send(job);
    },
  );

  app.get(
    '/api/trade/imports/:id',
    {
      config: { action: 'trade.import' },
      schema: {
        tags: ['trade'],
        summary:
          '报关单文件导入的进度与逐行报告（仅发起人可见）/ A declaration file import: progress and report (its starter only)',
        params: ZIdParam,
        response: { 200: ZTradeImportJob, ...errors },
      },
    },
    async (request) => getTradeImportJob(request.ctx, request.params.id),
  );

  app.get(
    '/api/trade/template',
    {
      config: { action: 'trade.import' },
      schema: {
        tags: ['trade'],
        summary: '报关单导入模板（format=csv 为 CSV）/ Declaration file template (.xlsx, or format=csv)',
        querystring: z.object({ format: z.enum(['xlsx', 'csv']).default('xlsx') }),
        response: { 200: z.any().describe('.xlsx / .csv'), 400: ZErrorBody, 401: ZErrorBody, 403: ZErrorBody },
      },
    },
    async (request, reply) =>
      request.query.format === 'csv'
        ? reply
            .header('content-type', 'text/csv; charset=utf-8')
            .header('content-disposition', download('报关单导入模板.csv'))
            .send(declarationTemplateCsv())
        : reply
            .header('content-type', XLSX_TYPE)
            .header('content-disposition', download('报关单导入模板.xlsx'))
            .send(await declarationTemplateXlsx()),
  );

  app.get(
    '/api/trade/intakes',
    {
      config: { action: 'trade.read' },
      schema: {
        tags: ['trade'],
        summary:
          '报送记录（本人的，以及本辖区的；失败的附逐行报告）/ Intakes: your own and your region’s, with failed ones’ reports',
        querystring: ZTradeIntakeListQuery,
        response: { 200: zListOf(ZTradeIntake), ...errors },
      },
    },
    async (request, reply) => {
      const q = request.query;
      return answerList(request.ctx, reply, q, (limit, offset, c) => listIntakes(c, q, limit, offset), {
        fileName: { 'zh-CN': '报送记录', en: 'intakes' },
        sheetName: { 'zh-CN': '报送记录', en: 'Intakes' },
        columns: (_l, en) => [
          { header: en ? 'Time' : '时间', value: (i) => i.createdAt, width: 22 },
          { header: en ? 'By' : '报送人', value: (i) => i.userName, width: 16 },
          { header: en ? 'File' : '文件', value: (i) => i.fileName, width: 24 },
          {
            header: en ? 'Status' : '结果',
            value: (i) => (i.status === 'succeeded' ? (en ? 'Succeeded' : '成功') : en ? 'Failed' : '失败'),
            width: 8,
          },
          { header: en ? 'Declarations' : '报关单', value: (i) => i.declarations, width: 10 },
          { header: en ? 'Lines' : '商品项', value: (i) => i.lines, width: 10 },
          { header: en ? 'Duplicates' : '重复', value: (i) => i.duplicates, width: 8 },
        ],
      });
    },
  );

  app.get(
    '/api/trade/rates',
    {
      config: { action: 'trade.read' },
      schema: {
        tags: ['trade'],
        summary: '月度汇率（format=xlsx 导出）/ Monthly exchange rates (format=xlsx to export)',
        querystring: ZExchangeRateListQuery,
        response: { 200: zListOf(ZExchangeRate), ...errors },
      },
    },
    async (request, reply) => {
      const q = request.query;
      return answerList(request.ctx, reply, q, (limit, offset, c) => listRates(c, q, limit, offset), {
        fileName: { 'zh-CN': '月度汇率', en: 'exchange-rates' },
        sheetName: { 'zh-CN': '月度汇率', en: 'Rates' },
        columns: (_l, en) => [
          { header: en ? 'Month' : '月份', value: (r) => r.month, width: 10 },
          { header: en ? 'Currency' : '币制', value: (r) => r.currency, width: 8 },
          { header: en ? 'CNY per unit' : '人民币折算率', value: (r) => r.cnyPerUnit, width: 16 },
        ],
      });
    },
  );

  app.post(
    '/api/trade/rates',
    {
      config: { action: 'trade.rates' },
      schema: {
        tags: ['trade'],
        summary:
          '导入月度汇率（请求体为 .xlsx 或 .csv：月份、币制、人民币折算率；全部成功或全部不导入）/ Import monthly rates (all rows or none)',
        consumes: [XLSX_TYPE, 'text/csv'],
        body: z.any().describe('.xlsx 或 .csv，表头：月份、币制、人民币折算率'),
        response: { 200: ZRateImportResult, ...errors },
      },
    },
    async (request) =>
      importRates(
        request.ctx,
        Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0),
        request.headers['content-type'] ?? '',
      ),
  );

  app.get(
    '/api/trade/rates/template',
    {
      config: { action: 'trade.rates' },
      schema: {
        tags: ['trade'],
        summary: '月度汇率导入模板 / Monthly rates template (.xlsx)',
        response: { 200: z.any().describe('.xlsx'), 401: ZErrorBody, 403: ZErrorBody },
      },
    },
    async (_request, reply) =>
      reply
        .header('content-type', XLSX_TYPE)
        .header('content-disposition', download('月度汇率导入模板.xlsx'))
        .send(await ratesTemplate()),
  );
};
