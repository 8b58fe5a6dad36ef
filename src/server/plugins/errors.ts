import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError, type ErrorCode, localeOf, renderMessage } from '../lib/errors';

/**
 * Reasons our own schemas give as codes (contracts/auth.ts, contracts/activity.ts refinements), shown in the user's
 * language: zod has no words of its own for a refinement.
 */
const REASONS: Record<string, { 'zh-CN': string; en: string }> = {
  PASSWORD_TOO_SHORT: { 'zh-CN': '密码至少 8 位', en: 'at least 8 characters' },
  PASSWORD_TOO_WEAK: {
    'zh-CN': '密码须包含大写字母、小写字母、数字、符号中的至少三类',
    en: 'use at least three of: upper case, lower case, digits, symbols',
  },
  END_BEFORE_START: { 'zh-CN': '结束日期不能早于开始日期', en: 'the end date is before the start date' },
  DAY_OUT_OF_RANGE: {
    'zh-CN': '日期须在 1900-01-01 至 2099-12-31 之间',
    en: 'the day must lie between 1900-01-01 and 2099-12-31',
  },
  // lib/hostile-input.ts: what the database cannot store, refused for every route before its own schema.
  NUL_CHARACTER: { 'zh-CN': '不能包含空字符（\\u0000）', en: 'must not contain the NUL character (\\u0000)' },
  LONE_SURROGATE: {
    'zh-CN': '包含无效的 Unicode 字符（不成对的代理项）',
    en: 'contains an invalid Unicode character (an unpaired surrogate)',
  },
  TOO_DEEP: { 'zh-CN': '嵌套层级过深', en: 'nested too deeply' },
  // Art. 12(一), decision 0029: the indicator system as data (src/contracts/assessment.ts).
  WEIGHTS_NOT_100: { 'zh-CN': '各指标权重之和须为 100', en: 'the weights must add up to 100' },
  INDICATOR_KEYS_DUPLICATE: { 'zh-CN': '指标代码不能重复', en: 'indicator keys must be unique' },
  GRADE_THRESHOLDS_ORDER: {
    'zh-CN': '等次分数线须依次降低：优秀 > 良好 > 一般',
    en: 'the grade thresholds must fall: excellent > good > fair',
  },
  INDICATOR_METRIC_MISMATCH: {
    'zh-CN': '由评估机构评分的指标不设统计口径，按平台数据计算的指标须选定统计口径',
    en: 'an indicator the evaluator scores has no metric, and a computed one has one',
  },
  LINEAR_SAME_VALUES: { 'zh-CN': '线性计分的零分值与满分值不能相同', en: 'a linear rule needs two different values' },
  SUB_KIND_NOT_OF_KIND: {
    'zh-CN': '活动形式须为所选活动类型下的一项（政策宣贯不设子类）',
    en: 'choose a sub-kind of the chosen kind (policy promotion has none)',
  },
};

const zhLocale = z.locales.zhCN().localeError;

/** zod's own reason in Chinese, rebuilt from the issue that the type provider passes on as `params`. */
function chineseReason(keyword: string, params: Record<string, unknown> | undefined, fallback: string): string {
  // zod's locale functions take the raw issue; the provider split it into code (keyword) and the rest (params).
  const out = zhLocale({ code: keyword, ...(params ?? {}) } as unknown as Parameters<typeof zhLocale>[0]);
  const text = typeof out === 'string' ? out : out?.message;
  return text || fallback;
}

export function sendError(
  request: FastifyRequest,
  reply: FastifyReply,
  code: ErrorCode,
  status: number,
  details: Record<string, unknown>,
) {
  const locale = localeOf(request);
  const message = renderMessage(code, locale, { ...details, requestId: request.id });
  // A use case may give a field's reason in both languages (`reason_zh-CN`, `reason_en`): keep the caller's.
  if (Array.isArray(details.fields)) {
    details = {
      ...details,
      fields: details.fields.map((f: Record<string, unknown>) => {
        const own = f[`reason_${locale}`];
        if (typeof own !== 'string') return f;
        const { 'reason_zh-CN': _zh, reason_en: _en, ...rest } = f;
        return { ...rest, reason: own };
      }),
    };
  }
  // Internals of a 5xx stay in the log; the client gets the code and the request id to quote.
  const body =
    status >= 500 ? { code, message, details: { requestId: request.id } } : { code, message, details: details };
  return reply.status(status).send(body);
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /**
     * Called before a route answers 400 for input it could not parse or validate (the sign-in audits such
     * attempts); it may return another refusal to send instead (a rate limit).
     */
    onInvalidInput?: (request: FastifyRequest) => Promise<AppError | undefined>;
  }
}

function sendAppError(request: FastifyRequest, reply: FastifyReply, err: AppError) {
  if (err.code === 'AUTH_RATE_LIMITED') reply.header('retry-after', String(err.details.retryAfter ?? 60));
  return sendError(request, reply, err.code, err.status, err.details);
}

/** The route's onInvalidInput, if it has one: a refusal to send instead of the 400, or nothing. */
async function onInvalidInput(request: FastifyRequest): Promise<AppError | undefined> {
  const hook = (
    request.routeOptions.config as { onInvalidInput?: (r: FastifyRequest) => Promise<AppError | undefined> }
  )?.onInvalidInput;
  return hook ? hook(request) : undefined;
}

export function registerErrorHandler(app: FastifyInstance) {
  app.setErrorHandler(async (err: FastifyError, request, reply) => {
    if (err instanceof AppError) return sendAppError(request, reply, err);
    if (hasZodFastifySchemaValidationErrors(err)) {
      const instead = await onInvalidInput(request);
      if (instead) return sendAppError(request, reply, instead);
      const locale = localeOf(request);
      const fields = err.validation.map((v) => {
        const field = v.instancePath.replace(/^\//, '').replace(/\//g, '.') || String(v.params?.missingProperty ?? '');
        const own = REASONS[v.message ?? '']?.[locale];
        const reason =
          own ??
          (locale === 'zh-CN'
            ? chineseReason(v.keyword, v.params as Record<string, unknown>, v.message ?? '')
            : (v.message ?? ''));
        return { field, reason };
      });
      const summary = fields
        .map((f) =>
          locale === 'en'
            ? `${f.field || err.validationContext} (${f.reason})`
            : `${f.field || err.validationContext}（${f.reason}）`,
        )
        .join(locale === 'en' ? '; ' : '；');
      return sendError(request, reply, 'VALIDATION_FAILED', 400, {
        in: err.validationContext,
        fields,
        summary,
      });
    }
    if (isResponseSerializationError(err)) {
      request.log.error({ err, issues: err.cause.issues }, 'response does not match its schema');
      return sendError(request, reply, 'INTERNAL', 500, {});
    }
    if (err.statusCode === 413) return sendError(request, reply, 'PAYLOAD_TOO_LARGE', 413, {});
    if (err.statusCode === 415) {
      // No parser for the body's type (text/plain, a form …): a JSON route takes JSON only.
      const instead = await onInvalidInput(request);
      if (instead) return sendAppError(request, reply, instead);
      return sendError(request, reply, 'UNSUPPORTED_MEDIA_TYPE', 415, {
        contentType: String(request.headers['content-type'] || '—').slice(0, 100),
      });
    }
    if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
      // Fastify's own 4xx (malformed JSON, wrong content type …): the request was wrong, say how.
      const instead = await onInvalidInput(request);
      if (instead) return sendAppError(request, reply, instead);
      return sendError(request, reply, 'VALIDATION_FAILED', 400, {
        fields: [{ field: 'body', reason: err.message }],
        summary: err.message,
      });
    }
    request.log.error({ err }, 'unhandled error');
    return sendError(request, reply, 'INTERNAL', 500, {});
  });
}
