import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../deps.ts';
import { ctxOf, requireActor } from '../http/context.ts';
import type { NotificationHub } from './hub.ts';
import {
  emailBody, getOwnEmail, getPreferences, listNotifications, listNotificationsQuery, markAllRead, markRead, notificationSchema,
  preferenceSchema, putPreferencesBody, setOwnEmail, setPreferences,
} from './service.ts';

export function notificationRoutes(app: FastifyInstance, deps: Deps, hub: NotificationHub): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['notifications'];
  const idParams = z.object({ id: z.coerce.number('must be a notification id').int('must be a notification id').positive('must be a notification id').max(Number.MAX_SAFE_INTEGER) });

  r.get('/api/v1/notifications', {
    schema: {
      tags,
      description: 'The signed-in user\'s notifications, newest first, and how many are unread.',
      querystring: listNotificationsQuery,
      response: { 200: z.object({ items: z.array(notificationSchema), nextCursor: z.string().nullable(), unread: z.number().int() }) },
    },
  }, async (req) => listNotifications(ctxOf(deps, req), req.query));

  r.post('/api/v1/notifications/:id/read', { schema: { tags, params: idParams, response: { 200: notificationSchema } } },
    async (req) => markRead(ctxOf(deps, req), req.params.id));

  r.post('/api/v1/notifications/read-all', { schema: { tags, response: { 200: z.object({ updated: z.number().int() }) } } },
    async (req) => markAllRead(ctxOf(deps, req)));

  r.get('/api/v1/notifications/preferences', { schema: { tags, response: { 200: z.array(preferenceSchema) } } },
    async (req) => getPreferences(deps.db, requireActor(req).id));

  r.put('/api/v1/notifications/preferences', {
    schema: { tags, description: 'Set in-app and email delivery per kind; kinds left out keep their setting.', body: putPreferencesBody, response: { 200: z.array(preferenceSchema) } },
  }, async (req) => setPreferences(ctxOf(deps, req), req.body));

  r.get('/api/v1/notifications/stream', {
    schema: { tags, description: 'Server-Sent Events: `event: notification` with the notification as JSON whenever a new one commits; a comment every 25 s.' },
  }, async (req, reply) => {
    const actor = requireActor(req);
    await hub.serve(req, reply, actor.id, req.session?.id ?? null);
  });

  r.get('/api/v1/account/email', { schema: { tags: ['account'], response: { 200: z.object({ email: z.string().nullable() }) } } },
    async (req) => getOwnEmail(ctxOf(deps, req)));

  r.put('/api/v1/account/email', {
    schema: { tags: ['account'], description: 'The address notification emails go to; null removes it.', body: emailBody, response: { 200: z.object({ email: z.string().nullable() }) } },
  }, async (req) => setOwnEmail(ctxOf(deps, req), req.body.email));
}
