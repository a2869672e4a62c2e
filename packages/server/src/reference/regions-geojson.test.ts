import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../test/harness.ts';

describe('region boundaries', () => {
  let h: Harness;
  beforeAll(async () => { h = await createHarness(); });
  afterAll(async () => { await h.close(); });

  it('are served without sign-in as GeoJSON, one feature per region of the 2022 division, cacheable', async () => {
    const res = await h.app.inject({ method: 'GET', url: '/api/v1/reference/regions.geojson' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/geo\+json/);
    expect(res.headers['cache-control']).toMatch(/max-age=\d{4,}/);
    expect(res.headers['cache-control']).not.toMatch(/no-store/);
    const geo = JSON.parse(res.body);
    expect(geo.type).toBe('FeatureCollection');
    const codes = geo.features.map((f: { properties: { iso_code: string } }) => f.properties.iso_code).sort();
    // the regions of the June 2022 reform: Abai, Zhetysu, Ulytau
    expect(codes).toEqual(expect.arrayContaining(['KZ-10', 'KZ-33', 'KZ-62']));
    // the same codes as the classifier the register uses
    const regions = await h.call(null, 'GET', '/api/v1/reference/regions');
    expect(codes).toEqual(regions.json.items.map((r: { code: string }) => r.code).sort());
    expect(codes).toHaveLength(20);
    for (const f of geo.features) expect(['Polygon', 'MultiPolygon']).toContain(f.geometry.type);

    // signed in it is the same file; a repeat with the ETag is answered 304
    const signedIn = await h.call(h.admin, 'GET', '/api/v1/reference/regions.geojson');
    expect(signedIn.status).toBe(200);
    const again = await h.app.inject({ method: 'GET', url: '/api/v1/reference/regions.geojson', headers: { 'if-none-match': String(res.headers.etag) } });
    expect(again.statusCode).toBe(304);
  });
});
