import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ZErrorBody } from '../../../contracts/common';
import {
  ZNewlyTradingPage,
  ZNewlyTradingQuery,
  ZTradeMonitoring,
  ZTradeMonitoringQuery,
} from '../../../contracts/trade-monitoring';
import { sendXlsx } from '../../lib/xlsx';
import { getTradeMonitoring, tradeMonitoringBody } from './get-trade-monitoring';
import { listNewlyTrading, newlyTradingOfScope } from './list-newly-trading';
import { monitoringColumns, monitoringLines } from './trade-monitoring.export';

const ZRouteQuery = ZTradeMonitoringQuery.extend({ format: z.enum(['json', 'xlsx']).default('json') });

export const tradeMonitoringRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/trade/monitoring',
    {
      config: { action: 'trade.read' },
      schema: {
        tags: ['trade'],
        summary:
          '贸易监测：进出口总额、月度、国别、贸易方式、商品章、地区、中心与新开口企业 / Trade monitoring for a year',
        description:
          'A year (default: this year) of imports and exports in the caller’s scope, from the figures layer: ' +
          'totals with the year before and growth, months, countries (top 15 + other), trade modes, HS chapters ' +
          '(top 15 + other), cities or counties, centres’ served enterprises, newly-trading enterprises, and for a ' +
          'centre its served enterprises’ trade before and after. Amounts in fen / US cents. `format=xlsx` downloads ' +
          'the same figures in 万元. The newly-trading enterprises: the first page and the total (the rest from ' +
          '/api/trade/monitoring/newly-trading); the workbook lists them all.',
        querystring: ZRouteQuery,
        response: { 200: ZTradeMonitoring, 400: ZErrorBody, 401: ZErrorBody, 403: ZErrorBody, 404: ZErrorBody },
      },
    },
    async (request, reply) => {
      const { format, ...query } = request.query;
      const m = await getTradeMonitoring(request.ctx, query);
      // The body encoded by the response schema once per cached answer (decision 0031), not on every request: a
      // Buffer is sent as it is (the type provider only knows the object's type).
      if (format !== 'xlsx')
        return reply.type('application/json; charset=utf-8').send(tradeMonitoringBody(m) as unknown as typeof m);
      // The workbook lists every 新开口企业: read through the list's own use case, not the answer's first page.
      const newly = await newlyTradingOfScope(request.ctx, query);
      const locale = request.ctx.locale;
      const en = locale === 'en';
      return sendXlsx(
        reply,
        `${en ? 'trade-monitoring' : '贸易监测'}_${m.year}`,
        en ? 'Trade' : '贸易监测',
        monitoringColumns(locale),
        monitoringLines(m, newly.rows, locale),
      );
    },
  );

  app.get(
    '/api/trade/monitoring/newly-trading',
    {
      config: { action: 'trade.read' },
      schema: {
        tags: ['trade'],
        summary: '贸易监测：新开口企业（分页） / Trade monitoring: newly-trading enterprises, a page',
        description:
          'The year’s newly-trading enterprises (Art. 12(一)) in the caller’s scope with the monitoring page’s ' +
          'filters, ordered by first trading day then enterprise id, a page at a time (the monitoring answer holds ' +
          'the first page). `direction` does not narrow the list: a first trade counts in either direction.',
        querystring: ZNewlyTradingQuery,
        response: { 200: ZNewlyTradingPage, 400: ZErrorBody, 401: ZErrorBody, 403: ZErrorBody, 404: ZErrorBody },
      },
    },
    async (request) => listNewlyTrading(request.ctx, request.query),
  );
};
