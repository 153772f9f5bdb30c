/**
 * Memory per connection: server RSS before and after C audience sockets join one show, each read
 * after a forced full GC (through the server's inspector on a loopback port) and a short settle.
 */
import type { ServerHandle } from './procs.ts';
import { forceGc, log, sleep, startClients } from './procs.ts';
import { connectDevices } from './live.ts';
import { audienceOnly, type Target } from './targets.ts';

export interface MemoryRun {
  target: string;
  connections: number;
  connected: number;
  rssBeforeBytes: number;
  rssAfterBytes: number;
  bytesPerConnection: number;
  gc: 'inspector' | 'settle-only';
  connectMs: number;
}

/** median of a few RSS samples taken 200 ms apart */
async function settledRss(server: ServerHandle): Promise<{ rss: number; gc: boolean }> {
  const gc = await forceGc(server.inspectorUrl);
  await sleep(500);
  const samples: number[] = [];
  for (let i = 0; i < 5; i++) {
    samples.push(server.rssBytes());
    await sleep(200);
  }
  samples.sort((a, b) => a - b);
  return { rss: samples[2], gc };
}

export async function runMemory(
  target: Target,
  opts: { connections: number; clientProcs: number; timeoutMs: number; payloadFile?: string },
): Promise<MemoryRun> {
  const server = await target.start({ inspect: true, payloadFile: opts.payloadFile });
  const clients = await startClients(opts.clientProcs);
  try {
    const setup = await target.setupShow(server, 10);
    // warm up: one connection exercises the code paths (lazy modules, JIT) before the "before" reading
    const warm = await startClients(1);
    await connectDevices(warm, server.url, audienceOnly(setup, 1), opts.timeoutMs, 1_000_000);
    await Promise.all(warm.map((c) => c.close()));
    await sleep(300);
    const before = await settledRss(server);
    const specs = audienceOnly(setup, opts.connections).map((s, i) => ({
      ...s,
      auth: { ...s.auth, ...(s.auth.role === 'audience' ? { name: `Khán giả ${i + 2}` } : {}) },
    }));
    const conn = await connectDevices(clients, server.url, specs, opts.timeoutMs, 1_000_000);
    log(`  ${target.label}: ${conn.ok}/${opts.connections} audience sockets connected in ${conn.ms} ms`);
    await sleep(1_000);
    const after = await settledRss(server);
    return {
      target: target.label,
      connections: opts.connections,
      connected: conn.ok,
      rssBeforeBytes: before.rss,
      rssAfterBytes: after.rss,
      bytesPerConnection: conn.ok ? (after.rss - before.rss) / conn.ok : Number.NaN,
      gc: before.gc && after.gc ? 'inspector' : 'settle-only',
      connectMs: conn.ms,
    };
  } finally {
    await Promise.all(clients.map((c) => c.close()));
    await server.stop();
  }
}
