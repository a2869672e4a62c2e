import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../deps.ts';
import { ctxOf, requireActor } from '../http/context.ts';
import { contactSchema, createContactBody, listContactsQuery } from './schema.ts';
import { createContact, getContact, listChiCategories, listContacts } from './service.ts';

const label = z.object({ kk: z.string(), ru: z.string(), en: z.string() });

export function contactRoutes(app: FastifyInstance, deps: Deps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['contacts'];

  r.post('/api/v1/contacts', { schema: { tags, body: createContactBody, response: { 200: contactSchema, 201: contactSchema } } }, async (req, reply) => {
    const { contact, created } = await createContact(ctxOf(deps, req), req.body);
    return reply.code(created ? 201 : 200).send(contact);
  });

  r.get('/api/v1/contacts', { schema: { tags, querystring: listContactsQuery, response: { 200: z.object({ items: z.array(contactSchema), nextCursor: z.string().nullable() }) } } },
    async (req) => listContacts(ctxOf(deps, req), req.query));

  r.get('/api/v1/contacts/:id', { schema: { tags, params: z.object({ id: z.string() }), response: { 200: contactSchema } } },
    async (req) => getContact(ctxOf(deps, req), req.params.id));

  r.get('/api/v1/reference/chi-categories', {
    schema: { tags: ['reference'], response: { 200: z.object({ items: z.array(z.object({ code: z.string(), category: z.string(), label, categoryLabel: label, violenceTypes: z.array(z.string()) })) }) } },
  }, async (req) => {
    requireActor(req);
    return { items: await listChiCategories(deps.db) };
  });
}
