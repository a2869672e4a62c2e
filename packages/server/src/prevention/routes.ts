import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { writeAudit } from '../audit/audit.ts';
import { preventionProgrammes } from '../db/schema.ts';
import type { Deps } from '../deps.ts';
import { auditCtx, ctxOf, type Ctx } from '../http/context.ts';
import { coverageData, coverageExportQuery, coverageQuery, coverageSchema, unreachedData, unreachedExportQuery, unreachedQuery, unreachedSchema } from './coverage.ts';
import { coverageSheet, renderSheet, unreachedSheet } from './export.ts';
import {
  createGroup, createProgramme, createSession, createTraining, deleteSession, groupBody, groupListQuery, groupPatch, groupSchema, listGroups, listProgrammes,
  listSessions, listTrainings, programmeBody, programmePatch, programmeSchema, sessionBody, sessionListQuery, sessionListSchema, sessionPatch, sessionSchema,
  trainingBody, trainingListQuery, trainingSchema, updateGroup, updateProgramme, updateSession,
} from './service.ts';

const idParams = z.object({ id: z.string().max(100) });

async function programmeName(ctx: Ctx, id: string | undefined, lang: 'kk' | 'ru' | 'en'): Promise<string | null> {
  if (!id) return null;
  const [p] = await ctx.db.select().from(preventionProgrammes).where(eq(preventionProgrammes.id, id));
  return p ? { kk: p.nameKk, ru: p.nameRu, en: p.nameEn }[lang] : null;
}

export function preventionRoutes(app: FastifyInstance, deps: Deps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['prevention'];
  const base = '/api/v1/prevention';

  r.get(`${base}/programmes`, { schema: { tags, response: { 200: z.object({ items: z.array(programmeSchema) }) }, description: 'Programmes with their reach (sessions, schools, participants) in the caller\'s territory, all time.' } },
    async (req) => ({ items: await listProgrammes(ctxOf(deps, req)) }));
  r.post(`${base}/programmes`, { schema: { tags, body: programmeBody, response: { 201: programmeSchema } } },
    async (req, reply) => reply.code(201).send(await createProgramme(ctxOf(deps, req), req.body)));
  r.patch(`${base}/programmes/:id`, { schema: { tags, params: idParams, body: programmePatch, response: { 200: programmeSchema } } },
    async (req) => updateProgramme(ctxOf(deps, req), req.params.id, req.body));

  r.get(`${base}/sessions`, { schema: { tags, querystring: sessionListQuery, response: { 200: sessionListSchema } } },
    async (req) => listSessions(ctxOf(deps, req), req.query));
  r.post(`${base}/sessions`, {
    schema: { tags, body: sessionBody, response: { 201: sessionSchema }, description: 'A session held at a school (not in the future). participants: counts by grade "0" (preschool class) to "11"; the total is computed and must be above 0.' },
  }, async (req, reply) => reply.code(201).send(await createSession(ctxOf(deps, req), req.body)));
  r.patch(`${base}/sessions/:id`, { schema: { tags, params: idParams, body: sessionPatch, response: { 200: sessionSchema } } },
    async (req) => updateSession(ctxOf(deps, req), req.params.id, req.body));
  r.delete(`${base}/sessions/:id`, { schema: { tags, params: idParams } },
    async (req, reply) => { await deleteSession(ctxOf(deps, req), req.params.id); return reply.code(204).send(); });

  r.get(`${base}/trainings`, { schema: { tags, querystring: trainingListQuery, response: { 200: z.object({ items: z.array(trainingSchema) }) } } },
    async (req) => ({ items: await listTrainings(ctxOf(deps, req), req.query) }));
  r.post(`${base}/trainings`, { schema: { tags, body: trainingBody, response: { 201: trainingSchema } } },
    async (req, reply) => reply.code(201).send(await createTraining(ctxOf(deps, req), req.body)));

  r.get(`${base}/volunteer-groups`, { schema: { tags, querystring: groupListQuery, response: { 200: z.object({ items: z.array(groupSchema) }) } } },
    async (req) => ({ items: await listGroups(ctxOf(deps, req), req.query) }));
  r.post(`${base}/volunteer-groups`, { schema: { tags, body: groupBody, response: { 201: groupSchema } } },
    async (req, reply) => reply.code(201).send(await createGroup(ctxOf(deps, req), req.body)));
  r.patch(`${base}/volunteer-groups/:id`, { schema: { tags, params: idParams, body: groupPatch, response: { 200: groupSchema } } },
    async (req) => updateGroup(ctxOf(deps, req), req.params.id, req.body));

  r.get(`${base}/coverage`, {
    schema: { tags, querystring: coverageQuery, response: { 200: coverageSchema }, description: 'Per region, district or school: active schools, schools with at least one session in [from, to], their share, sessions, participants, students and participants per 100 students.' },
  }, async (req) => coverageData(ctxOf(deps, req), req.query));
  r.get(`${base}/coverage/export`, { schema: { tags, querystring: coverageExportQuery, description: 'The coverage table as XLSX or CSV in the chosen language.' } }, async (req, reply) => {
    const ctx = ctxOf(deps, req);
    const { format, lang, ...q } = req.query;
    const sheet = coverageSheet(await coverageData(ctx, q), lang, await programmeName(ctx, q.programmeId, lang));
    const file = await renderSheet(sheet, format);
    await writeAudit(ctx.db, auditCtx(ctx), { action: 'export', entityType: 'prevention_coverage', entityId: null, details: { level: q.level, from: q.from, to: q.to, format } });
    return reply.type(file.contentType).header('content-disposition', `attachment; filename="qorgau-prevention-coverage-${q.from}-${q.to}.${file.extension}"`).send(file.body);
  });

  r.get(`${base}/unreached`, {
    schema: { tags, querystring: unreachedQuery, response: { 200: unreachedSchema }, description: 'Active schools without any session in [from, to] (of the programme, if given), most students first.' },
  }, async (req) => unreachedData(ctxOf(deps, req), req.query));
  r.get(`${base}/unreached/export`, { schema: { tags, querystring: unreachedExportQuery, description: 'The never-reached schools (all of them, up to 20,000) as XLSX or CSV.' } }, async (req, reply) => {
    const ctx = ctxOf(deps, req);
    const { format, lang, ...q } = req.query;
    const sheet = unreachedSheet(await unreachedData(ctx, { ...q, limit: 20_000, offset: 0 }, false), lang, await programmeName(ctx, q.programmeId, lang));
    const file = await renderSheet(sheet, format);
    await writeAudit(ctx.db, auditCtx(ctx), { action: 'export', entityType: 'prevention_unreached', entityId: null, details: { from: q.from, to: q.to, format } });
    return reply.type(file.contentType).header('content-disposition', `attachment; filename="qorgau-prevention-unreached-${q.from}-${q.to}.${file.extension}"`).send(file.body);
  });
}
