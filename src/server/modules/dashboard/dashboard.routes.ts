import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ZErrorBody } from '../../../contracts/common';
import { ZDashboard } from '../../../contracts/dashboard';
import { getDashboard } from './get-dashboard';

export const dashboardRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/dashboard',
    {
      config: { action: 'dashboard.read' },
      schema: {
        tags: ['dashboard'],
        summary: '首页统计（按管辖范围）/ Home figures for the user’s scope',
        response: { 200: ZDashboard, 401: ZErrorBody },
      },
    },
    async (request) => getDashboard(request.ctx),
  );
};
