// Demo workforce: places the demo schools inside their region (points sampled in the region's
// boundary from reference/regions.geojson) and staffs them with psychologists and social
// pedagogues — deliberately unevenly, so that the planner has under-served schools to find.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { Rng } from '@qorgau/core';
import { isNull, sql } from 'drizzle-orm';
import type { Deps } from '../deps.ts';
import { schools, specialists } from '../db/schema.ts';
import { REFERENCE_DIR } from '../reference/sync.ts';

type Ring = [number, number][];
type Region = { polygons: Ring[][]; box: [number, number, number, number] };

/** Even-odd rule over all rings (holes included) of a polygon. */
function inPolygon(lon: number, lat: number, rings: Ring[]): boolean {
  let inside = false;
  for (const ring of rings) {
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i, i += 1) {
      const [xi, yi] = ring[i]!;
      const [xj, yj] = ring[j]!;
      if ((yi > lat) !== (yj > lat) && lon < ((xj - xi) * (lat - yi)) / (yj - yi) + xi) inside = !inside;
    }
  }
  return inside;
}

export async function loadRegionShapes(): Promise<Map<string, Region>> {
  const geo = JSON.parse(await readFile(path.join(REFERENCE_DIR, 'regions.geojson'), 'utf8')) as {
    features: { properties: { iso_code: string }; geometry: { type: 'Polygon' | 'MultiPolygon'; coordinates: unknown } }[];
  };
  const out = new Map<string, Region>();
  for (const f of geo.features) {
    const polygons = (f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates) as Ring[][];
    const box: Region['box'] = [Infinity, Infinity, -Infinity, -Infinity];
    for (const p of polygons) for (const [lon, lat] of p[0] ?? []) {
      box[0] = Math.min(box[0], lon); box[1] = Math.min(box[1], lat); box[2] = Math.max(box[2], lon); box[3] = Math.max(box[3], lat);
    }
    out.set(f.properties.iso_code, { polygons, box });
  }
  return out;
}

/** A point inside the region (rejection sampling in its bounding box), or the box centre. */
export function pointIn(region: Region, rng: Rng): { lat: number; lon: number } {
  const [x0, y0, x1, y1] = region.box;
  for (let i = 0; i < 200; i += 1) {
    const lon = rng.float(x0, x1);
    const lat = rng.float(y0, y1);
    if (region.polygons.some((p) => inPolygon(lon, lat, p))) return { lat: Math.round(lat * 1e5) / 1e5, lon: Math.round(lon * 1e5) / 1e5 };
  }
  return { lat: (y0 + y1) / 2, lon: (x0 + x1) / 2 };
}

const FIRST = ['Айгүл', 'Динара', 'Гүлмира', 'Жанар', 'Сауле', 'Елена', 'Ольга', 'Мадина', 'Асель', 'Айжан', 'Нұрлан', 'Ерлан', 'Наталья', 'Ляззат', 'Бибігүл'];
const LAST = ['Ахметова', 'Сейітова', 'Жұмабаева', 'Иванова', 'Ким', 'Оспанова', 'Нұрланова', 'Бекова', 'Смагулова', 'Петрова', 'Тулегенова', 'Каримова'];

/**
 * Coordinates for demo schools that have none, and their specialists. Regions get a staffing
 * level between 35 % and 120 % of the norm, schools scatter around it (some with nobody).
 */
export async function seedDemoWorkforce(deps: Deps, seed: number): Promise<void> {
  const shapes = await loadRegionShapes();
  const rng = new Rng(`${seed}/workforce`);
  const list = await deps.db.select({ id: schools.id, externalId: schools.externalId, regionCode: schools.regionCode, students: schools.students })
    .from(schools).where(isNull(schools.lat)).orderBy(schools.externalId);
  const now = deps.clock.now();
  const level = new Map<string, number>();
  const coords: { id: string; lat: number; lon: number }[] = [];
  const staff: (typeof specialists.$inferInsert)[] = [];
  for (const s of list) {
    const r = rng.fork(s.externalId ?? s.id);
    const shape = shapes.get(s.regionCode);
    if (shape) coords.push({ id: s.id, ...pointIn(shape, r) });
    if (!level.has(s.regionCode)) level.set(s.regionCode, rng.fork(s.regionCode).float(0.35, 1.2));
    const base = level.get(s.regionCode) as number;
    for (const kind of ['psychologist', 'social_pedagogue'] as const) {
      let fte = Math.round(((s.students / 500) * base * r.float(0.2, 1.6)) * 4) / 4;
      if (r.chance(0.12)) fte = 0;
      // positions of at most 1.5 FTE each
      while (fte > 0) {
        const part = Math.min(fte, r.pick([1, 1, 1, 0.5, 1.5]));
        staff.push({ schoolId: s.id, kind, fullName: `${r.pick(LAST)} ${r.pick(FIRST)}`, fte: part, createdAt: now, updatedAt: now });
        fte -= part;
      }
    }
  }
  for (let i = 0; i < coords.length; i += 500) {
    const chunk = coords.slice(i, i + 500);
    const values = sql.join(chunk.map((c) => sql`(${c.id}::uuid, ${c.lat}::double precision, ${c.lon}::double precision)`), sql`, `);
    await deps.db.execute(sql`update schools set lat = v.lat, lon = v.lon, updated_at = ${now} from (values ${values}) as v(id, lat, lon) where schools.id = v.id`);
  }
  for (let i = 0; i < staff.length; i += 500) await deps.db.insert(specialists).values(staff.slice(i, i + 500));
}
