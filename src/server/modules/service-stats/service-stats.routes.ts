import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ZErrorBody } from '../../../contracts/common';
import { ZServiceStats, ZServiceStatsQuery } from '../../../contracts/service-record';
import { sendXlsx } from '../../lib/xlsx';
import { getServiceStats } from './service-stats';
import { centreFiguresColumns, statsExportRows } from './service-stats.export';

const ZServiceStatsRouteQuery = ZServiceStatsQuery.extend({ format: z.enum(['json', 'xlsx']).default('json') });

export const serviceStatsRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/service-stats',
    {
      config: { action: 'serviceStats.read' },
      schema: {
        tags: ['service-stats'],
        summary:
          '服务统计：服务量、响应与办结时长、满意度、评价率（按中心）/ Service statistics per centre: volume, times, satisfaction',
        description:
          'Records are those submitted in [from, to] (Beijing days, either optional); ratings count in the window of ' +
          'their record. `format=xlsx` downloads the per-centre table with a totals row.',
        querystring: ZServiceStatsRouteQuery,
        response: { 200: ZServiceStats, 400: ZErrorBody, 401: ZErrorBody, 403: ZErrorBody },
      },
    },
    async (request, reply) => {
      const { format, ...query } = request.query;
      const stats = await getServiceStats(request.ctx, query);
      if (format !== 'xlsx') return stats;
      const locale = request.ctx.locale;
      const en = locale === 'en';
      const period = [stats.from ?? '', stats.to ?? ''].filter(Boolean).join('_');
      return sendXlsx(
        reply,
        `${en ? 'service-statistics' : '服务统计'}${period ? `_${period}` : ''}`,
        en ? 'By centre' : '分中心统计',
        centreFiguresColumns(locale),
        statsExportRows(stats, locale),
      );
    },
  );
};
