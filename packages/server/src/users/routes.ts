import { ROLES } from '@qorgau/core';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../deps.ts';
import { ctxOf } from '../http/context.ts';
import { userSchema } from './dto.ts';
import { createUser, createUserBody, listRoleSettings, listUsers, listUsersQuery, resetPassword, setRoleSetting, updateUser, updateUserBody } from './service.ts';

export function userRoutes(app: FastifyInstance, deps: Deps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['users'];
  const idParams = z.object({ id: z.string().uuid('must be a UUID') });
  const roleSetting = z.object({ role: z.enum(ROLES), requireTotp: z.boolean() });

  r.get('/api/v1/users', { schema: { tags, querystring: listUsersQuery, response: { 200: z.object({ items: z.array(userSchema) }) } } },
    async (req) => ({ items: await listUsers(ctxOf(deps, req), req.query) }));

  r.post('/api/v1/users', { schema: { tags, body: createUserBody, response: { 201: userSchema } } },
    async (req, reply) => reply.code(201).send(await createUser(ctxOf(deps, req), req.body)));

  r.patch('/api/v1/users/:id', { schema: { tags, params: idParams, body: updateUserBody, response: { 200: userSchema } } },
    async (req) => updateUser(ctxOf(deps, req), req.params.id, req.body));

  r.post('/api/v1/users/:id/password', { schema: { tags, params: idParams, body: z.object({ password: z.string().max(500) }) } },
    async (req, reply) => {
      await resetPassword(ctxOf(deps, req), req.params.id, req.body.password);
      return reply.code(204).send();
    });

  r.get('/api/v1/roles', { schema: { tags, response: { 200: z.object({ items: z.array(roleSetting) }) } } },
    async (req) => ({ items: await listRoleSettings(ctxOf(deps, req)) }));

  r.put('/api/v1/roles/:role', { schema: { tags, params: z.object({ role: z.enum(ROLES) }), body: z.object({ requireTotp: z.boolean() }), response: { 200: roleSetting } } },
    async (req) => setRoleSetting(ctxOf(deps, req), req.params.role, req.body.requireTotp));
}
