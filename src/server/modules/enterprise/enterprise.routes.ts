import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

export const enterpriseRoutes: FastifyPluginAsyncZod = async (_app) => {};
