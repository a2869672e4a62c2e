// A bare Fastify endpoint, measured in the same run as Qorgau so that figures can be compared
// across machines: the ratio of Qorgau's throughput to this one is roughly machine-independent.
import Fastify from 'fastify';

const app = Fastify();
app.get('/ping', async () => ({ ok: true }));
await app.listen({ port: Number(process.env.PORT ?? 0), host: '127.0.0.1' });
process.stdout.write(`listening ${(app.server.address() as { port: number }).port}\n`);
