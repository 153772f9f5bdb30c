/**
 * Accessibility basics in a real browser:
 * - tablet: every visible button at least 48 px tall, at 800×1280 and 1280×800 (answer pads with four options and true/false);
 * - big screen at 1920×1080, in every scene of a show: no visible text below 28 px as the viewer sees it
 *   (computed size × the 1920×1080 stage's scale) and WCAG AA contrast of each text against its effective
 *   background (ancestors' colours and gradient stops composited; 4.5, or 3 for ≥ 24 px / bold ≥ 18.66 px).
 * The show is driven by SDK clients (MC and contestants); only the tablet and the big screen are browsers.
 */
import { ShowClient } from '@cv/shared/client';
import type { AnswerValue, HostCommandName, HostView } from '@cv/shared/protocol';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { auditText, boxes, formatIssues, type Box } from './a11y.ts';
import { launch, openDevice, screenshot, SIZES, type Device } from './browser.ts';
import { showBody, startApp, type Running, type ShowSecrets } from './fixture.ts';

let run: Running;
let browser: Browser;
let showId: string;
let secrets: ShowSecrets;
let mc: ShowClient;
const players: Record<number, ShowClient> = {};
const devices: Device[] = [];

const tid = (page: Page, id: string) => page.locator(`[data-testid="${id}"]`);

async function command(name: HostCommandName, payload: Record<string, unknown> = {}): Promise<void> {
  const res = await mc.command(name, payload as never);
  if (!res.ok) throw new Error(`${name}: ${res.error.code} ${res.error.message}`);
}
async function answer(seat: number, value: AnswerValue): Promise<void> {
  const round = mc.state.view?.round?.index;
  if (round === undefined) throw new Error('no round');
  const res = await players[seat].answer(round, value);
  if (!res.ok) throw new Error(`seat ${seat}: ${res.error.code}`);
}

beforeAll(async () => {
  run = await startApp();
  ({ showId, secrets } = await run.createShow(showBody('Kiểm tra khả năng tiếp cận')));
  mc = new ShowClient({
    url: run.url,
    auth: { role: 'host', showId, pin: secrets.hostPin },
    clockResyncMs: 0,
  });
  mc.connect();
  await mc.ready();
  for (const seat of [2, 3]) {
    players[seat] = new ShowClient({
      url: run.url,
      auth: { role: 'player', showId, joinToken: secrets.seats[String(seat)].joinToken },
      clockResyncMs: 0,
    });
    players[seat].connect();
    await players[seat].ready();
  }
  browser = await launch();
});

afterAll(async () => {
  mc?.close();
  for (const p of Object.values(players)) p.close();
  for (const d of devices) await d.context.close().catch(() => undefined);
  await browser?.close();
  await run?.close();
});

describe('accessibility basics', () => {
  test('tablet answer buttons ≥ 48 px; big screen text ≥ 28 px with AA contrast in every scene', async () => {
    const screenDevice = await openDevice(
      browser,
      `${run.url}/screen/?show=${showId}#token=${secrets.displayToken}`,
      SIZES.screen,
    );
    const tabletDevice = await openDevice(browser, `${run.url}/board/?show=${showId}`, SIZES.tabletPortrait);
    devices.push(screenDevice, tabletDevice);
    const screen = screenDevice.page;
    const tablet = tabletDevice.page;

    const small: string[] = [];
    /** answer buttons at both tablet sizes, and every other visible button on the tablet too */
    const measureTablet = async (scene: string, selector: string, expected: number) => {
      for (const size of [SIZES.tabletPortrait, SIZES.tabletLandscape]) {
        await tablet.setViewportSize(size);
        const found = await boxes(tablet, selector);
        expect(found.length, `${scene} at ${size.width}×${size.height}: buttons found`).toBe(expected);
        for (const b of found)
          if (b.height < 48)
            small.push(
              `[${scene} ${size.width}×${size.height}] ${b.what} "${b.text}" is ${b.height} px tall`,
            );
        const rest = await boxes(tablet, 'button');
        for (const b of rest as Box[])
          if (b.height < 48 && !found.some((f) => f.what === b.what))
            small.push(
              `[${scene} ${size.width}×${size.height}] ${b.what} "${b.text}" ${b.width}×${b.height}`,
            );
      }
      await tablet.setViewportSize(SIZES.tabletPortrait);
    };

    const problems: string[] = [];
    const margins: string[] = [];
    let checkedTexts = 0;
    const auditScreen = async (scene: string) => {
      const audit = await auditText(screen, { minPx: 28, stageSelector: '.frame__stage' });
      expect(audit.scale).toBeCloseTo(1, 5); // 1920×1080: the stage is shown 1:1
      expect(audit.checked, `${scene}: texts found`).toBeGreaterThan(3);
      checkedTexts += audit.checked;
      margins.push(
        `[${scene}] smallest ${audit.smallest?.px}px "${audit.smallest?.text}" (${audit.smallest?.where}); ` +
          `lowest contrast ${audit.tightest?.ratio} (needs ${audit.tightest?.needed}) "${audit.tightest?.text}" (${audit.tightest?.where})`,
      );
      problems.push(...formatIssues(scene, audit.issues));
    };

    // lobby: the intro with the audience QR; the tablet's login form
    await tid(screen, 'intro-scene').waitFor();
    await auditScreen('intro');
    await measureTablet('login', '[data-testid=login-submit]', 1);
    await tid(tablet, 'login-seat').fill('1');
    await tid(tablet, 'login-pin').fill(secrets.seats['1'].pin);
    await tid(tablet, 'login-submit').click();
    await tid(tablet, 'seat-label').waitFor();

    await command('show:start');
    await tid(screen, 'between-scene').waitFor();
    await auditScreen('between questions');

    // Q1, four options
    await command('question:show');
    await expect.poll(() => tid(screen, 'question-scene').getAttribute('data-phase')).toBe('shown');
    await auditScreen('question shown');
    await command('question:open');
    await expect.poll(() => tid(tablet, 'choice-0').isEnabled()).toBe(true);
    await measureTablet('four options', '[data-testid=answer-pad] button', 4);
    await tid(tablet, 'choice-2').click();
    await tid(tablet, 'answer-received').waitFor();
    await answer(2, 2);
    await answer(3, 0);
    // every tile lit (the tally's "0 / 3" would match a bare '3'), so no colour change runs during the audit
    for (const seat of [1, 2, 3])
      await expect
        .poll(() => tid(screen, `seat-${seat}`).getAttribute('class'))
        .toContain('cv-seat--answered');
    await auditScreen('answering');
    await command('show:pause');
    await tid(screen, 'paused-banner').waitFor();
    await auditScreen('paused');
    await command('show:resume');
    await tid(screen, 'paused-banner').waitFor({ state: 'detached' });
    await command('question:lock');
    await tid(screen, 'distribution-chart').waitFor();
    await auditScreen('locked with chart');
    await command('question:reveal');
    await tid(screen, 'reveal-line').waitFor();
    await auditScreen('revealed, one eliminated');

    // Q2, true/false
    await command('question:show');
    await command('question:open');
    await expect.poll(() => tid(tablet, 'choice-true').isEnabled()).toBe(true);
    await measureTablet('true/false', '[data-testid=answer-pad] button', 2);
    await auditScreen('answering true/false');
    await tid(tablet, 'choice-true').click();
    await answer(2, true);
    await command('question:lock');
    await command('question:reveal');
    await tid(screen, 'reveal-line').waitFor();
    await auditScreen('revealed true/false');

    // rescue question for seat 3, then the "back in the game" toast
    await command('question:show', { mode: 'rescue' });
    await command('question:open');
    await answer(3, true);
    // the ack reaches the tablet before the big screen's tile turns: audit once it has (not mid-transition)
    await screen.locator('[data-testid="seat-3"].cv-seat--answered').waitFor();
    await auditScreen('rescue question');
    await command('question:lock');
    await command('question:reveal');
    await tid(screen, 'stage-toast').waitFor();
    await auditScreen('rescued');

    // golden bell question, the ceremony, the final standings
    await command('question:show', { mode: 'golden' });
    await command('question:open');
    await auditScreen('golden question');
    await tid(tablet, 'choice-1').click();
    await tid(tablet, 'answer-received').waitFor();
    await answer(2, 0);
    await answer(3, 0);
    await command('question:lock');
    await command('question:reveal');
    await tid(screen, 'bell-ceremony').waitFor();
    await auditScreen('bell ceremony');
    await command('show:finish');
    await tid(screen, 'final-waiting').waitFor();
    await auditScreen('waiting for the BTC');
    await command('prizes:confirm', { awards: (mc.state.view as HostView).proposedPrizes });
    await tid(screen, 'final-standings').waitFor();
    await auditScreen('final standings');
    // the units' table takes its turn in the same place after a few seconds
    await tid(screen, 'final-unit-standings').waitFor({ timeout: 15_000 });
    await auditScreen('unit standings');
    await screenshot(screen, 'screen-unit-standings-1920x1080');

    console.log(`big screen: ${checkedTexts} texts checked in 16 scenes\n${margins.join('\n')}`);
    expect([...new Set(small)], 'tablet buttons under 48 px').toEqual([]);
    expect([...new Set(problems)], 'big screen texts under 28 px or below WCAG AA contrast').toEqual([]);
    for (const d of devices) expect(d.errors).toEqual([]);
  });
});
