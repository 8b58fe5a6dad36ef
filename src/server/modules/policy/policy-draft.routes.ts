import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ZErrorBody, zListOf } from '../../../contracts/common';
import {
  ZCreatePolicyDraftRequest,
  ZDiscardPolicyDraftRequest,
  ZPolicyDraft,
  ZPolicyDraftListQuery,
  ZPolicyDraftParam,
  ZPolicyPreview,
  ZPreviewQuery,
  ZPublishPolicyDraftRequest,
  ZUpdatePolicyDraftRequest,
} from '../../../contracts/policy-draft';
import { createPolicyDraft } from './create-policy-draft';
import { discardPolicyDraft } from './discard-policy-draft';
import { getPolicyDraft, listPolicyDrafts } from './policy-draft.presenter';
import { sendPreviewXlsx } from './preview-export';
import { previewPolicyDraft } from './preview-policy-draft';
import { publishPolicyDraft } from './publish-policy-draft';
import { updatePolicyDraft } from './update-policy-draft';

const errors = { 400: ZErrorBody, 401: ZErrorBody, 403: ZErrorBody, 404: ZErrorBody, 409: ZErrorBody };

/** Art. 16: the province's drafts of a new policy parameter version, their preview and their publication. */
export const policyDraftRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/policy/drafts',
    {
      config: { action: 'policy.draft' },
      schema: {
        tags: ['policy'],
        summary: '政策参数草案 / Policy version drafts',
        querystring: ZPolicyDraftListQuery,
        response: { 200: zListOf(ZPolicyDraft), ...errors },
      },
    },
    async (request) => listPolicyDrafts(request.ctx, request.query.status),
  );

  app.post(
    '/api/policy/drafts',
    {
      config: { action: 'policy.draft' },
      schema: {
        tags: ['policy'],
        summary: '起草新版本（复制现行或指定版本）/ Draft a new version as a copy of one',
        body: ZCreatePolicyDraftRequest,
        response: { 201: ZPolicyDraft, ...errors },
      },
    },
    async (request, reply) => reply.status(201).send(await createPolicyDraft(request.ctx, request.body)),
  );

  app.get(
    '/api/policy/drafts/:id',
    {
      config: { action: 'policy.draft' },
      schema: {
        tags: ['policy'],
        summary: '一个政策参数草案 / One policy draft',
        params: ZPolicyDraftParam,
        response: { 200: ZPolicyDraft, ...errors },
      },
    },
    async (request) => getPolicyDraft(request.ctx, request.params.id),
  );

  app.patch(
    '/api/policy/drafts/:id',
    {
      config: { action: 'policy.draft' },
      schema: {
        tags: ['policy'],
        summary: '修改草案的参数 / Edit a draft (every parameter, checked)',
        params: ZPolicyDraftParam,
        body: ZUpdatePolicyDraftRequest,
        response: { 200: ZPolicyDraft, ...errors },
      },
    },
    async (request) => updatePolicyDraft(request.ctx, request.params.id, request.body),
  );

  app.post(
    '/api/policy/drafts/:id/discard',
    {
      config: { action: 'policy.draft' },
      schema: {
        tags: ['policy'],
        summary: '废弃草案 / Discard a draft',
        params: ZPolicyDraftParam,
        body: ZDiscardPolicyDraftRequest,
        response: { 200: ZPolicyDraft, ...errors },
      },
    },
    async (request) => discardPolicyDraft(request.ctx, request.params.id, request.body.version),
  );

  app.get(
    '/api/policy/drafts/:id/preview',
    {
      config: { action: 'policy.draft' },
      schema: {
        tags: ['policy'],
        summary: '预览影响（可导出Excel）/ What the draft would change today, or as .xlsx',
        params: ZPolicyDraftParam,
        querystring: ZPreviewQuery,
        response: { 200: ZPolicyPreview, ...errors },
      },
    },
    async (request, reply) => {
      const preview = await previewPolicyDraft(request.ctx, request.params.id);
      if (request.query.format === 'xlsx') return sendPreviewXlsx(reply, preview, request.ctx.locale);
      return preview;
    },
  );

  app.post(
    '/api/policy/drafts/:id/publish',
    {
      config: { action: 'policy.publish' },
      schema: {
        tags: ['policy'],
        summary: '发布为新版本（生效日期不早于今天）/ Publish as the next version, effective today or later',
        params: ZPolicyDraftParam,
        body: ZPublishPolicyDraftRequest,
        response: { 200: ZPolicyDraft, ...errors },
      },
    },
    async (request) => publishPolicyDraft(request.ctx, request.params.id, request.body),
  );
};
