import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import cookie from '@fastify/cookie';
import Fastify, { type FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from './context';
import { ping } from './db/client';
import { localeOf } from './lib/errors';
import { refusingUnstorableInput } from './lib/hostile-input';
import { activityRoutes } from './modules/activity/activity.routes';
import { assessmentRoutes } from './modules/assessment/assessment.routes';
import { assessmentSignalRoutes } from './modules/assessment/assessment-signals.routes';
import { evaluationRoutes } from './modules/assessment/evaluation.routes';
import { assessmentResultRoutes } from './modules/assessment/results.routes';
import { attachmentRoutes } from './modules/attachment/attachment.routes';
import { auditRoutes } from './modules/audit/audit.routes';
import { authRoutes } from './modules/auth/auth.routes';
import { backupRoutes } from './modules/backup/backup.routes';
import { calendarRoutes } from './modules/calendar/calendar.routes';
import { centreRoutes } from './modules/centre/centre.routes';
import { cityRuleRoutes } from './modules/city-rule/city-rule.routes';
import { dashboardRoutes } from './modules/dashboard/dashboard.routes';
import { engagementRoutes } from './modules/engagement/engagement.routes';
import { enterpriseRoutes } from './modules/enterprise/enterprise.routes';
import { enterpriseImportRoutes } from './modules/enterprise/import.routes';
import { exchangeRoutes } from './modules/exchange/exchange.routes';
import { fundingRoutes } from './modules/funding/funding.routes';
import { paymentRoutes } from './modules/funding/payments.routes';
import { messageRoutes } from './modules/message/message.routes';
import { operatorRoutes } from './modules/operator/operator.routes';
import { parkRoutes } from './modules/park/park.routes';
import { policyRoutes } from './modules/policy/policy.routes';
import { policyDraftRoutes } from './modules/policy/policy-draft.routes';
import { regionRoutes } from './modules/region/region.routes';
import { sanctionRoutes } from './modules/sanction/sanction.routes';
import { serviceRoutes } from './modules/service/service.routes';
import { serviceRecordRoutes } from './modules/service/service-record.routes';
import { serviceStatsRoutes } from './modules/service-stats/service-stats.routes';
import { settingRoutes } from './modules/setting/setting.routes';
import { staffRoutes } from './modules/staff/staff.routes';
import { tradeRoutes } from './modules/trade/trade.routes';
import { tradeMonitoringRoutes } from './modules/trade/trade-monitoring.routes';
import { userRoutes } from './modules/user/user.routes';
import { registerAuth } from './plugins/auth';
import { registerBrowserProtections } from './plugins/browser-protections';
import { registerErrorHandler, sendError } from './plugins/errors';
import { registerOpenApi } from './plugins/openapi';
import { RequestLog } from './plugins/request-log';
import { registerWeb } from './plugins/web';

export const DEFAULT_WEB_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../dist/web');

export interface BuildAppOptions {
  /** `stream` takes pino's JSON lines (main.ts: src/server/lib/log-format.ts). */
  logger?: boolean | { level: string; stream?: { write(line: string): void } };
  webDir?: string;
}

export interface RegisteredRoute {
  method: string;
  url: string;
  action: string | undefined;
  public: boolean;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Every route as registered, for the access-matrix test. */
    registeredRoutes: RegisteredRoute[];
  }
}

/** The whole HTTP application, built from its dependencies; main.ts and the tests both call this. */
export async function buildApp(deps: Deps, opts: BuildAppOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: opts.logger ?? false,
    // A hop count n means: trust the n nearest proxies (Fastify's types take it as a function).
    trustProxy:
      typeof deps.config.trustProxy === 'number'
        ? (
            (hops: number) => (_addr: string, hop: number) =>
              hop < hops
          )(deps.config.trustProxy)
        : deps.config.trustProxy,
    genReqId: () => randomUUID(),
    // One line per request instead of Fastify's two (plugins/request-log.ts).
    logController: new RequestLog(),
    bodyLimit: 1024 * 1024,
    // Fastify's own refusals before any route runs (a URL that does not decode, a path parameter past its length
    // limit) answer in the API's error shape and the caller's language like every other refusal, without echoing
    // the URL back.
    frameworkErrors: (err, request, reply) => {
      if (err.statusCode === 414) return sendError(request, reply, 'URI_TOO_LONG', 414, {});
      const reason = localeOf(request) === 'en' ? 'the address cannot be decoded' : '请求地址无法解析';
      return sendError(request, reply, 'VALIDATION_FAILED', 400, {
        in: 'url',
        fields: [{ field: 'url', reason }],
        summary: reason,
      });
    },
  }).withTypeProvider<ZodTypeProvider>();
  // Every declared request part is checked for what the database cannot store before its own schema runs.
  app.setValidatorCompiler(refusingUnstorableInput(validatorCompiler));
  app.setSerializerCompiler(serializerCompiler);

  const registered: RegisteredRoute[] = [];
  app.decorate('registeredRoutes', registered);
  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    const config = route.config as { action?: string; public?: boolean } | undefined;
    for (const method of methods) {
      if (method === 'HEAD') continue;
      registered.push({ method, url: route.url, action: config?.action, public: Boolean(config?.public) });
    }
  });

  await app.register(cookie);
  registerErrorHandler(app);
  // Before the session is looked up: a request from another site is refused without touching it.
  await registerBrowserProtections(app, deps.config);
  registerAuth(app, deps);
  await registerOpenApi(app);

  app.get(
    '/healthz',
    {
      config: { public: true },
      schema: {
        tags: ['system'],
        summary: '健康检查 / 200 when the database answers',
        security: [],
        response: { 200: z.object({ status: z.literal('ok'), database: z.enum(['pglite', 'postgres']) }) },
      },
    },
    async (request, reply) => {
      try {
        await ping(deps.db);
      } catch (err) {
        request.log.error({ err }, 'database ping failed');
        return sendError(request, reply, 'DATABASE_UNAVAILABLE', 503, {});
      }
      return { status: 'ok' as const, database: deps.dbKind };
    },
  );

  await app.register(authRoutes(deps));
  await app.register(regionRoutes);
  await app.register(parkRoutes);
  await app.register(userRoutes);
  await app.register(auditRoutes);
  await app.register(policyRoutes);
  await app.register(policyDraftRoutes);
  await app.register(cityRuleRoutes);
  await app.register(settingRoutes);
  await app.register(backupRoutes);
  await app.register(calendarRoutes);
  await app.register(dashboardRoutes);
  await app.register(centreRoutes);
  await app.register(operatorRoutes);
  await app.register(staffRoutes);
  await app.register(attachmentRoutes);
  await app.register(engagementRoutes);
  await app.register(enterpriseRoutes);
  await app.register(enterpriseImportRoutes);
  await app.register(serviceRecordRoutes);
  await app.register(serviceStatsRoutes);
  await app.register(tradeMonitoringRoutes);
  await app.register(activityRoutes);
  await app.register(messageRoutes);
  await app.register(serviceRoutes);
  await app.register(exchangeRoutes);
  await app.register(tradeRoutes);
  await app.register(assessmentSignalRoutes);
  await app.register(evaluationRoutes);
  await app.register(assessmentRoutes);
  await app.register(sanctionRoutes);
  await app.register(assessmentResultRoutes);
  await app.register(fundingRoutes);
  await app.register(paymentRoutes);
  await registerWeb(app, opts.webDir ?? DEFAULT_WEB_DIR);
  await app.ready();
  return app;
}
