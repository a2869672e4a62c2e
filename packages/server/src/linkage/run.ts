// A linkage run over the register: read every person that was not merged away (in pages, folded
// as they come), link them (core/linkage), store the pairs at or above the lower threshold as
// pending candidates, and record the run. Decided pairs keep their status; pending pairs get the
// new score; pending pairs not found again are removed.
import {
  BLOCKING_PASSES, LINKAGE_PARAMS_V1, RecordPreparer, blockPairs, candidateAt, kzLocal, scorePairs, thresholdsFor, weightTable,
  type LinkageParams, type LinkCandidate,
} from '@qorgau/core';
import { and, desc, eq, gt, isNull, ne, sql } from 'drizzle-orm';
import { writeAudit, type AuditContext } from '../audit/audit.ts';
import { rows } from '../db/client.ts';
import { linkageRuns, linkCandidates, persons } from '../db/schema.ts';
import type { Deps } from '../deps.ts';
import { AppError } from '../http/errors.ts';

export type RunSummary = {
  id: string;
  startedAt: string;
  finishedAt: string | null;
  persons: number;
  pairsCompared: number;
  candidates: number;
  likely: number;
  /** pairs stored for the first time, pending pairs re-scored, pending pairs no longer found */
  added: number;
  updated: number;
  removed: number;
  thresholds: { upper: number; lower: number };
  ms: { read: number; link: number; write: number };
};

const PAGE = 20_000;
const WRITE_BATCH = 2000;
/** a run not finished after this long is taken as crashed: another may start */
const STALE_RUN_MS = 2 * 60 * 60_000;
const RUN_LOCK = 720_105;

type RunOptions = { startedBy?: string | null; params?: LinkageParams; audit?: AuditContext };

/** Starts a run row, unless one is already running (409). */
async function beginRun(deps: Deps, opts: RunOptions, params: LinkageParams): Promise<{ id: string; startedAt: Date }> {
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    // two instances (or two reviewers) starting at once: one waits for the other's check
    await tx.execute(sql`select pg_advisory_xact_lock(${RUN_LOCK})`);
    const [running] = await tx.select({ id: linkageRuns.id }).from(linkageRuns)
      .where(and(isNull(linkageRuns.finishedAt), gt(linkageRuns.startedAt, new Date(now.getTime() - STALE_RUN_MS)))).limit(1);
    if (running) throw new AppError('conflict', 'A linkage run is already in progress. Wait until it finishes, then look at the review queue.');
    const [run] = await tx.insert(linkageRuns).values({ startedAt: now, params: { version: params.version }, startedBy: opts.startedBy ?? null }).returning();
    if (!run) throw new Error('run insert returned nothing');
    return { id: run.id, startedAt: run.startedAt };
  });
}

type PersonRow = {
  id: string; iin: string | null; last_name: string; first_name: string; middle_name: string | null; birth_date: string | null;
  birth_year_approx: number | null; sex: string | null; address: string | null; region_code: string | null; district_code: string | null;
};

/** Reads the active register page by page (keyset on id) into the preparer; returns the count. */
async function readRegister(deps: Deps, preparer: RecordPreparer): Promise<number> {
  let last: string | null = null;
  let n = 0;
  for (;;) {
    const after: string | null = last;
    const page: PersonRow[] = await rows<PersonRow>(deps.db, sql`
      select id, iin, last_name, first_name, middle_name, birth_date::text as birth_date, birth_year_approx, sex, address, region_code, district_code
      from ${persons}
      where merged_into is null and (first_name <> '' or last_name <> '' or iin is not null) ${after ? sql`and id > ${after}::uuid` : sql``}
      order by id limit ${PAGE}`);
    for (const p of page) {
      preparer.put(n++, {
        id: p.id, iin: p.iin, lastName: p.last_name, firstName: p.first_name, middleName: p.middle_name, birthDate: p.birth_date,
        birthYearApprox: p.birth_year_approx, sex: p.sex, address: p.address, regionCode: p.region_code, districtCode: p.district_code,
      });
    }
    if (page.length < PAGE) return n;
    last = page[page.length - 1]?.id ?? null;
  }
}

/** Upserts the candidates; pending ones get the new score and run, decided ones are left alone. */
async function writeCandidates(deps: Deps, runId: string, candidates: LinkCandidate[], now: Date): Promise<{ added: number; updated: number }> {
  let added = 0;
  let updated = 0;
  for (let k = 0; k < candidates.length; k += WRITE_BATCH) {
    const batch = candidates.slice(k, k + WRITE_BATCH);
    const written = await deps.db.insert(linkCandidates).values(batch.map((c) => ({
      personA: c.idA, personB: c.idB, score: c.score, fields: c.fields, status: 'pending', runId, createdAt: now,
    }))).onConflictDoUpdate({
      target: [linkCandidates.personA, linkCandidates.personB],
      set: { score: sql`excluded.score`, fields: sql`excluded.fields`, runId: sql`excluded.run_id` },
      setWhere: eq(linkCandidates.status, 'pending'),
    }).returning({ inserted: sql<boolean>`(xmax = 0)` });
    for (const w of written) if (w.inserted) added++; else updated++;
  }
  return { added, updated };
}

/** Runs linkage over the whole register (CLI, nightly job) and waits for it. */
export async function runLinkage(deps: Deps, opts: RunOptions = {}): Promise<RunSummary> {
  return (await startLinkage(deps, opts)).done;
}

/**
 * Starts a run: 409 at once when one is in progress; `done` settles when it has finished (the
 * API answers 202 without waiting).
 */
export async function startLinkage(deps: Deps, opts: RunOptions = {}): Promise<{ id: string; done: Promise<RunSummary> }> {
  const params = opts.params ?? LINKAGE_PARAMS_V1;
  const run = await beginRun(deps, opts, params);
  return { id: run.id, done: executeRun(deps, opts, params, run) };
}

async function executeRun(deps: Deps, opts: RunOptions, params: LinkageParams, run: { id: string; startedAt: Date }): Promise<RunSummary> {
  try {
    let t = performance.now();
    const preparer = new RecordPreparer(4096);
    const count = await readRegister(deps, preparer);
    const readMs = performance.now() - t;

    t = performance.now();
    const rec = preparer.finish();
    const thresholds = thresholdsFor(params, count);
    const { pairs, stats: blocking } = blockPairs(rec, { maxBlock: params.maxBlock });
    const { kept } = scorePairs(rec, pairs, params, thresholds.lower);
    const weights = weightTable(params);
    const candidates: LinkCandidate[] = [];
    for (let k = 0; k < kept.count; k++) candidates.push(candidateAt(rec, kept, k, weights, thresholds.upper));
    const linkMs = performance.now() - t;

    t = performance.now();
    const now = deps.clock.now();
    const { added, updated } = await writeCandidates(deps, run.id, candidates, now);
    // pending pairs this run did not find again (data changed, or now below the threshold), among persons still active
    const removed = await rows<{ id: string }>(deps.db, sql`
      delete from ${linkCandidates} c where c.status = 'pending' and c.run_id is distinct from ${run.id}::uuid
        and not exists (select 1 from ${persons} p where p.id in (c.person_a, c.person_b) and p.merged_into is not null)
      returning c.id`);
    const writeMs = performance.now() - t;
    const likely = candidates.filter((c) => c.band === 'likely').length;
    const finishedAt = deps.clock.now();
    const ms = { read: Math.round(readMs), link: Math.round(linkMs), write: Math.round(writeMs) };
    await deps.db.transaction(async (tx) => {
      await tx.update(linkageRuns).set({
        finishedAt, persons: count, pairsCompared: pairs.length, candidates: candidates.length,
        params: {
          version: params.version, params, scoreThresholds: thresholds, likely, added, updated, removed: removed.length, ms,
          blocking: Object.fromEntries(BLOCKING_PASSES.map((p) => [p, blocking[p]])),
        },
      }).where(eq(linkageRuns.id, run.id));
      if (opts.audit) {
        await writeAudit(tx, opts.audit, { action: 'create', entityType: 'linkage_run', entityId: run.id, details: { persons: count, candidates: candidates.length, added, removed: removed.length } });
      }
    });
    return {
      id: run.id, startedAt: run.startedAt.toISOString(), finishedAt: finishedAt.toISOString(), persons: count, pairsCompared: pairs.length,
      candidates: candidates.length, likely, added, updated, removed: removed.length, thresholds, ms,
    };
  } catch (err) {
    // a failed run is closed, so that the next may start; the error is in the log, not in the row
    await deps.db.update(linkageRuns).set({ finishedAt: deps.clock.now(), params: { version: params.version, failed: true } }).where(eq(linkageRuns.id, run.id)).catch(() => undefined);
    throw err;
  }
}

/** The score thresholds of the latest finished run (for the band of a stored pair), or the defaults for a small register. */
export async function latestThresholds(deps: Pick<Deps, 'db'>): Promise<{ upper: number; lower: number }> {
  const [run] = await deps.db.select({ params: linkageRuns.params }).from(linkageRuns)
    .where(and(sql`${linkageRuns.finishedAt} is not null`, ne(sql`coalesce(${linkageRuns.params}->>'failed', 'false')`, 'true'))).orderBy(desc(linkageRuns.startedAt)).limit(1);
  const t = run?.params.scoreThresholds as { upper: number; lower: number } | undefined;
  return t ?? LINKAGE_PARAMS_V1.thresholds.minScore;
}

/**
 * The nightly run: between 02:00 and 05:00 Kazakhstan time, when no run started in the last 20
 * hours. The job ticks every 10 minutes on every instance; beginRun's lock lets only one run.
 */
export async function nightlyLinkage(deps: Deps): Promise<RunSummary | null> {
  const now = deps.clock.now();
  const hour = kzLocal(now).getUTCHours();
  if (hour < 2 || hour >= 5) return null;
  const [recent] = await deps.db.select({ id: linkageRuns.id }).from(linkageRuns)
    .where(gt(linkageRuns.startedAt, new Date(now.getTime() - 20 * 60 * 60_000))).limit(1);
  if (recent) return null;
  try {
    return await runLinkage(deps, { startedBy: null, audit: { userId: null, username: 'job:linkage', ip: null, requestId: null, at: now } });
  } catch (err) {
    if (err instanceof AppError && err.code === 'conflict') return null;
    throw err;
  }
}
