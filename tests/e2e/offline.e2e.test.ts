/**
 * A contestant tablet loses its network in the middle of a question (context.setOffline) and gets it back.
 * The answer the server confirmed before the drop survives; a change that never reached the server is shown
 * as waiting beside the answer the server holds (never "received" and "not sent" at once), a tap while
 * offline does nothing, and on reconnect the tablet resyncs and sends the waiting change while there is time.
 * The MC is a plain SDK client here: this test is about the tablet.
 */
import { ShowClient } from '@cv/shared/client';
import type { HostView } from '@cv/shared/protocol';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { launch, openDevice, screenshot, SIZES, type Device } from './browser.ts';
import {
  gateSocket,
  showBody,
  startApp,
  type Running,
  type ShowSecrets,
  type SocketGate,
} from './fixture.ts';

let run: Running;
let browser: Browser;
let showId: string;
let secrets: ShowSecrets;
let mc: ShowClient;
let tablet: Device;
let gate: SocketGate;

const tid = (page: Page, id: string) => page.locator(`[data-testid="${id}"]`);

async function command(name: Parameters<ShowClient['command']>[0]): Promise<void> {
  const res = await mc.command(name);
  if (!res.ok) throw new Error(`${name}: ${res.error.code} ${res.error.message}`);
}
/** what the server holds for seat 1 right now (answers are not pushed to the MC one by one: ask for a snapshot) */
async function serverAnswer(): Promise<unknown> {
  const res = await mc.resync();
  if (!res.ok) throw new Error(`resync: ${res.error.code}`);
  return (mc.state.view as HostView | null)?.round?.answers[1]?.value;
}

beforeAll(async () => {
  run = await startApp();
  ({ showId, secrets } = await run.createShow(showBody('Mất mạng giữa câu hỏi')));
  mc = new ShowClient({
    url: run.url,
    auth: { role: 'host', showId, pin: secrets.hostPin },
    clockResyncMs: 0,
  });
  mc.connect();
  await mc.ready();
  browser = await launch();
});

afterAll(async () => {
  mc?.close();
  await tablet?.context.close().catch(() => undefined);
  await browser?.close();
  await run?.close();
});

describe('tablet network loss mid-question', () => {
  test('the confirmed answer survives, a lost change waits and is sent once back, nothing unconfirmed shows as received', async () => {
    tablet = await openDevice(
      browser,
      `${run.url}/board/?show=${showId}#t=${secrets.seats['1'].joinToken}`,
      SIZES.tabletPortrait,
      async (page) => {
        gate = await gateSocket(page);
      },
    );
    const { page, context } = tablet;
    await expect.poll(() => tid(page, 'seat-label').innerText()).toBe('Ghế 1');

    await command('show:start');
    await command('question:show');
    await command('question:open');

    // answer C while online: confirmed by the server
    await tid(page, 'choice-2').click();
    await expect
      .poll(() => tid(page, 'answer-received').innerText())
      .toContain('Đã nhận câu trả lời: C. Năm 2022');
    await expect.poll(serverAnswer).toBe(2);
    await tid(page, 'connection-banner').waitFor({ state: 'detached' });

    // the network dies just as the contestant changes to A: the tap leaves the tablet but never arrives
    gate.dropOutgoing = true;
    await tid(page, 'choice-0').click();
    await expect.poll(() => gate.dropped.some((f) => f.includes('answer:submit'))).toBe(true);
    await expect.poll(() => tid(page, 'answer-status').innerText()).toContain('Đang gửi…');
    await context.setOffline(true);

    // the reconnect banner; the tablet says which answer the server holds (C) and that A waits to be sent
    await expect
      .poll(() => tid(page, 'connection-banner').innerText())
      .toContain('Mất kết nối — đang kết nối lại…');
    await expect
      .poll(() => tid(page, 'answer-held').innerText())
      .toBe('Máy chủ đang giữ câu trả lời: C. Năm 2022');
    expect(await tid(page, 'answer-waiting').innerText()).toContain('Đang chờ gửi: A. Năm 2020');
    // never "received" beside "not sent"
    expect(await tid(page, 'answer-received').count()).toBe(0);
    expect(await tid(page, 'answer-error').count()).toBe(0);
    expect(await tid(page, 'choice-0').getAttribute('aria-pressed')).toBe('false');
    expect(await tid(page, 'choice-2').getAttribute('aria-pressed')).toBe('true');
    expect(await tid(page, 'choice-waiting').count()).toBe(1);
    expect(await serverAnswer()).toBe(2);

    // a tap while offline does nothing: the pad is disabled and nothing else shows as received
    expect(await tid(page, 'choice-1').isDisabled()).toBe(true);
    await tid(page, 'choice-1').click({ force: true });
    expect(await tid(page, 'choice-1').getAttribute('aria-pressed')).toBe('false');
    expect(await tid(page, 'answer-status').innerText()).not.toContain('Năm 2021');
    expect(await tid(page, 'answer-received').count()).toBe(0);
    expect(await page.locator('.pad__mark--pending').count()).toBe(0);
    expect(await tid(page, 'choice-confirmed').count()).toBe(1);
    // failed reconnection attempts meanwhile are the network, not a refused login
    expect(await tid(page, 'connection-banner').innerText()).toContain('Mất kết nối — đang kết nối lại…');
    await screenshot(page, 'tablet-offline-800x1280');
    expect(await serverAnswer()).toBe(2);

    // back online: the banner goes, the tablet resyncs and sends the waiting change; the server now holds A
    gate.dropOutgoing = false;
    await context.setOffline(false);
    await tid(page, 'connection-banner').waitFor({ state: 'detached', timeout: 15_000 });
    await expect
      .poll(() => tid(page, 'answer-received').innerText())
      .toContain('Đã nhận câu trả lời: A. Năm 2020');
    expect(await tid(page, 'answer-waiting').count()).toBe(0);
    expect(await tid(page, 'choice-0').getAttribute('aria-pressed')).toBe('true');
    expect(await tid(page, 'choice-2').getAttribute('aria-pressed')).toBe('false');
    expect(await tid(page, 'choice-confirmed').count()).toBe(1);
    expect(await serverAnswer()).toBe(0);
    // answering works again after the resync
    await expect.poll(() => tid(page, 'choice-1').isEnabled()).toBe(true);

    // the answer the server holds is the one judged
    await command('question:lock');
    await expect
      .poll(() => tid(page, 'answer-received').innerText())
      .toContain('Đã khoá câu trả lời: A. Năm 2020');
    await command('question:reveal');
    await expect.poll(() => tid(page, 'round-verdict').innerText()).toBe('Chưa chính xác');
    // nobody else answered: every seat still standing was wrong, and the default rule keeps them all
    await expect
      .poll(() => tid(page, 'round-note').innerText())
      .toBe('Tất cả thí sinh còn lại đều trả lời sai — theo luật, không ai bị loại ở câu này');
    expect(tablet.errors).toEqual([]);
  });
});
