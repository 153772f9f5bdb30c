/** The SDK tells a refusal by the server from a network that is down. */
import { ShowClient } from '@cv/shared/client';
import { afterEach, describe, expect, it } from 'vitest';
import { freePort } from '../support/server-process.ts';
import { single, startHarness, type Harness } from './harness.ts';

let h: Harness | undefined;
const clients: ShowClient[] = [];
afterEach(async () => {
  for (const c of clients.splice(0)) c.close();
  await h?.close();
  h = undefined;
});

const client = (url: string, pin: string, showId = 'x') => {
  const c = new ShowClient({
    url,
    auth: { role: 'host', showId, pin },
    clockResyncMs: 0,
    socketOptions: { reconnectionDelay: 50, reconnectionDelayMax: 50 },
  });
  clients.push(c);
  return c;
};

describe('ShowClient connection errors', () => {
  it('a refused login is an auth error (and the SDK stops trying)', async () => {
    h = await startHarness();
    const show = await h.createShow({ title: 'Thử', seatCount: 1, questions: [single('q1', 0)] });
    const c = client(h.url, 'wrong-pin', show.showId).connect();
    await expect(c.ready()).rejects.toThrow('UNAUTHORIZED');
    expect(c.state.authError).toBe('UNAUTHORIZED');
    expect(c.socket.active).toBe(false);
  });

  it('a network that is down is not an auth error: the SDK keeps trying and the device says "reconnecting"', async () => {
    const port = await freePort(); // nobody listens there
    const c = client(`http://127.0.0.1:${port}`, '123456');
    let failures = 0;
    const twice = new Promise<void>((resolve) =>
      c.socket.on('connect_error', () => {
        if (++failures === 2) resolve();
      }),
    );
    c.connect();
    await twice;
    expect(c.state.authError).toBeNull();
    expect(c.state.connected).toBe(false);
    expect(c.socket.active).toBe(true);
  });
});
