import { FACT_SECTIONS } from '@qorgau/core';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../deps.ts';
import { ctxOf } from '../http/context.ts';
import { instrumentFor, listAssessments, submitAssessment } from './assessments.ts';
import {
  agencyBody, approvalDecisionBody, approvalRequestBody, assessmentBody, assessmentSchema, caseSchema, caseSummarySchema, factBody, linkReportBody, listCasesQuery,
  memberInput, noteBody, openCaseBody, planItemBody, planItemUpdateBody, reopenBody, reviewBody, statusBody, transferBody, transferDecisionBody, updateCaseBody,
  updateMemberBody, visitBody,
} from './schema.ts';
import {
  addAgency, addMember, cancelTransfer, decideApproval, decideTransfer, getCase, linkReport, listCases, moveStatus, openCase, removeAgency, removeMember,
  reopenCase, requestApproval, requestTransfer, updateCase, updateMember,
} from './service.ts';
import { addFact, addNote, addPlanItem, addVisit, readSection, recordReview, updatePlanItem } from './work.ts';

const idParams = z.object({ id: z.string().max(100) });
const key = z.string().max(100);
const sub = <K extends string>(name: K) => z.object({ id: key }).extend({ [name]: key } as { [P in K]: typeof key });

export function caseRoutes(app: FastifyInstance, deps: Deps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['cases'];
  const one = { 200: caseSchema };
  r.post('/api/v1/cases', { schema: { tags, body: openCaseBody, response: { 201: caseSchema } } },
    async (req, reply) => reply.code(201).send(await openCase(ctxOf(deps, req), req.body)));
  r.get('/api/v1/cases', { schema: { tags, querystring: listCasesQuery, response: { 200: z.object({ items: z.array(caseSummarySchema), nextCursor: z.string().nullable() }) } } },
    async (req) => listCases(ctxOf(deps, req), req.query));
  r.get('/api/v1/cases/:id', { schema: { tags, params: idParams, response: one } }, async (req) => getCase(ctxOf(deps, req), req.params.id));
  r.patch('/api/v1/cases/:id', { schema: { tags, params: idParams, body: updateCaseBody, response: one } }, async (req) => updateCase(ctxOf(deps, req), req.params.id, req.body));

  r.post('/api/v1/cases/:id/members', { schema: { tags, params: idParams, body: memberInput, response: one } }, async (req) => addMember(ctxOf(deps, req), req.params.id, req.body));
  r.patch('/api/v1/cases/:id/members/:memberId', { schema: { tags, params: sub('memberId'), body: updateMemberBody, response: one } },
    async (req) => updateMember(ctxOf(deps, req), req.params.id, String(req.params.memberId), req.body));
  r.delete('/api/v1/cases/:id/members/:memberId', { schema: { tags, params: sub('memberId'), response: one } },
    async (req) => removeMember(ctxOf(deps, req), req.params.id, String(req.params.memberId)));
  r.post('/api/v1/cases/:id/agencies', { schema: { tags, params: idParams, body: agencyBody, response: one } }, async (req) => addAgency(ctxOf(deps, req), req.params.id, req.body));
  r.delete('/api/v1/cases/:id/agencies/:agencyType', { schema: { tags, params: sub('agencyType'), response: one } },
    async (req) => removeAgency(ctxOf(deps, req), req.params.id, String(req.params.agencyType)));
  r.post('/api/v1/cases/:id/reports', { schema: { tags, params: idParams, body: linkReportBody, response: one } }, async (req) => linkReport(ctxOf(deps, req), req.params.id, req.body.reportId));

  r.post('/api/v1/cases/:id/status', { schema: { tags, params: idParams, body: statusBody, response: one } }, async (req) => moveStatus(ctxOf(deps, req), req.params.id, req.body.to, req.body.note));
  r.post('/api/v1/cases/:id/approvals', { schema: { tags, params: idParams, body: approvalRequestBody, response: one } }, async (req) => requestApproval(ctxOf(deps, req), req.params.id, req.body));
  r.post('/api/v1/cases/:id/approvals/:approvalId/decision', { schema: { tags, params: sub('approvalId'), body: approvalDecisionBody, response: one } },
    async (req) => decideApproval(ctxOf(deps, req), req.params.id, String(req.params.approvalId), req.body));
  r.post('/api/v1/cases/:id/reopen', { schema: { tags, params: idParams, body: reopenBody, response: one } }, async (req) => reopenCase(ctxOf(deps, req), req.params.id, req.body.note));

  r.get('/api/v1/assessment/instrument', { schema: { tags, response: { 200: z.object({ version: z.number(), definition: z.record(z.string(), z.unknown()) }) } } },
    async (req) => instrumentFor(ctxOf(deps, req)) as never);
  r.post('/api/v1/cases/:id/assessments', { schema: { tags, params: idParams, body: assessmentBody, response: { 201: assessmentSchema } } },
    async (req, reply) => reply.code(201).send(await submitAssessment(ctxOf(deps, req), req.params.id, req.body)));
  r.get('/api/v1/cases/:id/assessments', { schema: { tags, params: idParams, response: { 200: z.object({ items: z.array(assessmentSchema) }) } } },
    async (req) => ({ items: await listAssessments(ctxOf(deps, req), req.params.id) }));

  r.post('/api/v1/cases/:id/plan', { schema: { tags, params: idParams, body: planItemBody, response: one } }, async (req) => addPlanItem(ctxOf(deps, req), req.params.id, req.body));
  r.patch('/api/v1/cases/:id/plan/:itemId', { schema: { tags, params: sub('itemId'), body: planItemUpdateBody, response: one } },
    async (req) => updatePlanItem(ctxOf(deps, req), req.params.id, String(req.params.itemId), req.body));
  r.post('/api/v1/cases/:id/visits', { schema: { tags, params: idParams, body: visitBody, response: one } }, async (req) => addVisit(ctxOf(deps, req), req.params.id, req.body));
  r.post('/api/v1/cases/:id/notes', { schema: { tags, params: idParams, body: noteBody, response: one } }, async (req) => addNote(ctxOf(deps, req), req.params.id, req.body));
  r.post('/api/v1/cases/:id/facts', { schema: { tags, params: idParams, body: factBody, response: one } }, async (req) => addFact(ctxOf(deps, req), req.params.id, req.body));
  r.get('/api/v1/cases/:id/facts/:section', { schema: { tags, params: z.object({ id: z.string().max(100), section: z.enum(FACT_SECTIONS) }), response: { 200: z.object({ items: caseSchema.shape.facts }) } } },
    async (req) => ({ items: await readSection(ctxOf(deps, req), req.params.id, req.params.section) }));
  r.post('/api/v1/cases/:id/reviews', { schema: { tags, params: idParams, body: reviewBody, response: one } }, async (req) => recordReview(ctxOf(deps, req), req.params.id, req.body));

  r.post('/api/v1/cases/:id/transfers', { schema: { tags, params: idParams, body: transferBody, response: one } }, async (req) => requestTransfer(ctxOf(deps, req), req.params.id, req.body));
  r.post('/api/v1/cases/:id/transfers/:transferId/decision', { schema: { tags, params: sub('transferId'), body: transferDecisionBody, response: { 200: caseSchema, 204: z.null() } } },
    async (req, reply) => {
      const out = await decideTransfer(ctxOf(deps, req), req.params.id, String(req.params.transferId), req.body);
      return out ? reply.send(out) : reply.code(204).send(null);
    });
  r.post('/api/v1/cases/:id/transfers/:transferId/cancel', { schema: { tags, params: sub('transferId'), response: one } },
    async (req) => cancelTransfer(ctxOf(deps, req), req.params.id, String(req.params.transferId)));
}
