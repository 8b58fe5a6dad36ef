import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ZErrorBody, zListOf } from '../../../contracts/common';
import { ZRegion, ZRegionCodeParam, ZRegionListQuery } from '../../../contracts/region';
import { REGION_LEVEL_LABELS } from '../../lib/labels';
import { answerList } from '../../lib/list-route';
import { getRegion, listRegionsForUser } from './list-regions';

export const regionRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/regions',
    {
      config: { action: 'region.read' },
      schema: {
        tags: ['regions'],
        summary: '行政区划列表 / List administrative divisions (GB/T 2260)',
        querystring: ZRegionListQuery,
        response: { 200: zListOf(ZRegion), 400: ZErrorBody },
      },
    },
    async (request, reply) => {
      const q = request.query;
      return answerList(request.ctx, reply, q, (limit, offset, c) => listRegionsForUser(c, q, limit, offset), {
        fileName: { 'zh-CN': '行政区划', en: 'regions' },
        sheetName: { 'zh-CN': '行政区划', en: 'Regions' },
        columns: (l, en) => [
          { header: en ? 'Code' : '代码', value: (r) => r.code, width: 10 },
          { header: en ? 'Name' : '名称', value: (r) => r.name, width: 24 },
          { header: en ? 'Level' : '级别', value: (r) => REGION_LEVEL_LABELS[r.level][l] },
          { header: en ? 'Parent' : '上级', value: (r) => r.parentName, width: 20 },
          { header: en ? 'Parks' : '园区数', value: (r) => r.parkCount, width: 10 },
        ],
      });
    },
  );

  app.get(
    '/api/regions/:code',
    {
      config: { action: 'region.read' },
      schema: {
        tags: ['regions'],
        summary: '行政区划详情 / One administrative division',
        params: ZRegionCodeParam,
        response: { 200: ZRegion, 404: ZErrorBody },
      },
    },
    async (request) => getRegion(request.ctx, request.params.code),
  );
};
