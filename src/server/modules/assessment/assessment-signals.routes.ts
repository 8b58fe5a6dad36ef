import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ZFraudSignalsResponse } from '../../../contracts/assessment-signals';
import { ZErrorBody, ZIdParam } from '../../../contracts/common';
import { getSubmissionSignals } from './get-submission-signals';

const errors = { 400: ZErrorBody, 401: ZErrorBody, 403: ZErrorBody, 404: ZErrorBody };

export const assessmentSignalRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/assessment/submissions/:id/signals',
    {
      config: { action: 'assessment.signals' },
      schema: {
        tags: ['assessment'],
        summary:
          '考核线索（仅供评估参考，不作为扣分依据；第十三条（三）、第十四条）/ Fraud signals of a submission, with their evidence',
        params: ZIdParam,
        response: { 200: ZFraudSignalsResponse, ...errors },
      },
    },
    async (request) => getSubmissionSignals(request.ctx, request.params.id),
  );
};
