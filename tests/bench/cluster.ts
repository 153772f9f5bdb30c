/**
 * Many nodes (`npm run bench -- --nodes 2`): the live show with its devices spread over N app nodes
 * sharing one Redis, compared in the same run with one node on the same Redis and the same devices; and
 * the failover time: the node running the show is SIGKILLed mid-question, and the clock stops when the
 * new owner accepts the MC's first command (what a real MC does: reconnect elsewhere, press Resume).
 */
import { ShowClient } from '@cv/shared/client';
import type { HealthResponse } from '@cv/shared/protocol';
import { log, sleep, startServer, type ServerHandle } from './procs.ts';
import { AppTarget, type ShowSetup } from './targets.ts';

export interface ClusterFigures {
  connected: number;
  fanoutP99Ms: number;
  ackP99Ms: number;
  bytesPerPhonePerQuestion: number | null;
  serverCpuMsPerQuestion: number;
  ackFailures: Record<string, number>;
}

export interface ClusterBench extends ClusterFigures {
  nodes: number;
  devices: number;
  audienceSockets: number;
  /** LEASE_MS of the load runs (null: the default); the failover is measured with the default */
  leaseMs: number | null;
  questions: number;
  failoverSeconds: number | null;
  /** of which: SIGKILL → another node holds the show's lease (the rest is the rebuild and the MC's reconnect) */
  failoverLeaseSeconds: number | null;
  /**
   * the load run's nodes, summed (no node is killed in it, so every OWNER_UNAVAILABLE there is unintended):
   * leases lost and OWNER_UNAVAILABLE answers, by why (HealthResponse.node)
   */
  leasesLost: Record<string, number> | null;
  ownerUnavailable: Record<string, number> | null;
  /** one node on the same Redis in the same run, with as many devices as one process may hold (`devices`) */
  single: (ClusterFigures & { devices: number }) | null;
  fanoutRatioToSingle: number | null;
  ackRatioToSingle: number | null;
}

export interface ClusterHandle extends ServerHandle {
  nodes: ServerHandle[];
}

export interface NodeCounters {
  leasesLost: Record<string, number>;
  ownerUnavailable: Record<string, number>;
}

function add(into: Record<string, number>, from: Record<string, number> | undefined): void {
  for (const [k, v] of Object.entries(from ?? {})) into[k] = (into[k] ?? 0) + v;
}

export class ClusterTarget extends AppTarget {
  override readonly label: string;
  /** what the nodes counted, read just before the last cluster this target started was stopped */
  counters: NodeCounters | null = null;

  constructor(
    readonly nodeCount: number,
    env: Record<string, string> = {},
  ) {
    super('redis', { env });
    this.label = `app (redis, ${nodeCount} nodes)`;
  }

  override async start(): Promise<ClusterHandle> {
    const prefix = this.redisPrefix();
    const nodes: ServerHandle[] = [];
    try {
      for (let i = 0; i < this.nodeCount; i++)
        nodes.push(
          await startServer({
            script: 'server/src/server.ts',
            env: {
              PORT: '0',
              HOST: '127.0.0.1',
              DATA_DIR: '/tmp',
              ADMIN_TOKEN: this.adminToken,
              DEMO: '0',
              STORE: 'redis',
              REDIS_PREFIX: prefix,
              NODE_ID: `bench-${i + 1}`,
              ...this.options.env,
            },
          }),
        );
    } catch (error) {
      await Promise.all(nodes.map((n) => n.stop()));
      throw error;
    }
    const [first] = nodes;
    return {
      ...first,
      url: first.url,
      urls: nodes.map((n) => n.url),
      pid: first.pid,
      pids: nodes.map((n) => n.pid),
      nodes,
      tail: () => nodes.map((n, i) => `— node ${i + 1}:\n${n.tail()}`).join('\n'),
      rssBytes: () => nodes.reduce((sum, n) => sum + n.rssBytes(), 0),
      stop: async () => {
        this.counters = await countersOf(nodes);
        await Promise.all(nodes.map((n) => n.stop()));
      },
      kill9: async () => void (await Promise.all(nodes.map((n) => n.kill9()))),
    };
  }
}

async function health(url: string): Promise<HealthResponse | null> {
  try {
    const res = await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(1_000) });
    return (await res.json()) as HealthResponse;
  } catch {
    return null;
  }
}

/** every node's counters, summed (a node that does not answer is left out) */
async function countersOf(nodes: ServerHandle[]): Promise<NodeCounters> {
  const sum: NodeCounters = { leasesLost: {}, ownerUnavailable: {} };
  for (const n of nodes) {
    const node = (await health(n.url))?.node;
    add(sum.leasesLost, node?.leasesLost);
    add(sum.ownerUnavailable, node?.ownerUnavailable);
  }
  return sum;
}

/** index of the node that runs the show */
async function ownerOf(nodes: ServerHandle[], showId: string, timeoutMs: number): Promise<number> {
  const giveUp = Date.now() + timeoutMs;
  for (;;) {
    for (let i = 0; i < nodes.length; i++)
      if ((await health(nodes[i].url))?.node?.owns.includes(showId)) return i;
    if (Date.now() > giveUp) throw new Error('no node took the show');
    await sleep(50);
  }
}

async function connectHost(url: string, setup: ShowSetup): Promise<ShowClient> {
  const client = new ShowClient({
    url,
    auth: setup.host,
    ackTimeoutMs: 10_000,
    clockResyncMs: 0,
    socketOptions: { reconnection: false },
  });
  client.connect();
  await client.ready();
  return client;
}

/** seconds from SIGKILL of the show's node (mid-question) to the first command the new owner accepts */
export async function measureFailover(
  target: ClusterTarget,
  timeoutMs = 30_000,
): Promise<{ seconds: number; leaseSeconds: number }> {
  const server = (await target.start()) as ClusterHandle;
  const clients: ShowClient[] = [];
  try {
    const setup = await target.setupShow(server, 3);
    const owner = await ownerOf(server.nodes, setup.showId, timeoutMs);
    const host = await connectHost(server.nodes[owner].url, setup);
    clients.push(host);
    for (const step of ['show:start', 'question:show', 'question:open'] as const) {
      const res = await host.command(step, step === 'question:show' ? {} : undefined);
      if (!res.ok) throw new Error(`${step}: ${res.error.code}`);
    }
    const killedAt = performance.now();
    await server.nodes[owner].kill9();
    const others = server.nodes.filter((_, i) => i !== owner);
    const leaseTaken = ownerOf(others, setup.showId, timeoutMs).then(
      () => (performance.now() - killedAt) / 1000,
    );
    host.close();
    const survivor = server.nodes[(owner + 1) % server.nodes.length];
    const again = await connectHost(survivor.url, setup);
    clients.push(again);
    // the show was caught answering: the new owner holds it paused; Resume is the MC's first command
    for (;;) {
      const res = await again.command('show:resume');
      if (res.ok) break;
      // OWNER_UNAVAILABLE: no node runs it yet; STALE_VERSION: the pause reached this console after its snapshot
      const transient = res.error.code === 'OWNER_UNAVAILABLE' || res.error.code === 'STALE_VERSION';
      if (!transient || performance.now() - killedAt > timeoutMs)
        throw new Error(`show:resume after the failover: ${res.error.code}`);
      await sleep(20);
    }
    const seconds = (performance.now() - killedAt) / 1000;
    const leaseSeconds = await leaseTaken;
    log(
      `  failover: owner SIGKILLed → lease taken in ${leaseSeconds.toFixed(2)} s, first command accepted by the new owner in ${seconds.toFixed(2)} s`,
    );
    return { seconds, leaseSeconds };
  } finally {
    for (const c of clients) c.close();
    await server.stop();
  }
}
