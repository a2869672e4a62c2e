// Reference data is loaded from the project's own copy of the sources (/reference, with their
// attribution) right after the SQL migrations. Each file is loaded again only when its content
// changes, so editing a CSV and restarting is how the classifier or the calendar is updated.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { sql } from 'drizzle-orm';
import {
  agencyTypeLabels, channelLabels, perpetratorRelationLabels, placeLabels, priorityLabels, reporterRelationLabels,
  roleLabels, sexLabels, violenceTypeLabels, taskActionLabels, taskStatusLabels, taskOutcomeLabels, escalationLevelLabels,
  type Label,
} from '@qorgau/core';
import type { Db, Executor } from '../db/client.ts';
import { legalArticlesLoader } from './legal-articles.ts';
import { calendarDays, chiCategories, districts, katoUnits, referenceVersions, regions, vocabulary } from '../db/schema.ts';

export const REFERENCE_DIR = path.resolve(import.meta.dirname, '../../../../reference');

type Row = Record<string, string>;

type CsvFile = { sha256: string; readonly rows: Row[] };

/** The hash is taken at once; rows are parsed only if a loader needs them (most starts need none). */
function readCsv(file: string, optional = false): CsvFile {
  const full = path.join(REFERENCE_DIR, file);
  if (optional && !fs.existsSync(full)) return { sha256: 'absent', rows: [] };
  const text = fs.readFileSync(full, 'utf8');
  let parsed: Row[] | null = null;
  return {
    sha256: createHash('sha256').update(text).digest('hex'),
    get rows(): Row[] {
      if (!parsed) {
        const rows: Row[] = parse(text, { columns: true, skip_empty_lines: true, trim: true });
        parsed = rows;
      }
      return parsed;
    },
  };
}

function col(row: Row, name: string): string {
  const v = row[name];
  if (v === undefined) throw new Error(`reference file lacks column ${name}`);
  return v;
}

async function chunked<T>(items: T[], size: number, fn: (chunk: T[]) => Promise<unknown>) {
  for (let i = 0; i < items.length; i += size) await fn(items.slice(i, i + size));
}

const VOCABULARIES: Record<string, Record<string, Label>> = {
  channel: channelLabels,
  violence_type: violenceTypeLabels,
  place: placeLabels,
  perpetrator_relation: perpetratorRelationLabels,
  reporter_relation: reporterRelationLabels,
  agency_type: agencyTypeLabels,
  priority: priorityLabels,
  sex: sexLabels,
  role: roleLabels,
  task_action: taskActionLabels,
  task_status: taskStatusLabels,
  task_outcome: taskOutcomeLabels,
  escalation_level: escalationLevelLabels,
};

/** Stable code of a CHI subcategory: "violence/physical-violence". */
export function chiCode(category: string, subcategory: string): string {
  return `${category}/${subcategory.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '')}`;
}

type Loader = { name: string; sha256: string; load(tx: Executor): Promise<void> };

function loaders(): Loader[] {
  const regionFile = readCsv('regions.csv');
  const districtFile = readCsv('districts.csv');
  const katoFile = readCsv('kato.csv');
  const calendarFile = readCsv('calendar-kz.csv');
  const calendar2027 = readCsv('calendar-kz-2027-provisional.csv');
  const vocabJson = JSON.stringify(VOCABULARIES);
  const chiFile = readCsv('chi-categories.csv');
  const chiLabels = readCsv('chi-categories-labels.csv', true);

  return [
    {
      name: 'regions.csv', sha256: regionFile.sha256,
      load: async (tx) => {
        for (const r of regionFile.rows) {
          const v = {
            code: col(r, 'iso_code'), katoPrefix: col(r, 'kato_prefix'), kind: col(r, 'kind'),
            nameKk: col(r, 'name_kk'), nameRu: col(r, 'name_ru'), nameEn: col(r, 'name_en'),
            formerCode: col(r, 'former_iso_code') || null,
          };
          await tx.insert(regions).values(v).onConflictDoUpdate({ target: regions.code, set: v });
        }
      },
    },
    {
      name: 'districts.csv', sha256: districtFile.sha256,
      load: async (tx) => {
        const values = districtFile.rows.map((r) => ({
          code: col(r, 'kato_code'), regionCode: col(r, 'parent_iso_code'),
          nameKk: col(r, 'name_kk'), nameRu: col(r, 'name_ru'), nameEn: col(r, 'name_en'),
        }));
        await chunked(values, 500, (chunk) => tx.insert(districts).values(chunk).onConflictDoUpdate({
          target: districts.code,
          set: { regionCode: sql`excluded.region_code`, nameKk: sql`excluded.name_kk`, nameRu: sql`excluded.name_ru`, nameEn: sql`excluded.name_en` },
        }));
      },
    },
    {
      name: 'kato.csv', sha256: katoFile.sha256,
      load: async (tx) => {
        const regionByPrefix = new Map(regionFile.rows.map((r) => [col(r, 'kato_prefix'), col(r, 'iso_code')]));
        const values = katoFile.rows.map((r) => {
          const code = col(r, 'kato');
          return {
            code, level: col(r, 'level'), regionCode: regionByPrefix.get(code.slice(0, 2)) ?? null,
            nameKk: col(r, 'name_kk'), nameRu: col(r, 'name_ru'),
          };
        });
        await chunked(values, 1000, (chunk) => tx.insert(katoUnits).values(chunk).onConflictDoUpdate({
          target: katoUnits.code,
          set: { level: sql`excluded.level`, regionCode: sql`excluded.region_code`, nameKk: sql`excluded.name_kk`, nameRu: sql`excluded.name_ru` },
        }));
      },
    },
    {
      name: 'calendar-kz', sha256: calendarFile.sha256 + calendar2027.sha256,
      load: async (tx) => {
        const toRow = (provisional: boolean) => (r: Row) => ({
          date: col(r, 'date'), kind: col(r, 'kind'), nameKk: col(r, 'name_kk'), nameRu: col(r, 'name_ru'),
          nameEn: col(r, 'name_en'), provisional,
        });
        const values = [...calendarFile.rows.map(toRow(false)), ...calendar2027.rows.map(toRow(true))];
        await tx.delete(calendarDays);
        await tx.insert(calendarDays).values(values);
      },
    },
    {
      name: 'chi-categories', sha256: chiFile.sha256 + chiLabels.sha256,
      load: async (tx) => {
        const labelOf = new Map(chiLabels.rows.map((r) => [`${col(r, 'category_code')}|${col(r, 'subcategory_en')}`, r]));
        const values = chiFile.rows.map((r, sort) => {
          const category = col(r, 'category_code');
          const sub = col(r, 'subcategory_en');
          const l = labelOf.get(`${category}|${sub}`);
          // labels we have not translated yet fall back to the English of the CHI framework
          const pick = (name: string, fallback: string) => (l?.[name]?.trim() ? (l[name]) : fallback);
          return {
            code: chiCode(category, sub), category, sort,
            labelEn: sub, labelRu: pick('subcategory_ru', sub), labelKk: pick('subcategory_kk', sub),
            categoryLabelEn: col(r, 'category_en'), categoryLabelRu: pick('category_ru', col(r, 'category_en')), categoryLabelKk: pick('category_kk', col(r, 'category_en')),
            violenceTypes: (l?.violence_types ?? '').split(';').map((t) => t.trim()).filter(Boolean),
          };
        });
        for (const v of values) {
          await tx.insert(chiCategories).values(v).onConflictDoUpdate({ target: chiCategories.code, set: v });
        }
      },
    },
    legalArticlesLoader(),
    {
      name: 'vocabulary', sha256: createHash('sha256').update(vocabJson).digest('hex'),
      load: async (tx) => {
        for (const [kind, labels] of Object.entries(VOCABULARIES)) {
          const values = Object.entries(labels).map(([code, l], sort) => ({
            kind, code, sort, labelKk: l.kk, labelRu: l.ru, labelEn: l.en,
          }));
          await tx.insert(vocabulary).values(values).onConflictDoUpdate({
            target: [vocabulary.kind, vocabulary.code],
            set: { sort: sql`excluded.sort`, labelKk: sql`excluded.label_kk`, labelRu: sql`excluded.label_ru`, labelEn: sql`excluded.label_en` },
          });
        }
      },
    },
  ];
}

/** Returns the names of the reference sets that were (re)loaded. */
export async function syncReferenceData(db: Db, now: Date = new Date()): Promise<string[]> {
  const loaded: string[] = [];
  const current = new Map((await db.select().from(referenceVersions)).map((v) => [v.name, v.sha256]));
  for (const loader of loaders()) {
    if (current.get(loader.name) === loader.sha256) continue;
    await db.transaction(async (tx) => {
      await loader.load(tx);
      await tx.insert(referenceVersions).values({ name: loader.name, sha256: loader.sha256, loadedAt: now })
        .onConflictDoUpdate({ target: referenceVersions.name, set: { sha256: loader.sha256, loadedAt: now } });
    });
    loaded.push(loader.name);
  }
  return loaded;
}
