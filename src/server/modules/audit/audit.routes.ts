import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { type TAuditEntry, ZAuditEntry, ZAuditListQuery, ZAuditVerifyResponse } from '../../../contracts/audit';
import { auditActionLabel, auditObjectTypeLabel } from '../../../contracts/audit-labels';
import type { TLocale } from '../../../contracts/common';
import { ZErrorBody, zListOf } from '../../../contracts/common';
import { answerList } from '../../lib/list-route';
import { listAudit, verifyAudit } from './list-audit';

const errors = { 400: ZErrorBody, 401: ZErrorBody, 403: ZErrorBody };

/** 外综服中心：光谷国际外贸综合服务中心, as the page shows it; the id alone where the reader gets no name. */
function objectText(e: TAuditEntry, locale: TLocale): string {
  const type = auditObjectTypeLabel(e.objectType, locale);
  const name = e.objectLabel ?? (e.objectId === null ? null : `#${e.objectId}`);
  return name ? `${type}${locale === 'en' ? ': ' : '：'}${name}` : type;
}

export const auditRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/audit',
    {
      config: { action: 'audit.read' },
      schema: {
        tags: ['audit'],
        summary: '操作日志 / Operation log',
        querystring: ZAuditListQuery,
        response: { 200: zListOf(ZAuditEntry), ...errors },
      },
    },
    async (request, reply) => {
      const q = request.query;
      return answerList(request.ctx, reply, q, (limit, offset, c) => listAudit(c, q, limit, offset), {
        fileName: { 'zh-CN': '操作日志', en: 'audit-log' },
        sheetName: { 'zh-CN': '操作日志', en: 'Audit log' },
        columns: (l, en) => [
          { header: en ? 'Seq' : '序号', value: (e) => e.seq ?? '', width: 8 },
          { header: en ? 'Time (UTC)' : '时间（UTC）', value: (e) => e.at, width: 26 },
          {
            header: en ? 'User' : '操作人',
            value: (e) =>
              e.actorDisplayName
                ? `${e.actorDisplayName}（${e.actorName}）`
                : (e.actorName ?? (en ? 'System' : '系统')),
            width: 28,
          },
          { header: en ? 'Role' : '角色', value: (e) => e.actorRole, width: 10 },
          { header: en ? 'Action' : '操作', value: (e) => auditActionLabel(e.action, l), width: 28 },
          { header: en ? 'Object' : '对象', value: (e) => objectText(e, l), width: 40 },
          // The raw type and id, for whoever checks the chain against the database.
          { header: en ? 'Event' : '事件代码', value: (e) => e.action, width: 28 },
          { header: en ? 'Object ref.' : '对象编号', value: (e) => `${e.objectType}:${e.objectId ?? ''}`, width: 20 },
          { header: 'IP', value: (e) => e.ip, width: 16 },
          { header: en ? 'Before' : '变更前', value: (e) => JSON.stringify(e.before), width: 40 },
          { header: en ? 'After' : '变更后', value: (e) => JSON.stringify(e.after), width: 40 },
          { header: 'Hash (HMAC-SM3)', value: (e) => e.hash, width: 66 },
        ],
      });
    },
  );

  app.get(
    '/api/audit/verify',
    {
      config: { action: 'audit.verify' },
      schema: {
        tags: ['audit'],
        summary: '校验日志链 / Verify the hash chain and report the first broken entry',
        response: { 200: ZAuditVerifyResponse, ...errors },
      },
    },
    async (request) => verifyAudit(request.ctx),
  );
};
