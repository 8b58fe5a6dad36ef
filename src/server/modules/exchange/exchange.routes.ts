import type { FastifyInstance, FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ZErrorBody, ZIdParam } from '../../../contracts/common';
import {
  ZExchangeRun,
  ZExchangeRunList,
  ZExchangeRunQuery,
  ZInboundQuery,
  ZOutboundRequest,
} from '../../../contracts/exchange';
import { systemContext } from '../../context';
import { uploadedFileName } from '../../lib/stored-file';
import { exchangeRunFile, getExchangeRun, listExchangeRuns, rerunExchange } from './exchange-runs';
import { runInbound, runOutbound } from './run-exchange';
import { SW_ACTOR, verifyCallback } from './single-window-status';

const errors = { 400: ZErrorBody, 401: ZErrorBody, 403: ZErrorBody, 404: ZErrorBody, 409: ZErrorBody, 413: ZErrorBody };
/** An exchange file: a day's declarations of a centre's enterprises fit easily. */
export const EXCHANGE_BODY_LIMIT = 10 * 1024 * 1024;

function sendFile(reply: FastifyReply, f: { bytes: Buffer; fileName: string; contentType: string }) {
  return reply
    .header('content-type', f.contentType)
    .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(f.fileName)}`)
    .header('x-content-type-options', 'nosniff')
    .header('cache-control', 'private, no-store')
    .send(f.bytes);
}

/** The routes that take a file's bytes as they are (XML, JSON, .xlsx): no parser may reshape them before the adapter. */
const rawRoutes: FastifyPluginAsyncZod = async (app) => {
  (app as unknown as FastifyInstance).removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: EXCHANGE_BODY_LIMIT }, (_req, body, done) =>
    done(null, body),
  );
  const bytesOf = (body: unknown) => (Buffer.isBuffer(body) ? body : Buffer.alloc(0));

  app.post(
    '/api/exchange/inbound',
    {
      config: { action: 'exchange.run' },
      bodyLimit: EXCHANGE_BODY_LIMIT,
      schema: {
        tags: ['exchange'],
        summary:
          '接收对接文件（请求体为文件，文件名放在 X-File-Name；全部生效或全部不生效）/ ' +
          'Take in a file from 单一窗口, 数智通 or 楚贸通 (raw body, name in X-File-Name); all of it or nothing',
        querystring: ZInboundQuery,
        body: z.any().describe('XML、JSON 或 .xlsx，≤ 10 MB（格式见 docs/exchange/）'),
        response: { 201: ZExchangeRun, ...errors },
      },
    },
    async (request, reply) => {
      const run = await runInbound(request.ctx, {
        kind: request.query.kind,
        bytes: bytesOf(request.body),
        fileName: uploadedFileName(request.headers),
      });
      return reply.status(201).send(run);
    },
  );

  app.post(
    '/api/exchange/single-window/callback',
    {
      config: { public: true },
      bodyLimit: EXCHANGE_BODY_LIMIT,
      schema: {
        tags: ['exchange'],
        summary:
          '单一窗口备案进度回调（HMAC-SM3 签名：X-SW-Timestamp、X-SW-Signature；报文编号只受理一次）/ ' +
          'Single Window filing-status callback, signed with HMAC-SM3; each message id is taken once',
        security: [],
        body: z.any().describe('FilingStatusMessage（XML，见 docs/exchange/single-window.md）'),
        response: {
          200: z.object({ runId: z.number().int(), status: z.enum(['succeeded', 'failed']) }),
          ...errors,
          503: ZErrorBody,
        },
      },
    },
    async (request) => {
      const ctx = request.ctx;
      const one = (h: string | string[] | undefined) => (Array.isArray(h) ? h[0] : h);
      const bytes = bytesOf(request.body);
      verifyCallback({
        secret: ctx.deps.config.singleWindowSecret,
        timestamp: one(request.headers['x-sw-timestamp']),
        signature: one(request.headers['x-sw-signature']),
        body: bytes,
        now: ctx.deps.clock(),
      });
      const system = systemContext(ctx.deps, 'province');
      const run = await runInbound(
        { ...ctx, user: system.user && { ...system.user, displayName: SW_ACTOR } },
        { kind: 'sw_filing_status', bytes, fileName: 'callback.xml', callbackMessageId: true, skipAccessCheck: true },
      );
      return { runId: run.id, status: run.status };
    },
  );
};

export const exchangeRoutes: FastifyPluginAsyncZod = async (app) => {
  await app.register(rawRoutes);

  app.get(
    '/api/exchange/runs',
    {
      config: { action: 'exchange.read' },
      schema: {
        tags: ['exchange'],
        summary: '数据对接记录 / The log of exchange runs in your scope',
        querystring: ZExchangeRunQuery,
        response: { 200: ZExchangeRunList, ...errors },
      },
    },
    async (request) => listExchangeRuns(request.ctx, request.query),
  );

  app.get(
    '/api/exchange/runs/:id',
    {
      config: { action: 'exchange.read' },
      schema: {
        tags: ['exchange'],
        summary: '一次数据对接 / One exchange run',
        params: ZIdParam,
        response: { 200: ZExchangeRun, ...errors },
      },
    },
    async (request) => getExchangeRun(request.ctx, request.params.id),
  );

  for (const which of ['input', 'output'] as const)
    app.get(
      `/api/exchange/runs/:id/${which}`,
      {
        config: { action: 'exchange.read' },
        schema: {
          tags: ['exchange'],
          summary: which === 'input' ? '下载接收的原文件 / Download the input' : '下载生成的文件 / Download the output',
          params: ZIdParam,
          response: { 200: z.any(), ...errors },
        },
      },
      async (request, reply) => sendFile(reply, await exchangeRunFile(request.ctx, request.params.id, which)),
    );

  app.post(
    '/api/exchange/outbound',
    {
      config: { action: 'exchange.run' },
      schema: {
        tags: ['exchange'],
        summary: '生成对接文件（数智通退税申报包、楚贸通中心月度数据）/ Produce a file for 数智通 or 楚贸通',
        body: ZOutboundRequest,
        response: { 201: ZExchangeRun, ...errors },
      },
    },
    async (request, reply) => reply.status(201).send(await runOutbound(request.ctx, request.body)),
  );

  app.post(
    '/api/exchange/runs/:id/rerun',
    {
      config: { action: 'exchange.run' },
      schema: {
        tags: ['exchange'],
        summary: '重新执行一次对接（已接收的不会重复计入）/ Run an exchange again (nothing is counted twice)',
        params: ZIdParam,
        response: { 201: ZExchangeRun, ...errors },
      },
    },
    async (request, reply) => reply.status(201).send(await rerunExchange(request.ctx, request.params.id)),
  );
};
