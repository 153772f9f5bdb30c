/** No Docker engine here: the compose file and Dockerfile are checked by parsing them. */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const root = fileURLToPath(new URL('../../', import.meta.url));
const read = (f: string) => readFileSync(root + f, 'utf8');

describe('docker-compose.yml', () => {
  const compose = parse(read('docker-compose.yml'));
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
