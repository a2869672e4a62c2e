// Regions and districts as an in-memory index: every intake checks its codes against them. The
// reference files are synchronised at start-up, so a few minutes of caching never misses a change.
import type { Executor } from '../db/client.ts';
import { districts, regions } from '../db/schema.ts';
import { TtlCache } from '../db/ttl-cache.ts';

export type TerritoryIndex = { regions: ReadonlySet<string>; districtRegion: ReadonlyMap<string, string> };

const cache = new TtlCache<TerritoryIndex>(5 * 60_000);

export function territoryIndex(db: Executor): Promise<TerritoryIndex> {
  return cache.get(db, async () => {
    const [r, d] = await Promise.all([
      db.select({ code: regions.code }).from(regions),
      db.select({ code: districts.code, regionCode: districts.regionCode }).from(districts),
    ]);
    return { regions: new Set(r.map((x) => x.code)), districtRegion: new Map(d.map((x) => [x.code, x.regionCode])) };
  });
}
