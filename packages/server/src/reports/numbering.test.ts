import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { openDatabase, type Database } from '../db/client.ts';
import { buildApp } from '../http/app.ts';
import { createHarness, sampleReport, usingPostgres, type Harness, type TestUser } from '../test/harness.ts';

// Several stateless instances on one PostgreSQL must never hand out the same number.
describe.runIf(usingPostgres)('report numbers across server instances', () => {
  let h: Harness;
  let second: { app: FastifyInstance; database: Database };
  let operator: TestUser;
  beforeAll(async () => {
    h = await createHarness();
    // a second instance: its own connection pool and app, the same database
    const pool = h.deps.database.pool;
    if (!pool) throw new Error('PostgreSQL expected');
    const url = `postgres://${pool.options.user ?? 'postgres'}@${pool.options.host}:${pool.options.port}/${pool.options.database}`;
    const database = await openDatabase({ databaseUrl: (pool.options as { connectionString?: string }).connectionString ?? url, poolSize: 10 });
    const app = await buildApp({ ...h.deps, database, db: database.db }, { logger: false, serveWeb: false });
    await app.ready();
    second = { app, database };
    operator = await h.user('hotline_operator');
  });
  afterAll(async () => {
    await second.app.close();
    await second.database.close();
    await h.close();
  });

  it('gives 200 concurrent intakes on two instances 200 distinct, gap-free numbers', async () => {
    const body = JSON.stringify(sampleReport({ regionCode: 'KZ-11' }));
    const post = (app: FastifyInstance) => app.inject({ method: 'POST', url: '/api/v1/reports', headers: { authorization: `Bearer ${operator.token}`, 'content-type': 'application/json' }, payload: body });
    const results = await Promise.all(Array.from({ length: 200 }, (_, i) => post(i % 2 ? second.app : h.app)));
    expect(results.map((r) => r.statusCode)).toEqual(Array(200).fill(201));
    const numbers = results.map((r) => r.json<{ number: string }>().number);
    expect(new Set(numbers).size).toBe(200);
    const seqs = numbers.map((n) => Number(n.split('-')[2])).sort((a, b) => a - b);
    expect(seqs[0]).toBe(1);
    expect(seqs[199]).toBe(200);
  });
});
