/**
 * Stage sounds made with WebAudio oscillators (no files): ticks in the last seconds, lock buzzer,
 * reveal chime, golden-bell gong. Muted until someone clicks the page (browsers block autoplay).
 */
import { defineStore } from 'pinia';
import { ref } from 'vue';

export type SoundName = 'tick' | 'lastTick' | 'open' | 'lock' | 'reveal' | 'bell' | 'rescue';

type Ctx = AudioContext;

function tone(
  ctx: Ctx,
  at: number,
  freq: number,
  dur: number,
  type: OscillatorType,
  gain: number,
  endFreq?: number,
) {
  const osc = ctx.createOscillator();
  const g = ctx.createGain();
  osc.type = type;
  osc.frequency.setValueAtTime(freq, at);
  if (endFreq) osc.frequency.exponentialRampToValueAtTime(endFreq, at + dur);
  g.gain.setValueAtTime(0.0001, at);
  g.gain.exponentialRampToValueAtTime(gain, at + 0.01);
  g.gain.exponentialRampToValueAtTime(0.0001, at + dur);
  osc.connect(g).connect(ctx.destination);
  osc.start(at);
  osc.stop(at + dur + 0.05);
}

/** a struck bell: inharmonic partials with long decays */
function gong(ctx: Ctx, at: number, base: number) {
  const partials: [number, number, number][] = [
    [1, 0.5, 5],
    [2.0, 0.25, 4],
    [2.76, 0.2, 3.2],
    [5.4, 0.12, 2],
    [8.93, 0.06, 1.2],
  ];
  for (const [ratio, gain, dur] of partials) tone(ctx, at, base * ratio, dur, 'sine', gain);
}

export function playSound(ctx: Ctx, name: SoundName): void {
  const t = ctx.currentTime + 0.01;
  switch (name) {
    case 'tick':
      tone(ctx, t, 1000, 0.08, 'square', 0.12);
      break;
    case 'lastTick':
      tone(ctx, t, 1400, 0.12, 'square', 0.16);
      break;
    case 'open':
      tone(ctx, t, 660, 0.15, 'triangle', 0.25);
      tone(ctx, t + 0.12, 990, 0.25, 'triangle', 0.25);
      break;
    case 'lock':
      tone(ctx, t, 330, 0.6, 'sawtooth', 0.18, 110);
      tone(ctx, t, 220, 0.6, 'square', 0.08, 90);
      break;
    case 'reveal':
      [523.25, 659.25, 783.99, 1046.5].forEach((f, i) => tone(ctx, t + i * 0.11, f, 0.5, 'triangle', 0.22));
      break;
    case 'rescue':
      [392, 523.25, 659.25].forEach((f, i) => tone(ctx, t + i * 0.09, f, 0.4, 'sine', 0.25));
      break;
    case 'bell':
      gong(ctx, t, 196);
      gong(ctx, t + 1.2, 196);
      gong(ctx, t + 2.4, 261.63);
      break;
  }
}

export const useSoundStore = defineStore('sound', () => {
  const muted = ref(true);
  /** AudioContext exists (created on a user gesture) */
  const ready = ref(false);
  let ctx: Ctx | null = null;

  function ensureContext(): Ctx | null {
    if (ctx) return ctx;
    const Ctor = (globalThis as { AudioContext?: typeof AudioContext }).AudioContext;
    if (!Ctor) return null;
    ctx = new Ctor();
    ready.value = true;
    return ctx;
  }

  /** call from a click handler */
  function unmute(): void {
    const c = ensureContext();
    void c?.resume();
    muted.value = false;
  }

  function toggle(): void {
    if (muted.value) unmute();
    else muted.value = true;
  }

  function play(name: SoundName): void {
    if (muted.value || !ctx) return;
    try {
      playSound(ctx, name);
    } catch {
      /* audio device gone: stay silent */
    }
  }

  return { muted, ready, unmute, toggle, play };
});
