// Articles of the Criminal and Administrative Codes used to qualify incidents. Loaded from
// reference/legal-articles.csv once: an article already in the database is never overwritten,
// so administrators' edits (titles, deactivation) survive a changed file and every restart.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { and, eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { writeAudit } from '../audit/audit.ts';
import type { Executor } from '../db/client.ts';
import { legalArticles } from '../db/schema.ts';
import type { Deps } from '../deps.ts';
import { auditCtx, ctxOf, requireActor, type Ctx } from '../http/context.ts';
import { forbidden } from '../http/errors.ts';

const FILE = path.resolve(import.meta.dirname, '../../../../reference/legal-articles.csv');

export const LEGAL_CODES = ['criminal', 'administrative'] as const;
const ARTICLE = /^\d{1,3}(-\d{1,2})?$/;

type Row = { code: string; article: string; title_kk: string; title_ru: string; title_en: string };

/** A reference-data loader for reference/sync.ts: inserts the articles that are not there yet. */
export function legalArticlesLoader(file = FILE): { name: string; sha256: string; load(tx: Executor): Promise<void> } {
  const text = fs.readFileSync(file, 'utf8');
  return {
    name: 'legal-articles.csv',
    sha256: createHash('sha256').update(text).digest('hex'),
    load: async (tx) => {
      const rows: Row[] = parse(text, { columns: true, skip_empty_lines: true, trim: true });
      const values = rows.map((r, i) => {
        if (!(LEGAL_CODES as readonly string[]).includes(r.code) || !ARTICLE.test(r.article) || !r.title_kk || !r.title_ru || !r.title_en) {
          throw new Error(`legal-articles.csv row ${i + 2}: needs code (criminal|administrative), article (120 or 109-1) and three titles`);
        }
        return { code: r.code, article: r.article, titleKk: r.title_kk, titleRu: r.title_ru, titleEn: r.title_en, active: true };
      });
      if (values.length) await tx.insert(legalArticles).values(values).onConflictDoNothing();
    },
  };
}

/** Numeric order: 9 < 73 < 73-1 < 106 < 109-1 < 110. */
function articleOrder(a: string, b: string): number {
  const [a1 = 0, a2 = 0] = a.split('-').map(Number);
  const [b1 = 0, b2 = 0] = b.split('-').map(Number);
  return a1 - b1 || a2 - b2;
}

const articleSchema = z.object({
  code: z.enum(LEGAL_CODES), article: z.string(), title: z.object({ kk: z.string(), ru: z.string(), en: z.string() }), active: z.boolean(),
});
type ArticleDto = z.infer<typeof articleSchema>;

const toDto = (r: typeof legalArticles.$inferSelect): ArticleDto => ({
  code: r.code as ArticleDto['code'], article: r.article, title: { kk: r.titleKk, ru: r.titleRu, en: r.titleEn }, active: r.active,
});

const title = z.string().trim().min(1, 'required').max(500, 'at most 500 characters');
export const updateArticleBody = z.object({ titleKk: title, titleRu: title, titleEn: title, active: z.boolean() });

export async function updateLegalArticle(ctx: Ctx, code: (typeof LEGAL_CODES)[number], article: string, body: z.infer<typeof updateArticleBody>): Promise<ArticleDto> {
  if (ctx.actor.role !== 'admin') throw forbidden('Only administrators edit the legal articles.');
  return ctx.db.transaction(async (tx) => {
    const where = and(eq(legalArticles.code, code), eq(legalArticles.article, article));
    const [before] = await tx.select().from(legalArticles).where(where);
    const values = { titleKk: body.titleKk, titleRu: body.titleRu, titleEn: body.titleEn, active: body.active };
    const [row] = before
      ? await tx.update(legalArticles).set(values).where(where).returning()
      : await tx.insert(legalArticles).values({ code, article, ...values }).returning();
    if (!row) throw new Error('legal article write returned nothing');
    const changed = before ? (Object.keys(values) as (keyof typeof values)[]).filter((k) => before[k] !== values[k]) : Object.keys(values);
    await writeAudit(tx, auditCtx(ctx), { action: before ? 'update' : 'create', entityType: 'legal_article', entityId: `${code}/${article}`, details: { fields: changed } });
    return toDto(row);
  });
}

export function legalArticleRoutes(app: FastifyInstance, deps: Deps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['reference'];

  r.get('/api/v1/reference/legal-articles', {
    schema: {
      tags, querystring: z.object({ active: z.enum(['true', 'false']).optional() }),
      description: 'Articles of the Criminal (`criminal`) and Administrative (`administrative`) Codes for the legal qualification of incidents; `active=true` leaves out those retired by an administrator.',
      response: { 200: z.object({ items: z.array(articleSchema) }) },
    },
  }, async (req) => {
    requireActor(req);
    const q = deps.db.select().from(legalArticles);
    const rows = await (req.query.active ? q.where(eq(legalArticles.active, req.query.active === 'true')) : q);
    rows.sort((a, b) => a.code.localeCompare(b.code) || articleOrder(a.article, b.article));
    return { items: rows.map(toDto) };
  });

  r.put('/api/v1/reference/legal-articles/:code/:article', {
    schema: {
      tags, params: z.object({ code: z.enum(LEGAL_CODES), article: z.string().regex(ARTICLE, 'must be an article number such as 120 or 109-1') }),
      body: updateArticleBody,
      description: 'Administrators: set the titles and whether the article is offered; creates the article if it is not there. Audited.',
      response: { 200: articleSchema },
    },
  }, async (req) => updateLegalArticle(ctxOf(deps, req), req.params.code, req.params.article, req.body));
}
