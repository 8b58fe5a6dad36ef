import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { SERVICE_CATALOGUE, ZServiceCatalogueEntry } from '../../../contracts/service-catalogue';

export const serviceRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/public/service-catalogue',
    {
      config: { public: true },
      schema: {
        tags: ['public'],
        summary: '外综服中心服务目录（第五条，公开）/ The 22 service categories of Art. 5 and their items (no sign-in)',
        security: [],
        response: { 200: z.object({ items: z.array(ZServiceCatalogueEntry), total: z.number().int() }) },
      },
    },
    async (_request, reply) => {
      // The catalogue is policy text: the same for everyone, cacheable for an hour.
      reply.header('cache-control', 'public, max-age=3600');
      return {
        items: SERVICE_CATALOGUE.map((e) => ({ ...e, subItems: e.subItems.map((s) => ({ ...s })) })),
        total: SERVICE_CATALOGUE.length,
      };
    },
  );
};
