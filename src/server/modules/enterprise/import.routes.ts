import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

export const enterpriseImportRoutes: FastifyPluginAsyncZod = async (_app) => {};
