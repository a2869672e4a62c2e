// Property-based fuzzing of every API operation, generated from the OpenAPI description the
// server publishes (so a new operation is fuzzed without touching this file). Bodies, queries
// and path parameters come from each operation's JSON schema, sometimes valid, often not, plus
// arbitrary JSON; the callers are users of several roles. Whatever arrives, the server must not
// answer 5xx, and what it stored must still satisfy the register's invariants.
//   FUZZ_RUNS=100 npx vitest run packages/server/src/http/fuzz.test.ts   (default 20 per operation)
import fc from 'fast-check';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES } from '@qorgau/core';
import { rows } from '../db/client.ts';
import { seedDemo } from '../demo/seed.ts';
import { createHarness, sampleReport, type Harness, type TestUser } from '../test/harness.ts';
import { registerViolations } from '../test/invariants.ts';

type Schema = {
  type?: string | string[]; enum?: unknown[]; const?: unknown; nullable?: boolean; format?: string; pattern?: string;
  minLength?: number; maxLength?: number; minimum?: number; maximum?: number; exclusiveMinimum?: number | boolean; exclusiveMaximum?: number | boolean;
  items?: Schema; minItems?: number; maxItems?: number; properties?: Record<string, Schema>; required?: string[];
  additionalProperties?: boolean | Schema; anyOf?: Schema[]; oneOf?: Schema[]; allOf?: Schema[]; default?: unknown;
};
type Operation = {
  parameters?: { in: 'query' | 'path' | 'header'; name: string; required?: boolean; schema: Schema }[];
  requestBody?: { content?: Record<string, { schema?: Schema }> };
};

const RUNS = Number(process.env.FUZZ_RUNS ?? 20);
/** would end the callers' sessions, change their passwords or second factor, or never finish */
const SKIP = new Set([
  'POST /api/v1/auth/logout', 'POST /api/v1/auth/me/password', 'POST /api/v1/auth/totp/setup', 'POST /api/v1/auth/totp/enable',
  'GET /api/v1/notifications/stream', 'PUT /api/v1/roles/{role}',
]);
const NASTY = ['', ' ', "'; drop table reports; --", '<script>alert(1)</script>', '../../etc/passwd', '\u0000', 'ä'.repeat(300), '%00', '{{7*7}}', 'null', '-1', '1e309'];

function stringArb(s: Schema): fc.Arbitrary<string> {
  const options: fc.Arbitrary<string>[] = [fc.constantFrom(...NASTY), fc.string({ maxLength: 40 })];
  if (s.pattern) {
    try {
      const valid = fc.stringMatching(new RegExp(s.pattern)).filter((x) => x.length <= (s.maxLength ?? 10_000));
      options.push(valid, valid, valid, valid);
    } catch { /* a pattern JS cannot read */ }
  }
  if (s.format === 'uuid') options.push(fc.uuid(), fc.uuid(), fc.uuid());
  if (s.format === 'date') options.push(fc.date({ min: new Date('1990-01-01'), max: new Date('2030-12-31'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)));
  if (s.format === 'date-time') options.push(fc.date({ min: new Date('2000-01-01'), max: new Date('2030-12-31'), noInvalidDate: true }).map((d) => d.toISOString()));
  if (s.format === 'email') options.push(fc.emailAddress());
  if (s.minLength !== undefined || s.maxLength !== undefined) options.push(fc.string({ minLength: s.minLength ?? 0, maxLength: Math.min(s.maxLength ?? 60, 200) }));
  return fc.oneof(...options);
}

function numberArb(s: Schema, integer: boolean): fc.Arbitrary<number> {
  const min = typeof s.minimum === 'number' ? s.minimum : -1000;
  const max = typeof s.maximum === 'number' ? s.maximum : 100_000;
  const inRange = integer ? fc.integer({ min: Math.ceil(min), max: Math.floor(Math.max(min, max)) }) : fc.double({ min, max: Math.max(min, max), noNaN: true });
  return fc.oneof(inRange, fc.constantFrom(-1, 0, 2 ** 31, -(2 ** 53), 0.5));
}

/** An arbitrary for a JSON schema: mostly shaped like it, sometimes not. */
function arb(s: Schema | undefined, depth = 0): fc.Arbitrary<unknown> {
  if (!s || depth > 6) return fc.jsonValue({ maxDepth: 2 });
  const shaped = shapedArb(s, depth);
  const nullable = s.nullable ? fc.oneof(shaped, fc.constant(null)) : shaped;
  return fc.oneof({ weight: 15, arbitrary: nullable }, { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }) });
}

function shapedArb(s: Schema, depth: number): fc.Arbitrary<unknown> {
  if (s.const !== undefined) return fc.constant(s.const);
  if (s.enum) return fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...s.enum) }, { weight: 1, arbitrary: fc.constantFrom('not-a-code', 0, null) });
  const alternatives = s.anyOf ?? s.oneOf;
  if (alternatives?.length) return fc.oneof(...alternatives.map((a) => arb(a, depth + 1)));
  if (s.allOf?.length) return arb(Object.assign({}, ...s.allOf) as Schema, depth + 1);
  const type = Array.isArray(s.type) ? s.type.find((t) => t !== 'null') : s.type;
  switch (type) {
    case 'string': return stringArb(s);
    case 'integer': return numberArb(s, true);
    case 'number': return numberArb(s, false);
    case 'boolean': return fc.boolean();
    case 'null': return fc.constant(null);
    case 'array': return fc.array(arb(s.items, depth + 1), { minLength: s.minItems ?? 0, maxLength: Math.min(s.maxItems ?? 4, 4) });
    case 'object': {
      const props = s.properties ?? {};
      const required = new Set(s.required ?? []);
      const keys = Object.keys(props);
      const record: Record<string, fc.Arbitrary<unknown>> = {};
      for (const k of keys) record[k] = arb(props[k], depth + 1);
      const requiredKeys = keys.filter((k) => required.has(k));
      const base = fc.record(record, { requiredKeys });
      // now and then a property nobody asked for
      return fc.oneof({ weight: 5, arbitrary: base }, { weight: 1, arbitrary: fc.tuple(base, fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 1 })).map(([o, k, v]) => ({ ...o, [`x${k}`]: v })) });
    }
    case undefined:
    default: return fc.jsonValue({ maxDepth: 2 });
  }
}

function queryValue(v: unknown): string {
  if (typeof v === 'string') return v;
  return JSON.stringify(v) ?? '';
}

describe('API fuzzing', () => {
  let h: Harness;
  const users: TestUser[] = [];
  const idPool: string[] = [];

  beforeAll(async () => {
    h = await createHarness();
    await seedDemo(h.deps, { scale: 0.02 });
    const supervisor = await h.user('supervisor');
    const coordinator = await h.user('regional_coordinator', { regionCode: 'KZ-75' });
    const [school] = await rows<{ id: string; district_code: string }>(h.deps.db, sql`select id, district_code from schools where region_code = 'KZ-75' order by external_id limit 1`);
    const specialist = await h.user('school_specialist', { regionCode: 'KZ-75', schoolId: school?.id });
    const teacher = await h.user('teacher', { regionCode: 'KZ-75', schoolId: school?.id });
    const police = await h.user('police_inspector', { regionCode: 'KZ-75' });
    users.push(h.admin, supervisor, coordinator, specialist, teacher, police);
    const created = await h.call(supervisor, 'POST', '/api/v1/reports', sampleReport());
    expect(created.status).toBe(201);
    // real ids of every kind, so that path parameters sometimes hit something
    const ids = await rows<{ id: string }>(h.deps.db, sql`
      (select id::text from reports order by received_at desc limit 3) union all (select id::text from persons limit 3)
      union all (select id::text from tasks limit 3) union all (select id::text from units limit 2) union all (select id::text from schools limit 2)
      union all (select id::text from concerns limit 2) union all (select id::text from conferences limit 2)
      union all (select id::text from prevention_programmes limit 2) union all (select id::text from prevention_sessions limit 2)`);
    idPool.push(...ids.map((r) => r.id));
  }, 300_000);

  afterAll(() => h.close());

  it('never answers 5xx, whatever the input', async () => {
    const doc = h.app.swagger() as { paths: Record<string, Record<string, Operation>> };
    const failures: string[] = [];
    let operations = 0;
    const statuses = new Map<number, number>();
    for (const [path, methods] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(methods)) {
        const key = `${method.toUpperCase()} ${path}`;
        if (SKIP.has(key)) continue;
        operations += 1;
        const pathParams = (op.parameters ?? []).filter((p) => p.in === 'path');
        const queryParams = (op.parameters ?? []).filter((p) => p.in === 'query');
        const bodySchema = op.requestBody?.content?.['application/json']?.schema;
        const pathArb = fc.record(Object.fromEntries(pathParams.map((p) => [p.name, p.name === 'role'
          ? fc.constantFrom(...ROLES, 'nope')
          : fc.oneof(fc.constantFrom(...idPool), fc.uuid(), fc.constantFrom(...NASTY.filter(Boolean)), fc.integer({ min: -5, max: 5 }).map(String))])));
        const queryArb = fc.record(Object.fromEntries(queryParams.map((p) => [p.name, arb(p.schema)])), { requiredKeys: [] });
        const bodyArb = bodySchema ? arb(bodySchema) : fc.constant(undefined);
        const result = await fc.check(fc.asyncProperty(fc.nat({ max: users.length - 1 }), pathArb, queryArb, bodyArb, async (u, params, query, body) => {
          let url = path.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(String((params as Record<string, string>)[name])));
          const qs = new URLSearchParams();
          for (const [k, v] of Object.entries(query as Record<string, unknown>)) if (v !== undefined) qs.set(k, queryValue(v));
          if ([...qs].length) url += `?${qs.toString()}`;
          const res = await h.app.inject({
            method: method.toUpperCase() as 'GET', url,
            headers: { authorization: `Bearer ${users[u]?.token}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
            ...(body !== undefined ? { payload: JSON.stringify(body) } : {}),
          });
          statuses.set(res.statusCode, (statuses.get(res.statusCode) ?? 0) + 1);
          if (res.statusCode >= 500) throw new Error(`${res.statusCode} for ${method.toUpperCase()} ${url} body ${JSON.stringify(body)?.slice(0, 400)}: ${res.body.slice(0, 300)}`);
        }), { numRuns: RUNS, seed: 20261123 + operations, endOnFailure: true });
        if (result.failed) failures.push(`${key}: ${result.errorInstance instanceof Error ? result.errorInstance.message : JSON.stringify(result.counterexample)}`);
      }
    }
    expect(operations).toBeGreaterThan(100);
    // the fuzzer reaches the handlers: most operations answer 200 to some input, few calls are unauthenticated
    const summary = JSON.stringify([...statuses].sort());
    expect(statuses.get(200) ?? 0, summary).toBeGreaterThan(operations);
    expect(statuses.get(401) ?? 0, summary).toBeLessThan(operations);
    expect(failures, failures.join('\n')).toEqual([]);
  }, 900_000);

  it('left only well-formed records behind', async () => {
    expect(await registerViolations(h.deps.db)).toEqual([]);
  }, 120_000);
});
