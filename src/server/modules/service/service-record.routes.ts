import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

export const serviceRecordRoutes: FastifyPluginAsyncZod = async (_app) => {};
