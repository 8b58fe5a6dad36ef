import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

export const messageRoutes: FastifyPluginAsyncZod = async (_app) => {};
