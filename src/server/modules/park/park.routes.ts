import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ZErrorBody, ZIdParam, zListOf } from '../../../contracts/common';
import { ZCreateParkRequest, ZPark, ZParkListQuery, ZUpdateParkRequest } from '../../../contracts/park';
import { PARK_KIND_LABELS, PARK_LEVEL_LABELS, yesNo } from '../../lib/labels';
import { answerList } from '../../lib/list-route';
import { createPark } from './create-park';
import { getPark, listParksForUser } from './list-parks';
import { updatePark } from './update-park';

const errors = { 400: ZErrorBody, 401: ZErrorBody, 403: ZErrorBody, 404: ZErrorBody, 409: ZErrorBody };

export const parkRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/parks',
    {
      config: { action: 'park.read' },
      schema: {
        tags: ['parks'],
        summary: '开发区/园区列表 / List development zones in scope',
        querystring: ZParkListQuery,
        response: { 200: zListOf(ZPark), ...errors },
      },
    },
    async (request, reply) => {
      const q = request.query;
      return answerList(request.ctx, reply, q, (limit, offset, c) => listParksForUser(c, q, limit, offset), {
        fileName: { 'zh-CN': '开发区园区', en: 'parks' },
        sheetName: { 'zh-CN': '开发区园区', en: 'Parks' },
        columns: (l, en) => [
          { header: 'ID', value: (p) => p.id, width: 8 },
          { header: en ? 'Name' : '名称', value: (p) => p.name, width: 36 },
          { header: en ? 'Kind' : '类型', value: (p) => PARK_KIND_LABELS[p.kind][l], width: 22 },
          { header: en ? 'Level' : '级别', value: (p) => PARK_LEVEL_LABELS[p.level][l], width: 10 },
          { header: en ? 'City' : '市（州）', value: (p) => p.cityName, width: 20 },
          { header: en ? 'County' : '县（市、区）', value: (p) => p.countyName, width: 16 },
          { header: en ? 'Demo data' : '演示数据', value: (p) => yesNo(p.isDemo, l), width: 10 },
        ],
      });
    },
  );

  app.get(
    '/api/parks/:id',
    {
      config: { action: 'park.read' },
      schema: {
        tags: ['parks'],
        summary: '园区详情 / One park',
        params: ZIdParam,
        response: { 200: ZPark, ...errors },
      },
    },
    async (request) => getPark(request.ctx, request.params.id),
  );

  app.post(
    '/api/parks',
    {
      config: { action: 'park.create' },
      schema: {
        tags: ['parks'],
        summary: '新增园区（省商务厅）/ Add a park (province)',
        body: ZCreateParkRequest,
        response: { 201: ZPark, ...errors },
      },
    },
    async (request, reply) => reply.status(201).send(await createPark({ ctx: request.ctx, input: request.body })),
  );

  app.patch(
    '/api/parks/:id',
    {
      config: { action: 'park.update' },
      schema: {
        tags: ['parks'],
        summary: '修改园区（省商务厅）/ Change a park (province)',
        params: ZIdParam,
        body: ZUpdateParkRequest,
        response: { 200: ZPark, ...errors },
      },
    },
    async (request) => updatePark(request.ctx, request.params.id, request.body),
  );
};
