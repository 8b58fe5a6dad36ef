import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ZErrorBody, zListOf } from '../../../contracts/common';
import { ZPolicyVersion, ZPolicyVersionParam } from '../../../contracts/policy';
import { requireAction } from '../../lib/access/require-access';
import { AppError } from '../../lib/errors';
import { beijingDay, listPolicyVersions } from '../../policy/policy';

const errors = { 401: ZErrorBody, 403: ZErrorBody, 404: ZErrorBody };

export const policyRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/policy/versions',
    {
      config: { action: 'policy.read' },
      schema: {
        tags: ['policy'],
        summary: '政策参数版本 / Policy parameter versions',
        response: { 200: zListOf(ZPolicyVersion), ...errors },
      },
    },
    async (request) => {
      requireAction(request.user, 'policy.read');
      const items = await listPolicyVersions(request.ctx.deps.db, beijingDay(request.ctx.deps.clock()));
      return { items, total: items.length };
    },
  );

  app.get(
    '/api/policy/versions/:version',
    {
      config: { action: 'policy.read' },
      schema: {
        tags: ['policy'],
        summary: '一个版本的政策参数 / One policy parameter version',
        params: ZPolicyVersionParam,
        response: { 200: ZPolicyVersion, ...errors },
      },
    },
    async (request) => {
      requireAction(request.user, 'policy.read');
      const items = await listPolicyVersions(request.ctx.deps.db, beijingDay(request.ctx.deps.clock()));
      const found = items.find((v) => v.version === request.params.version);
      if (!found) throw new AppError('NOT_FOUND', { version: request.params.version });
      return found;
    },
  );
};
