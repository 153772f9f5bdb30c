/**
 * The bare baseline of the online bench: Fastify of the same version, the same routes and JSON in
 * and out, and nothing else — no auth check, no validation library, no store, no durability.
 * It answers an autosave with the same ack shape, a submit with an attempt view captured from the
 * real server in the same run, results with the real results JSON text.
 *
 * Env: PORT (0 = free), BENCH_ONLINE_PAYLOADS (JSON file: { submit, results }).
 * Prints `listening http://127.0.0.1:<port>` like the real server. Loopback only.
 */
import fs from 'node:fs';
import Fastify from 'fastify';

const payloads = JSON.parse(fs.readFileSync(process.env.BENCH_ONLINE_PAYLOADS!, 'utf8')) as {
  submit: unknown;
  results: string;
};
const app = Fastify({ logger: false });
const deadline = Date.now() + 3_600_000;

app.put('/api/online/attempts/:id/answers', async (request, reply) => {
  const body = request.body as { index?: unknown; value?: unknown; prediction?: unknown } | null;
  if (!body || (typeof body.index !== 'number' && !('prediction' in body)))
    return reply.code(400).send({ ok: false, error: { code: 'BAD_REQUEST', message: 'index' } });
  return { savedAt: Date.now(), deadline };
});
app.post('/api/online/attempts/:id/submit', async () => payloads.submit);
app.get('/api/online/rounds/:id/results', async (_request, reply) =>
  reply.type('application/json; charset=utf-8').send(payloads.results),
);

await app.listen({ port: Number(process.env.PORT ?? 0), host: '127.0.0.1' });
const address = app.server.address();
console.log(`listening http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`);
for (const signal of ['SIGINT', 'SIGTERM'] as const)
  process.on(signal, () => void app.close().then(() => process.exit(0)));
