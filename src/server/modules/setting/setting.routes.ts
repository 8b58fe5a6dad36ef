import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ZErrorBody } from '../../../contracts/common';
import { ZSettings, ZUpdateSettingsRequest } from '../../../contracts/setting';
import { getSettings, updateSettings } from './settings';

const errors = { 400: ZErrorBody, 401: ZErrorBody, 403: ZErrorBody };

export const settingRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/settings',
    {
      config: { action: 'setting.read' },
      schema: { tags: ['settings'], summary: '系统设置 / System settings', response: { 200: ZSettings, ...errors } },
    },
    async (request) => getSettings(request.ctx),
  );
  app.patch(
    '/api/settings',
    {
      config: { action: 'setting.update' },
      schema: {
        tags: ['settings'],
        summary: '修改系统设置 / Change system settings',
        body: ZUpdateSettingsRequest,
        response: { 200: ZSettings, ...errors },
      },
    },
    async (request) => updateSettings(request.ctx, request.body),
  );
};
