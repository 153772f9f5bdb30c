/**
 * Open-loop HTTP load at a fixed mean rate, for latency figures "at N requests/s".
 *
 * Why not autocannon's `overallRate`: it lets each connection send its share of the second as fast
 * as responses come back, then idle until the next second (httpClient.js, `reqsMadeThisSecond`), so
 * "1,000 requests/s over 50 connections" is a burst of 1,000 at full concurrency once a second, and
 * its p99 is the queue of that burst. Candidates on deadline day arrive independently of each
 * other: here arrivals are a Poisson process (seeded exponential gaps) at the mean rate, each sent
 * at its time whatever the earlier ones are doing, and latency is measured from the time a request
 * was due — a server that falls behind is charged for the wait (no coordinated omission).
 */
import http from 'node:http';
import { seededRng } from '@cv/server/runtime/rng.ts';
import { summarize, type Summary } from './stats.ts';

export interface PacedRequest {
  method: 'GET' | 'PUT' | 'POST';
  path: string;
  body?: string;
  token?: string;
}

export interface PacedResult {
  sent: number;
  ok: number;
  errors: number;
  /** ms from the time each request was due to its complete response */
  latency: Summary;
  /** the rate achieved over the run, requests/s */
  achievedRps: number;
}

export async function paced(opts: {
  url: string;
  rate: number;
  amount: number;
  next: () => PacedRequest;
  /** sockets kept open at most; default 256 */
  maxSockets?: number;
  seed?: string;
}): Promise<PacedResult> {
  const target = new URL(opts.url);
  const agent = new http.Agent({ keepAlive: true, maxSockets: opts.maxSockets ?? 256 });
  const rng = seededRng(opts.seed ?? 'paced', 1);
  const latencies: number[] = [];
  let ok = 0;
  let errors = 0;
  const start = performance.now();
  let due = start;
  let sent = 0;

  const fire = (dueAt: number, request: PacedRequest) =>
    new Promise<void>((resolve) => {
      const headers: Record<string, string> = {};
      if (request.body !== undefined) {
        headers['content-type'] = 'application/json';
        headers['content-length'] = String(Buffer.byteLength(request.body));
      }
      if (request.token) headers.authorization = `Bearer ${request.token}`;
      const req = http.request(
        {
          agent,
          host: target.hostname,
          port: target.port,
          method: request.method,
          path: request.path,
          headers,
          timeout: 20_000,
        },
        (res) => {
          res.on('data', () => undefined);
          res.on('end', () => {
            latencies.push(performance.now() - dueAt);
            if (res.statusCode !== undefined && res.statusCode < 300) ok++;
            else errors++;
            resolve();
          });
        },
      );
      req.on('error', () => {
        errors++;
        resolve();
      });
      req.on('timeout', () => req.destroy(new Error('timeout')));
      req.end(request.body);
    });

  const inFlight: Promise<void>[] = [];
  await new Promise<void>((resolve) => {
    const tick = () => {
      const now = performance.now();
      // send everything that is due by now, each stamped with its own due time
      while (sent < opts.amount && due <= now) {
        inFlight.push(fire(due, opts.next()));
        sent++;
        due += -Math.log(1 - rng()) * (1000 / opts.rate);
      }
      if (sent >= opts.amount) return resolve();
      setTimeout(tick, Math.max(0, Math.min(1, due - performance.now())));
    };
    tick();
  });
  await Promise.all(inFlight);
  const elapsed = (performance.now() - start) / 1000;
  agent.destroy();
  return {
    sent,
    ok,
    errors,
    latency: summarize(latencies),
    achievedRps: Math.round(sent / elapsed),
  };
}
