import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  ZCalendarImportPreview,
  ZCalendarImportPreviewRequest,
  ZCalendarOverview,
  ZCalendarYearDetail,
  ZCalendarYearParam,
  ZEnterCalendarYearRequest,
  ZEnterCalendarYearResponse,
} from '../../../contracts/calendar';
import { ZErrorBody } from '../../../contracts/common';
import { enterCalendarYear } from './enter-calendar-year';
import { previewCalendarImport } from './preview-calendar-import';
import { getCalendarOverview, getCalendarYear } from './read-calendar';

const errors = { 400: ZErrorBody, 401: ZErrorBody, 403: ZErrorBody };

/** 节假日安排 (issue 10): where working days come from, and the administrator's entries of each year's notice. */
export const calendarRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/calendar/years',
    {
      config: { action: 'calendar.read' },
      schema: {
        tags: ['calendar'],
        summary: '节假日安排概览 / Official calendar overview',
        response: { 200: ZCalendarOverview, ...errors },
      },
    },
    async (request) => getCalendarOverview(request.ctx),
  );
  app.get(
    '/api/calendar/years/:year',
    {
      config: { action: 'calendar.read' },
      schema: {
        tags: ['calendar'],
        summary: '某年节假日与调休上班日 / Holidays and make-up working days of a year',
        params: ZCalendarYearParam,
        response: { 200: ZCalendarYearDetail, ...errors },
      },
    },
    async (request) => getCalendarYear(request.ctx, request.params.year),
  );
  app.put(
    '/api/calendar/years/:year',
    {
      config: { action: 'calendar.manage' },
      schema: {
        tags: ['calendar'],
        summary: '录入或替换某年节假日安排 / Enter or replace a year’s holiday arrangement',
        params: ZCalendarYearParam,
        body: ZEnterCalendarYearRequest,
        response: { 200: ZEnterCalendarYearResponse, 409: ZErrorBody, ...errors },
      },
    },
    async (request) => enterCalendarYear(request.ctx, request.params.year, request.body),
  );
  app.post(
    '/api/calendar/import-preview',
    {
      config: { action: 'calendar.manage' },
      schema: {
        tags: ['calendar'],
        summary: '预览 .ics 文件中的节假日安排（不保存）/ Preview the arrangement in an .ics file (nothing is stored)',
        body: ZCalendarImportPreviewRequest,
        response: { 200: ZCalendarImportPreview, 415: ZErrorBody, ...errors },
      },
    },
    async (request) => previewCalendarImport(request.ctx, request.body.year, request.body.ics),
  );
};
