import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

export const serviceStatsRoutes: FastifyPluginAsyncZod = async (_app) => {};
