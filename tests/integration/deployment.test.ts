/** No Docker engine here: the compose file and Dockerfile are checked by parsing them. */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const root = fileURLToPath(new URL('../../', import.meta.url));
const read = (f: string) => readFileSync(root + f, 'utf8');

describe('docker-compose.single.yml', () => {
  const compose = parse(read('docker-compose.single.yml'));
  const service = compose.services['chuong-vang'];

  it('runs one node on a persistent volume with the server env it reads', () => {
    expect(Object.keys(compose.services)).toEqual(['chuong-vang']);
    expect(service.build).toBe('.');
    expect(service.ports).toContain('3000:3000');
    expect(service.environment).toMatchObject({ PORT: '3000', DATA_DIR: '/data', STORE: 'sqlite' });
    expect(service.volumes).toContain('chuong-vang-data:/data');
    expect(Object.keys(compose.volumes)).toContain('chuong-vang-data');
  });

  it('comes back by itself: the container restarts, and inside it the supervisor restarts the server', () => {
    expect(service.restart).toBe('unless-stopped');
    // a graceful close needs longer than docker's default 10 s on a busy show
    expect(service.stop_grace_period).toBe('20s');
    const cmd = read('Dockerfile')
      .split('\n')
      .find((l) => l.startsWith('CMD '));
    expect(JSON.parse(cmd!.slice(4))).toEqual([
      'node',
      'scripts/supervisor.mjs',
      '--',
      'node',
      '--import',
      'tsx',
      'server/src/server.ts',
    ]);
  });

  it('matches the Dockerfile it builds', () => {
    const dockerfile = read('Dockerfile');
    expect(dockerfile).toMatch(/^FROM node:20/m);
    expect(dockerfile).toContain('npm ci');
    expect(dockerfile).toContain('npm run build');
    expect(dockerfile).toMatch(/EXPOSE 3000/);
    expect(dockerfile).toContain('server/src/server.ts');
    expect(existsSync(`${root}scripts/supervisor.mjs`)).toBe(true);
    // every workspace manifest the install step needs is copied before npm ci
    const workspaces: string[] = JSON.parse(read('package.json')).workspaces;
    for (const ws of workspaces) {
      expect(dockerfile).toContain(`COPY ${ws}/package.json ${ws}/`);
      expect(existsSync(`${root}${ws}/package.json`)).toBe(true);
    }
  });
});

/** every environment variable the server reads (process.env.X, env.X, positive('X')) */
function variablesTheServerReads(): Set<string> {
  const names = new Set<string>();
  const files = ['server/src/server.ts', 'server/src/storage/index.ts'];
  for (const f of files)
    for (const m of read(f).matchAll(/(?:process\.env|\benv)\.([A-Z_]+)|positive\('([A-Z_]+)'\)/g))
      names.add(m[1] ?? m[2]);
  return names;
}

describe('docker-compose.yml (many nodes on Redis)', () => {
  // the nodes share their settings through YAML merge keys (<<: *node)
  const compose = parse(read('docker-compose.yml'), { merge: true });
  const services = compose.services as Record<string, Record<string, unknown>>;
  const nodes = Object.entries(services).filter(([name]) => name.startsWith('node-'));

  it('runs Redis with AOF fsynced on every write, a health check and a volume', () => {
    const redis = services.redis;
    const command = redis.command as string[];
    expect(command.join(' ')).toContain('--appendonly yes');
    expect(command.join(' ')).toContain('--appendfsync always');
    expect((redis.healthcheck as { test: string[] }).test).toContain('ping');
    expect(redis.volumes).toContain('redis-data:/data');
    expect(Object.keys(compose.volumes)).toContain('redis-data');
  });

  it('runs two or more app nodes on Redis, each named, reading only variables the server reads', () => {
    expect(nodes.length).toBeGreaterThanOrEqual(2);
    const reads = variablesTheServerReads();
    const ids = new Set<string>();
    for (const [, node] of nodes) {
      const env = node.environment as Record<string, string>;
      expect(env).toMatchObject({ STORE: 'redis', REDIS_URL: 'redis://redis:6379', PORT: '3000' });
      for (const name of Object.keys(env)) expect(reads, name).toContain(name);
      ids.add(env.NODE_ID);
      expect(node.build).toBe('.');
      expect((node.depends_on as Record<string, { condition: string }>).redis.condition).toBe(
        'service_healthy',
      );
      expect(node.restart).toBe('unless-stopped');
    }
    expect(ids.size).toBe(nodes.length);
  });

  it('puts a load balancer in front of every node, with the WebSocket upgrade', () => {
    const lb = services.lb;
    expect(lb.ports).toContain('3000:80');
    const mount = (lb.volumes as string[]).find((v) => v.includes('nginx.conf'))!;
    const conf = read(mount.split(':')[0].replace(/^\.\//, ''));
    for (const [name, node] of nodes) {
      const port = (node.environment as Record<string, string>).PORT;
      expect(conf).toContain(`server ${name}:${port}`);
    }
    expect(conf).toMatch(/proxy_set_header Upgrade \$http_upgrade/);
    expect(conf).toMatch(/proxy_set_header Connection \$connection_upgrade/);
    expect(conf).toContain('proxy_http_version 1.1');
  });

  it('documents every variable the nodes are given', () => {
    const text = read('docker-compose.yml');
    for (const [, node] of nodes)
      for (const name of Object.keys(node.environment as object))
        expect(text).toMatch(new RegExp(`#\\s+${name}\\b`));
  });
});
