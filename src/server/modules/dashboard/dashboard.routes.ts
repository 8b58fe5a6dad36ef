import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ZErrorBody } from '../../../contracts/common';
import { ZCityOverviewParams, ZDashboard, ZRegionOverview } from '../../../contracts/dashboard';
import { getCityOverview } from './get-city-overview';
import { getDashboard } from './get-dashboard';

export const dashboardRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/dashboard',
    {
      config: { action: 'dashboard.read' },
      schema: {
        tags: ['dashboard'],
        summary: '首页：本角色的待办与统计 / Home: the caller’s own work and figures',
        response: { 200: ZDashboard, 401: ZErrorBody },
      },
    },
    async (request) => getDashboard(request.ctx),
  );
  app.get(
    '/api/dashboard/cities/:cityCode',
    {
      config: { action: 'dashboard.overview' },
      schema: {
        tags: ['dashboard'],
        summary: '省级总览：某市（州）按县（市、区） / Province overview of one city by county',
        params: ZCityOverviewParams,
        response: { 200: ZRegionOverview, 400: ZErrorBody, 401: ZErrorBody, 403: ZErrorBody, 404: ZErrorBody },
      },
    },
    async (request) => getCityOverview(request.ctx, request.params.cityCode),
  );
};
