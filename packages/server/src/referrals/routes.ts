import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../deps.ts';
import { ctxOf } from '../http/context.ts';
import {
  acceptBody, acceptResultSchema, cancelBody, caseReferralsInfoSchema, createReferralBody, declineBody, deliverBody, feedbackBody, listQueueQuery, referralListSchema, referralSchema,
} from './schema.ts';
import {
  acceptReferral, cancelReferral, caseReferrals, createReferral, declineReferral, deliverReferral, getReferral, giveFeedback, listQueue,
} from './service.ts';

const idParams = z.object({ id: z.string().max(100) });

export function referralRoutes(app: FastifyInstance, deps: Deps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['referrals'];
  r.post('/api/v1/cases/:id/referrals', {
    schema: {
      tags, params: idParams, body: createReferralBody, response: { 201: referralSchema },
      description: 'Refer a current member of the case to an active provider for a service it offers (for the agencies working on the case). 400 when the person\'s age is outside the provider\'s ages; 409 when the case is closed or the same referral is open. The provider\'s staff are notified (referral_new).',
    },
  }, async (req, reply) => reply.code(201).send(await createReferral(ctxOf(deps, req), req.params.id, req.body)));
  r.get('/api/v1/cases/:id/referrals', {
    schema: { tags, params: idParams, response: { 200: z.object({ items: z.array(referralSchema), case: caseReferralsInfoSchema }) }, description: 'The referrals of a case, for those who read it (audited), and where the case is.' },
  }, async (req) => caseReferrals(ctxOf(deps, req), req.params.id));

  r.get('/api/v1/referrals', {
    schema: { tags, querystring: listQueueQuery, response: { 200: referralListSchema }, description: 'The queue of the caller\'s provider unit (referrals.handle): what needs an answer first, urgent before routine. status=open: sent, accepted or delivered (feedback still due).' },
  }, async (req) => listQueue(ctxOf(deps, req), req.query));
  r.get('/api/v1/referrals/:id', { schema: { tags, params: idParams, response: { 200: referralSchema }, description: 'One referral, for the provider\'s staff or those who read the case (audited; others get an audited 404).' } },
    async (req) => getReferral(ctxOf(deps, req), req.params.id));

  r.post('/api/v1/referrals/:id/accept', {
    schema: { tags, params: idParams, body: acceptBody, response: { 200: acceptResultSchema }, description: 'sent → accepted. When the provider reports no free place: 409 unless overCapacity is true (then accepted, and the answer says overCapacity: true).' },
  }, async (req) => acceptReferral(ctxOf(deps, req), req.params.id, req.body.overCapacity));
  r.post('/api/v1/referrals/:id/decline', { schema: { tags, params: idParams, body: declineBody, response: { 200: referralSchema }, description: 'sent or accepted → declined, with a reason code (a note is required for "other").' } },
    async (req) => declineReferral(ctxOf(deps, req), req.params.id, req.body.reason, req.body.note));
  r.post('/api/v1/referrals/:id/delivered', { schema: { tags, params: idParams, body: deliverBody.optional(), response: { 200: referralSchema }, description: 'accepted → delivered.' } },
    async (req) => deliverReferral(ctxOf(deps, req), req.params.id));
  r.post('/api/v1/referrals/:id/feedback', { schema: { tags, params: idParams, body: feedbackBody, response: { 200: referralSchema }, description: 'delivered → completed, with the outcome and feedback to the case.' } },
    async (req) => giveFeedback(ctxOf(deps, req), req.params.id, req.body.outcome, req.body.feedback));
  r.post('/api/v1/referrals/:id/cancel', { schema: { tags, params: idParams, body: cancelBody, response: { 200: referralSchema }, description: 'The case side withdraws a referral before delivery (sent or accepted → cancelled).' } },
    async (req) => cancelReferral(ctxOf(deps, req), req.params.id, req.body.note));
}
