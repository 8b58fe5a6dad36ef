import type { TLocale } from '../../contracts/common';

/**
 * The one error type of the domain (CONVENTIONS §4). Modules throw AppError with a code; the error handler turns it
 * into `{ code, message, details }` with the HTTP status from ERROR_STATUS and the message in the request's language.
 */
export const ERROR_STATUS = {
  VALIDATION_FAILED: 400,
  AUTH_REQUIRED: 401,
  AUTH_INVALID_CREDENTIALS: 401,
  AUTH_ACCOUNT_DISABLED: 401,
  AUTH_SESSION_EXPIRED: 401,
  AUTH_CURRENT_PASSWORD_WRONG: 400,
  AUTH_ACCOUNT_LOCKED: 423,
  AUTH_RATE_LIMITED: 429,
  FORBIDDEN: 403,
  ORIGIN_REFUSED: 403,
  NOT_FOUND: 404,
  ROUTE_NOT_FOUND: 404,
  VERSION_CONFLICT: 409,
  USERNAME_TAKEN: 409,
  PARK_NAME_TAKEN: 409,
  REGION_NOT_COUNTY: 400,
  USER_SCOPE_INVALID: 400,
  CANNOT_DISABLE_SELF: 400,
  PASSWORD_POLICY: 400,
  PAYLOAD_TOO_LARGE: 413,
  URI_TOO_LONG: 414,
  UNSUPPORTED_MEDIA_TYPE: 415,
  INVALID_TRANSITION: 409,
  CENTRE_ALREADY_IN_PARK: 409,
  VENUE_TOO_SMALL: 400,
  VENUE_NOT_FREE: 400,
  CENTRE_NOT_RECOGNISED: 409,
  CHANGE_PENDING: 409,
  CHANGE_NOT_PENDING: 409,
  ADJUSTMENT_EMPTY: 400,
  CREDIT_CODE_INVALID: 400,
  ID_NUMBER_INVALID: 400,
  CREDIT_CODE_TAKEN: 409,
  IMPORT_REJECTED: 400,
  ATTACHMENT_INVALID: 400,
  UNSUPPORTED_FILE: 415,
  OPERATOR_INELIGIBLE: 409,
  ENGAGEMENT_EXISTS: 409,
  ENGAGEMENT_RULE: 409,
  OPERATOR_CHANGE_PENDING: 409,
  ENTERPRISE_EXISTS: 409,
  TRADE_DECLARATION_CONFLICT: 409,
  EXCHANGE_FILE_REJECTED: 400,
  EXCHANGE_SIGNATURE_INVALID: 401,
  EXCHANGE_REPLAYED: 409,
  // Refused, not unavailable: no secret means no caller can be trusted (and no route answers 5xx to a caller's input).
  EXCHANGE_NOT_CONFIGURED: 403,
  TRADE_IDEMPOTENCY_KEY_REUSED: 409,
  TRADE_IDEMPOTENCY_KEY_INVALID: 400,
  ENTERPRISE_NOT_APPROVED: 409,
  ENTERPRISE_NOT_SERVABLE: 409,
  OPERATOR_OUTSIDE_REGION: 403,
  CENTRE_NOT_OPERATING: 409,
  SERVICE_NOT_OFFERED: 400,
  RATING_REFUSED: 409,
  BACKUP_IN_PROGRESS: 409,
  CALENDAR_YEAR_ENTERED: 409,
  CALENDAR_INVALID: 400,
  CALENDAR_IMPORT_EMPTY: 400,
  ASSESSMENT_AGENCY_EXISTS: 409,
  ASSESSMENT_NOT_IN_EVALUATION: 409,
  ASSESSMENT_SCORING_INCOMPLETE: 409,
  ASSESSMENT_CYCLE_PENDING: 409,
  ASSESSMENT_CYCLE_PUBLISHED: 409,
  ASSESSMENT_SYSTEM_FROZEN: 409,
  ASSESSMENT_CYCLE_EXISTS: 409,
  ASSESSMENT_YEAR_INVALID: 400,
  ASSESSMENT_SUBMISSION_CLOSED: 409,
  CITY_RULE_NOT_STRICTER: 400,
  PAYMENT_RULE: 409,
  SANCTION_RULE: 409,
  INTERNAL: 500,
  DATABASE_UNAVAILABLE: 503,
} as const;
export type ErrorCode = keyof typeof ERROR_STATUS;

type Messages = Record<ErrorCode, Record<TLocale, string>>;

/** User-facing messages; `{name}` placeholders are filled from `details`. */
export const ERROR_MESSAGES: Messages = {
  VALIDATION_FAILED: { 'zh-CN': '提交的数据有误：{summary}', en: 'The submitted data is invalid: {summary}' },
  AUTH_REQUIRED: { 'zh-CN': '请先登录', en: 'Please sign in first' },
  AUTH_INVALID_CREDENTIALS: { 'zh-CN': '用户名或密码错误', en: 'Wrong username or password' },
  AUTH_ACCOUNT_DISABLED: {
    'zh-CN': '该账户已停用，请联系管理员',
    en: 'This account is disabled; contact the administrator',
  },
  AUTH_SESSION_EXPIRED: { 'zh-CN': '登录已超时，请重新登录', en: 'Your session has expired; please sign in again' },
  AUTH_CURRENT_PASSWORD_WRONG: { 'zh-CN': '当前密码不正确', en: 'The current password is wrong' },
  AUTH_ACCOUNT_LOCKED: {
    'zh-CN': '从本地址连续登录失败次数过多，该账户在本地址已锁定，请于 {until} 后重试或联系管理员',
    en: 'Too many failed sign-ins from this address; the account is locked here until {until}, or ask the administrator',
  },
  AUTH_RATE_LIMITED: {
    'zh-CN': '尝试过于频繁，请 {retryAfter} 秒后再试',
    en: 'Too many attempts; try again in {retryAfter} seconds',
  },
  FORBIDDEN: {
    'zh-CN': '当前角色无权执行此操作（{action}）',
    en: 'Your role may not perform this action ({action})',
  },
  ORIGIN_REFUSED: {
    'zh-CN': '拒绝来自其他网站的操作请求（{origin}），未作任何更改；请在本平台页面中操作',
    en: 'Refused a change requested from another site ({origin}); nothing was changed. Use the platform’s own pages',
  },
  NOT_FOUND: { 'zh-CN': '记录不存在或不在您的管辖范围内', en: 'The record does not exist or is outside your scope' },
  ROUTE_NOT_FOUND: { 'zh-CN': '请求的接口不存在', en: 'No such API route' },
  VERSION_CONFLICT: {
    'zh-CN': '该记录已被他人修改，请刷新后重试',
    en: 'Someone else changed this record; reload and try again',
  },
  USERNAME_TAKEN: { 'zh-CN': '用户名“{username}”已被使用', en: 'The username "{username}" is taken' },
  PARK_NAME_TAKEN: { 'zh-CN': '已存在同名园区“{name}”', en: 'A park named "{name}" already exists' },
  REGION_NOT_COUNTY: {
    'zh-CN': '行政区划 {code} 不是湖北省的县级单位',
    en: 'Region {code} is not a county-level unit of Hubei',
  },
  USER_SCOPE_INVALID: {
    'zh-CN': '角色“{role}”需要有效的管辖范围：{reason}',
    en: 'Role "{role}" needs a valid scope: {reason}',
  },
  CANNOT_DISABLE_SELF: { 'zh-CN': '不能停用自己的账户', en: 'You cannot disable your own account' },
  PASSWORD_POLICY: {
    'zh-CN': '密码至少 8 位，且须包含大写字母、小写字母、数字、符号中的至少三类',
    en: 'The password needs at least 8 characters from at least three of: upper case, lower case, digits, symbols',
  },
  PAYLOAD_TOO_LARGE: { 'zh-CN': '提交的内容过大', en: 'The request is too large' },
  URI_TOO_LONG: { 'zh-CN': '请求地址中的参数过长', en: 'A parameter in the request address is too long' },
  UNSUPPORTED_MEDIA_TYPE: {
    'zh-CN': '提交的内容格式（{contentType}）不受支持，请以 JSON（application/json）提交',
    en: 'The request body type ({contentType}) is not accepted; send JSON (application/json)',
  },
  INVALID_TRANSITION: {
    'zh-CN': '当前状态“{fromLabel}”下不能执行“{transitionLabel}”',
    en: 'Cannot {transitionLabel} while the record is "{fromLabel}"',
  },
  CENTRE_ALREADY_IN_PARK: { 'zh-CN': '不予受理：{verdict}', en: 'Refused: {verdict}' },
  VENUE_TOO_SMALL: { 'zh-CN': '不予受理：{verdict}', en: 'Refused: {verdict}' },
  VENUE_NOT_FREE: { 'zh-CN': '不予受理：{verdict}', en: 'Refused: {verdict}' },
  CENTRE_NOT_RECOGNISED: {
    'zh-CN': '只有已认定的外综服中心才能调整或撤销（第九条（四））',
    en: 'Only a recognised centre can be adjusted or revoked (Art. 9(4))',
  },
  CHANGE_PENDING: {
    'zh-CN': '该中心已有待核准的调整/撤销申请，请等待省商务厅决定',
    en: 'An adjustment or revocation of this centre is already awaiting the province',
  },
  CHANGE_NOT_PENDING: { 'zh-CN': '该申请已处理', en: 'This request has already been decided' },
  CREDIT_CODE_INVALID: {
    'zh-CN': '统一社会信用代码“{code}”有误：{reason}（GB 32100）',
    en: 'Unified social credit code "{code}" is invalid: {reason} (GB 32100)',
  },
  ID_NUMBER_INVALID: {
    'zh-CN': '法定代表人身份证号码有误：{reason}（GB 11643）',
    en: "The legal representative's ID number is invalid: {reason} (GB 11643)",
  },
  ATTACHMENT_INVALID: {
    'zh-CN': '附件无效：只能引用本中心尚未随其他步骤提交的附件',
    en: "Invalid attachments: only this centre's files not yet used by another step can go with a step",
  },
  IMPORT_REJECTED: {
    'zh-CN': '导入未执行：{count} 行有误，全部数据均未导入（详见逐行错误）',
    en: 'Nothing was imported: {count} row(s) have errors (see the row-by-row report)',
  },
  UNSUPPORTED_FILE: {
    'zh-CN': '文件格式不支持：{accepted}',
    en: 'Unsupported file: {accepted}',
  },
  CREDIT_CODE_TAKEN: {
    'zh-CN': '统一社会信用代码 {code} 已登记为承办企业',
    en: 'An operator with credit code {code} is already registered',
  },
  ADJUSTMENT_EMPTY: {
    'zh-CN': '调整申请须写明调整后的内容',
    en: 'An adjustment must say what changes',
  },
  OPERATOR_INELIGIBLE: {
    'zh-CN': '该企业不符合承办条件：{verdict}',
    en: 'This enterprise may not be chosen as operator: {verdict}',
  },
  ENGAGEMENT_EXISTS: {
    'zh-CN':
      '该中心已有承办企业“{operatorName}”（{statusLabel}），须在其服务期结束或更换获准后才能重新确定承办企业（第十条（三）、（六））',
    en: 'This centre already has an operator, "{operatorName}" ({statusLabel}); a new one can be chosen only after its period ends or a change is approved (Art. 10(3), 10(6))',
  },
  ENGAGEMENT_RULE: { 'zh-CN': '不予办理：{verdict}', en: 'Refused: {verdict}' },
  // 拨付、追回、资金使用 (Art. 11, 13, 14): the verdict names the rule and the article.
  PAYMENT_RULE: { 'zh-CN': '不予办理：{verdict}', en: 'Refused: {verdict}' },
  OPERATOR_CHANGE_PENDING: {
    'zh-CN': '该中心已有一项更换承办企业申请正在办理（{statusLabel}），请待其办结后再申请（第十条（六））',
    en: "A change of this centre's operator is already in progress ({statusLabel}); apply again once it is decided (Art. 10(6))",
  },
  EXCHANGE_FILE_REJECTED: {
    'zh-CN': '对接文件未处理：{count} 处有误，全部内容均未生效（详见逐项错误）',
    en: 'The exchange file was not applied: {count} problem(s), nothing of it took effect (see the report)',
  },
  EXCHANGE_SIGNATURE_INVALID: {
    'zh-CN': '回调签名无效：{reason}（HMAC-SM3，见 docs/exchange/single-window.md）',
    en: 'Invalid callback signature: {reason} (HMAC-SM3, see docs/exchange/single-window.md)',
  },
  EXCHANGE_REPLAYED: {
    'zh-CN': '报文 {messageId} 已处理过，重复的回调不再生效',
    en: 'Message {messageId} was already applied; a repeated callback takes no effect',
  },
  EXCHANGE_NOT_CONFIGURED: {
    'zh-CN': '单一窗口回调未配置共享密钥（SINGLE_WINDOW_CALLBACK_SECRET），暂不接收回调',
    en: 'The Single Window callback has no shared secret configured (SINGLE_WINDOW_CALLBACK_SECRET); callbacks are refused',
  },
  TRADE_DECLARATION_CONFLICT: {
    'zh-CN': '报关单号 {declarationNo} 刚由另一次报送登记且内容不同，本次报送全部未导入；请核对后重新报送',
    en: 'Declaration {declarationNo} was just taken in by another intake with different content; nothing of this intake was taken in — check and send it again',
  },
  TRADE_IDEMPOTENCY_KEY_REUSED: {
    'zh-CN': '幂等键 {key} 已用于另一份不同内容的报送，本次未处理；内容有变时请使用新的幂等键',
    en: 'Idempotency key {key} was already used for a different request body; nothing was done — use a new key for new content',
  },
  TRADE_IDEMPOTENCY_KEY_INVALID: {
    'zh-CN': '请求头 Idempotency-Key 须为 1–100 个可见字符（字母、数字、-、_、.、:）',
    en: 'The Idempotency-Key header must be 1–100 visible characters (letters, digits, - _ . :)',
  },
  ENTERPRISE_EXISTS: {
    'zh-CN': '统一社会信用代码 {code} 的企业已在平台登记（{statusLabel}），请直接登录或联系所在外综服中心',
    en: 'An enterprise with credit code {code} is already on the platform ({statusLabel}); sign in or contact your centre',
  },
  ENTERPRISE_NOT_APPROVED: {
    'zh-CN': '企业“{name}”的注册尚未审核通过（{statusLabel}），暂不能办理服务',
    en: 'The registration of "{name}" is not approved ({statusLabel}); it cannot be served yet',
  },
  ENTERPRISE_NOT_SERVABLE: {
    'zh-CN': '统一社会信用代码 {code} 的企业在平台上的注册尚未审核通过，暂不能办理服务；请企业联系其所在县（市、区）',
    en: 'The enterprise with credit code {code} has a registration on the platform that is not approved; it cannot be served yet — the enterprise should contact its county',
  },
  OPERATOR_OUTSIDE_REGION: {
    'zh-CN':
      '该承办企业不在本地区登记，也未在本地区承办外综服中心，本级不能{actionLabel}；请由省商务厅或其登记地、承办地的商务主管部门办理',
    en: 'This operator was not registered in your region and runs no centre there, so you may not {actionLabel}; the province or the region where it registered or runs a centre may',
  },
  CENTRE_NOT_OPERATING: {
    'zh-CN': '外综服中心“{name}”当前状态为“{statusLabel}”，尚未运营，不能受理服务申请（第十条（三）：备案后方可运营）',
    en: 'Centre "{name}" is "{statusLabel}" and not operating; it takes requests once its operator is filed (Art. 10(3))',
  },
  SERVICE_NOT_OFFERED: {
    'zh-CN': '外综服中心“{name}”未开展“{categoryLabel}”服务（第五条），请选择该中心公布的服务',
    en: 'Centre "{name}" does not offer "{categoryLabel}" (Art. 5); choose one of the services it publishes',
  },
  RATING_REFUSED: { 'zh-CN': '不能评价：{reason}（第八条）', en: 'Cannot rate: {reason} (Art. 8)' },
  BACKUP_IN_PROGRESS: {
    'zh-CN': '已有一次备份正在进行，请等它完成后再试',
    en: 'A backup is already running; try again when it has finished',
  },
  ASSESSMENT_SYSTEM_FROZEN: {
    'zh-CN':
      '指标体系“{title}”已随{years}年度考核发布而冻结，不能修改（第十二条；决定0029）；如需调整，请复制为新的指标体系',
    en: 'Indicator system "{title}" froze when the {years} assessment opened and cannot be edited (Art. 12; decision 0029); copy it to a new system instead',
  },
  ASSESSMENT_CYCLE_EXISTS: {
    'zh-CN': '{year}年度考核已发布（{title}），每年只开展一次年度考核（第十二条）',
    en: 'The {year} assessment is already open ({title}); there is one assessment a year (Art. 12)',
  },
  ASSESSMENT_YEAR_INVALID: {
    'zh-CN': '不能发布{year}年度考核：考核年度不能晚于今年（{thisYear}年）（第十二条）',
    en: 'Cannot open the {year} assessment: the year assessed cannot be later than this year ({thisYear}) (Art. 12)',
  },
  ASSESSMENT_SUBMISSION_CLOSED: {
    'zh-CN': '考核材料提交已于{dueOn}截止，不能再提交或修改（第十二条（二）2）；如确需补交，请联系省商务厅重新开放',
    en: 'Submission closed on {dueOn} and the material can no longer be submitted or changed (Art. 12(2)(2)); ask the province to reopen it',
  },
  CALENDAR_YEAR_ENTERED: {
    'zh-CN': '{year} 年节假日安排已录入（{title}）；如需替换，请填写替换原因',
    en: 'The holiday arrangement of {year} is already entered ({title}); give a reason to replace it',
  },
  CALENDAR_INVALID: { 'zh-CN': '节假日安排有误：{reason}', en: 'The holiday arrangement is wrong: {reason}' },
  CALENDAR_IMPORT_EMPTY: {
    'zh-CN': '文件中没有 {year} 年的放假日或调休上班日（{events} 个日程均不在该年）',
    en: 'The file has no days off or make-up working days in {year} ({events} events, none in that year)',
  },
  SANCTION_RULE: {
    'zh-CN': '不能作出该处理决定：{reason}',
    en: 'This decision cannot be made: {reason}',
  },
  INTERNAL: {
    'zh-CN': '服务器内部错误，请稍后重试（请求编号 {requestId}）',
    en: 'Internal server error; please try again later (request {requestId})',
  },
  DATABASE_UNAVAILABLE: { 'zh-CN': '数据库暂不可用', en: 'The database is unavailable' },
  ASSESSMENT_AGENCY_EXISTS: {
    'zh-CN': '已登记同名评估机构“{name}”（第十二条（二）3）',
    en: 'An evaluation agency named "{name}" is already registered (Art. 12(2)(3))',
  },
  ASSESSMENT_NOT_IN_EVALUATION: {
    'zh-CN': '该考核材料当前为“{statusLabel}”，不在第三方评估阶段，不能{stepLabel}（第十二条（二）3）',
    en: 'This submission is "{statusLabel}", not being evaluated; cannot {stepLabel} (Art. 12(2)(3))',
  },
  ASSESSMENT_SCORING_INCOMPLETE: {
    'zh-CN': '以下评估机构评分指标尚未评分，不能完成评分：{missing}（第十二条（二）3）',
    en: 'These indicators the agency scores have no score yet, so scoring cannot be finished: {missing} (Art. 12(2)(3))',
  },
  ASSESSMENT_CYCLE_PENDING: {
    'zh-CN': '以下中心的考核尚未确认，不能公布结果：{pending}（第十二条（二）3）',
    en: 'These centres’ assessments are not confirmed yet, so the results cannot be published: {pending} (Art. 12(2)(3))',
  },
  CITY_RULE_NOT_STRICTER: { 'zh-CN': '不予发布：{verdict}', en: 'Not published: {verdict}' },
  ASSESSMENT_CYCLE_PUBLISHED: {
    'zh-CN': '{year}年度考核结果已于{publishedOn}公布，不能再更改（第十二条（三））',
    en: 'The {year} assessment results were published on {publishedOn} and can no longer change (Art. 12(3))',
  },
};

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details: Record<string, unknown>;
  constructor(code: ErrorCode, details: Record<string, unknown> = {}, internalMessage?: string) {
    super(internalMessage ?? code);
    this.name = 'AppError';
    this.code = code;
    this.details = details;
  }
  get status(): number {
    return ERROR_STATUS[this.code];
  }
}

type Label = { 'zh-CN': string; en: string };

/**
 * INVALID_TRANSITION (409): a step that the record's status does not allow, named in the user's words — every
 * state machine (centres, engagements, changes of operator) refuses through this one shape.
 */
export function invalidTransition(from: string, fromLabel: Label, transitionLabel: Label, extra = {}): AppError {
  return new AppError('INVALID_TRANSITION', {
    from,
    ...extra,
    'fromLabel_zh-CN': fromLabel['zh-CN'],
    fromLabel_en: fromLabel.en,
    'transitionLabel_zh-CN': transitionLabel['zh-CN'],
    transitionLabel_en: transitionLabel.en,
  });
}

/** 400 naming the field and the reason, in both languages. */
export function invalidField(field: string, reason: { 'zh-CN': string; en: string }): AppError {
  return new AppError('VALIDATION_FAILED', {
    fields: [{ field, reason: reason.en, 'reason_zh-CN': reason['zh-CN'], reason_en: reason.en }],
    field,
    'summary_zh-CN': `${field}：${reason['zh-CN']}`,
    summary_en: `${field}: ${reason.en}`,
  });
}

export function renderMessage(code: ErrorCode, locale: TLocale, details: Record<string, unknown>): string {
  return ERROR_MESSAGES[code][locale].replace(/\{(\w+)\}/g, (_m, key: string) => {
    const value = details[key];
    // A rule's verdict carries its own message in both languages (article, required and actual values).
    if (key === 'verdict' && value && typeof value === 'object' && 'message' in value) {
      return (value as { message: Record<TLocale, string> }).message[locale];
    }
    const localized = details[`${key}_${locale}`];
    if (typeof localized === 'string') return localized;
    return value === undefined || value === null ? '' : String(value);
  });
}

/** zh-CN unless the client clearly prefers English (SPEC §8). */
export function localeFromHeader(acceptLanguage: string | undefined): TLocale {
  if (!acceptLanguage) return 'zh-CN';
  const first = acceptLanguage.split(',')[0]?.trim().toLowerCase() ?? '';
  return first.startsWith('en') ? 'en' : 'zh-CN';
}

/**
 * The request's language: `?lang=en|zh-CN` first (a download link cannot set headers, so exports carry it), then
 * Accept-Language.
 */
export function localeOf(request: {
  query?: unknown;
  headers: Record<string, string | string[] | undefined>;
}): TLocale {
  const lang = (request.query as { lang?: unknown } | undefined)?.lang;
  if (lang === 'en' || lang === 'zh-CN') return lang;
  const header = request.headers['accept-language'];
  return localeFromHeader(Array.isArray(header) ? header[0] : header);
}
