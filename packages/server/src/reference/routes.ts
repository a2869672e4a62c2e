import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { and, asc, eq, like, notInArray } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../deps.ts';
import { calendarDays, districts, katoUnits, regions, schools, vocabulary } from '../db/schema.ts';
import { requireActor } from '../http/context.ts';
import { REFERENCE_DIR } from './sync.ts';

const label = z.object({ kk: z.string(), ru: z.string(), en: z.string() });

/** Region boundaries for the statistics maps (reference/regions.geojson.SOURCE.md): read once, kept in memory. */
let regionsGeoJson: Promise<{ body: Buffer; etag: string }> | null = null;
function loadRegionsGeoJson(): Promise<{ body: Buffer; etag: string }> {
  regionsGeoJson ??= readFile(path.join(REFERENCE_DIR, 'regions.geojson')).then((body) => ({
    body, etag: `"${createHash('sha256').update(body).digest('hex').slice(0, 32)}"`,
  }));
  // a failed read is tried again on the next request
  regionsGeoJson.catch(() => { regionsGeoJson = null; });
  return regionsGeoJson;
}

/**
 * Reference data is public knowledge: classifiers, vocabularies and the calendar are served
 * without sign-in (the public form needs regions); school lists only to signed-in users.
 */
export function referenceRoutes(app: FastifyInstance, deps: Deps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['reference'];

  r.get('/api/v1/reference/regions', {
    schema: { tags, response: { 200: z.object({ items: z.array(z.object({ code: z.string(), katoPrefix: z.string(), kind: z.string(), name: label })) }) } },
  }, async () => {
    const rows = await deps.db.select().from(regions).orderBy(asc(regions.code));
    return { items: rows.map((x) => ({ code: x.code, katoPrefix: x.katoPrefix, kind: x.kind, name: { kk: x.nameKk, ru: x.nameRu, en: x.nameEn } })) };
  });

  // boundaries hold no personal data: served signed in or not (the public statistics page draws them)
  r.get('/api/v1/reference/regions.geojson', {
    schema: { tags, description: 'Boundaries of the 20 first-level units (2022 division) as GeoJSON, feature property iso_code (KZ-10 … KZ-79). geokz (A. Rodionov), CC BY 4.0, from OCHA/UNHCR COD-AB Kazakhstan: show the attribution with the map.' },
    // after the app-wide onSend hook, which marks every /api/ answer no-store
    onSend: async (_req, reply, payload) => {
      reply.header('cache-control', 'public, max-age=86400');
      return payload;
    },
  }, async (req, reply) => {
    const file = await loadRegionsGeoJson();
    reply.header('etag', file.etag);
    if (req.headers['if-none-match'] === file.etag) return reply.code(304).send();
    return reply.type('application/geo+json').send(file.body);
  });

  r.get('/api/v1/reference/districts', {
    schema: {
      tags, querystring: z.object({ regionCode: z.string().regex(/^KZ-\d{2}$/, 'must be an ISO code like KZ-75').optional() }),
      response: { 200: z.object({ items: z.array(z.object({ code: z.string(), regionCode: z.string(), name: label })) }) },
    },
  }, async (req) => {
    const q = deps.db.select().from(districts);
    const rows = await (req.query.regionCode ? q.where(eq(districts.regionCode, req.query.regionCode)) : q).orderBy(asc(districts.nameRu));
    return { items: rows.map((x) => ({ code: x.code, regionCode: x.regionCode, name: { kk: x.nameKk, ru: x.nameRu, en: x.nameEn } })) };
  });

  r.get('/api/v1/reference/schools', {
    schema: {
      tags, querystring: z.object({ districtCode: z.string().regex(/^\d{9}$/, 'must be a 9-digit KATO code') }),
      response: { 200: z.object({ items: z.array(z.object({ id: z.string(), districtCode: z.string(), name: label, students: z.number() })) }) },
    },
  }, async (req) => {
    requireActor(req);
    const rows = await deps.db.select().from(schools).where(eq(schools.districtCode, req.query.districtCode)).orderBy(asc(schools.nameRu));
    return { items: rows.map((x) => ({ id: x.id, districtCode: x.districtCode, name: { kk: x.nameKk, ru: x.nameRu, en: x.nameEn }, students: x.students })) };
  });

  r.get('/api/v1/reference/vocabulary', {
    schema: { tags, response: { 200: z.object({ items: z.array(z.object({ kind: z.string(), code: z.string(), label })) }) } },
  }, async () => {
    const rows = await deps.db.select().from(vocabulary).orderBy(asc(vocabulary.kind), asc(vocabulary.sort));
    return { items: rows.map((x) => ({ kind: x.kind, code: x.code, label: { kk: x.labelKk, ru: x.labelRu, en: x.labelEn } })) };
  });

  r.get('/api/v1/reference/calendar', {
    schema: { tags, response: { 200: z.object({ items: z.array(z.object({ date: z.string(), kind: z.string(), provisional: z.boolean(), name: label })) }) } },
  }, async () => {
    const rows = await deps.db.select().from(calendarDays).orderBy(asc(calendarDays.date));
    return { items: rows.map((x) => ({ date: x.date, kind: x.kind, provisional: x.provisional, name: { kk: x.nameKk, ru: x.nameRu, en: x.nameEn } })) };
  });

  // settlements and rural districts of a district: KATO codes sharing its first four digits
  r.get('/api/v1/reference/settlements', {
    schema: {
      tags, querystring: z.object({ districtCode: z.string().regex(/^\d{9}$/, 'must be a 9-digit KATO code') }),
      response: { 200: z.object({ items: z.array(z.object({ code: z.string(), level: z.string(), name: label })) }) },
    },
  }, async (req) => {
    const rows = await deps.db.select().from(katoUnits)
      .where(and(like(katoUnits.code, `${req.query.districtCode.slice(0, 4)}%`), notInArray(katoUnits.level, ['oblast', 'district'])))
      .orderBy(asc(katoUnits.nameRu));
    // KATO has no English names: the Kazakh name serves, as on road signs
    return { items: rows.map((x) => ({ code: x.code, level: x.level, name: { kk: x.nameKk, ru: x.nameRu, en: x.nameKk } })) };
  });
}
