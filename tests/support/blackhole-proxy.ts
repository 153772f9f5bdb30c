/**
 * A TCP proxy the test controls, in front of the server for one device. `cut()` makes it a black
 * hole: nothing more is forwarded in either direction and nothing is closed — the device's TCP
 * connection stays "up" while its packets go nowhere, as when a tablet walks out of Wi-Fi range
 * (not a polite disconnect). New connections are accepted and hang the same way. `restore()`
 * forwards again on new connections; the connections held during the cut are dropped then.
 */
import net from 'node:net';

export interface BlackholeProxy {
  url: string;
  cut(): void;
  restore(): void;
  close(): Promise<void>;
}

export async function startBlackholeProxy(target: { host: string; port: number }): Promise<BlackholeProxy> {
  let cutOff = false;
  const held = new Set<net.Socket>();
  const live = new Set<net.Socket>();
  const server = net.createServer((client) => {
    if (cutOff) {
      // accepted, never answered: the device's handshake hangs
      held.add(client);
      client.pause();
      client.on('error', () => undefined);
      return;
    }
    const upstream = net.connect(target.port, target.host);
    for (const s of [client, upstream]) {
      live.add(s);
      s.on('error', () => undefined);
      s.on('close', () => {
        live.delete(s);
        client.destroy();
        upstream.destroy();
      });
    }
    client.on('data', (chunk) => {
      if (!cutOff) upstream.write(chunk);
    });
    upstream.on('data', (chunk) => {
      if (!cutOff) client.write(chunk);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address() as net.AddressInfo;
  return {
    url: `http://127.0.0.1:${address.port}`,
    cut() {
      cutOff = true;
    },
    restore() {
      cutOff = false;
      // what was held hangs forever otherwise; the device opens new connections
      for (const s of [...held, ...live]) s.destroy();
      held.clear();
    },
    async close() {
      for (const s of [...held, ...live]) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
