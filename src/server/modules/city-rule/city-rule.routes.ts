import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  ZCityRule,
  ZCityRuleBaseline,
  ZCityRuleBaselineQuery,
  ZCityRuleInput,
  ZCityRuleListQuery,
} from '../../../contracts/city-rule';
import { ZErrorBody, zListOf } from '../../../contracts/common';
import { cityRuleBaseline, listCityRules } from './list-city-rules';
import { publishCityRule } from './publish-city-rule';

const errors = { 400: ZErrorBody, 401: ZErrorBody, 403: ZErrorBody, 404: ZErrorBody, 409: ZErrorBody };

/** 配套实施细则 (Art. 15). */
export const cityRuleRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/city-rules',
    {
      config: { action: 'policy.read' },
      schema: {
        tags: ['policy'],
        summary: '市州配套实施细则 / City implementing rules (Art. 15)',
        querystring: ZCityRuleListQuery,
        response: { 200: zListOf(ZCityRule), ...errors },
      },
    },
    async (request) => {
      const items = await listCityRules(request.ctx, request.query.city);
      return { items, total: items.length };
    },
  );
  app.get(
    '/api/city-rules/baseline',
    {
      config: { action: 'policy.read' },
      schema: {
        tags: ['policy'],
        summary: '可从严的政策参数及现行取值 / The values a city rule may make stricter, as they stand',
        querystring: ZCityRuleBaselineQuery,
        response: { 200: ZCityRuleBaseline, ...errors },
      },
    },
    async (request) => cityRuleBaseline(request.ctx, request.query),
  );
  app.post(
    '/api/city-rules',
    {
      config: { action: 'cityRule.publish' },
      schema: {
        tags: ['policy'],
        summary: '发布本市实施细则（只能从严）/ Publish the city’s implementing rule (stricter only)',
        body: ZCityRuleInput,
        response: { 201: ZCityRule, ...errors },
      },
    },
    async (request, reply) => reply.code(201).send(await publishCityRule(request.ctx, request.body)),
  );
};
