/** What the audit trail must hold beyond engine commands: PIN resets and refused sign-ins; the CSV the hall reads. */
import { ShowClient } from '@cv/shared/client';
import { afterEach, describe, expect, it } from 'vitest';
import { ADMIN, expectOk, single, startHarness, until, type Harness } from './harness.ts';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

describe('audit trail', () => {
  it('records PIN resets (never the new PIN, and the tablet on the old one is signed out) and refused sign-ins; the CSV reads in Vietnamese', async () => {
    h = await startHarness();
    const show = await h.createShow({ title: 'Nhật ký', seatCount: 3, questions: [single('q1', 0)] });
    const host = await h.connect({ role: 'host', showId: show.showId, pin: show.secrets.hostPin });
    const tablet = await h.connect({
      role: 'player',
      showId: show.showId,
      seat: 2,
      pin: show.secrets.seats['2'].pin,
    });
    const fresh = expectOk(await host.request('seat:reset-pin', { seat: 2 }));
    // the tablet on the old PIN is told and signed out; it does not reconnect on the old PIN
    await until(tablet, (c) => c.state.takenOver?.includes('PIN của ghế 2 vừa được cấp lại'));
    await new Promise((r) => setTimeout(r, 600));
    expect(tablet.state.connected).toBe(false);

    // a wrong PIN on seat 3
    const wrong = new ShowClient({
      url: h.url,
      auth: { role: 'player', showId: show.showId, seat: 3, pin: '0000' },
      clockResyncMs: 0,
      socketOptions: { reconnection: false },
    });
    wrong.connect();
    await expect(wrong.ready()).rejects.toThrow('UNAUTHORIZED');
    wrong.close();

    const trail = expectOk(await host.request('audit:recent', { limit: 100 }));
    const reset = trail.find((e) => e.type === 'seat:reset-pin');
    expect(reset).toMatchObject({ role: 'host', payload: { seat: 2 }, outcome: 'ok', version: null });
    expect(JSON.stringify(trail)).not.toContain(fresh.pin);
    await expect
      .poll(async () =>
        expectOk(await host.request('audit:recent', { limit: 100 })).find(
          (e) => e.type === 'session:sign-in',
        ),
      )
      .toMatchObject({
        role: 'player',
        payload: { method: 'pin', targets: [{ target: 'seat 3', failures: 1 }] },
        outcome: 'UNAUTHORIZED',
      });

    const csv = await h.app.inject({
      url: `/api/shows/${show.showId}/audit?format=csv`,
      headers: { authorization: `Bearer ${ADMIN}` },
    });
    expect(csv.body).toContain('Thời điểm (giờ Việt Nam)');
    expect(csv.body).toContain('Cấp lại PIN');
    expect(csv.body).toContain('Đăng nhập sai');
    expect(csv.body).toContain('Bị từ chối: UNAUTHORIZED');
  });
});
