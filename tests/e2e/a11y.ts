/**
 * In-page accessibility audits. The page-side code is plain JavaScript in a string so that no transpiler helper
 * (e.g. esbuild's __name) leaks into the browser.
 */
import type { Page } from 'playwright-core';

export interface TextIssue {
  /** tag.class[data-testid] path of the element, innermost last */
  where: string;
  text: string;
  /** font size a viewer sees (computed size × the stage's scale) */
  px: number;
  weight: number;
  color: string;
  /** the background that gives the lowest contrast */
  background: string;
  ratio: number;
  needed: number;
  problems: string[];
}

export interface TextAudit {
  checked: number;
  /** the stage's scale factor (1 at 1920×1080) */
  scale: number;
  issues: TextIssue[];
  /** the margins: smallest text and lowest contrast (relative to what is needed) seen */
  smallest: { where: string; text: string; px: number } | null;
  tightest: { where: string; text: string; ratio: number; needed: number } | null;
}

const AUDIT_TEXT = String.raw`
(({ minPx, stageSelector }) => {
  const parse = (s) => {
    const m = /rgba?\(([^)]+)\)/.exec(s || '');
    if (!m) return null;
    const p = m[1].split(/[\s,/]+/).filter(Boolean).map(Number);
    return { r: p[0], g: p[1], b: p[2], a: p.length > 3 ? p[3] : 1 };
  };
  const stopsOf = (img) => (img && img !== 'none' ? [...img.matchAll(/rgba?\([^)]+\)/g)].map((m) => parse(m[0])) : []);
  const blend = (top, bottom) => ({
    r: top.r * top.a + bottom.r * (1 - top.a),
    g: top.g * top.a + bottom.g * (1 - top.a),
    b: top.b * top.a + bottom.b * (1 - top.a),
    a: 1,
  });
  const lum = (c) => {
    const ch = (v) => {
      v /= 255;
      return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
    };
    return 0.2126 * ch(c.r) + 0.7152 * ch(c.g) + 0.0722 * ch(c.b);
  };
  const ratio = (a, b) => {
    const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p);
    return (x + 0.05) / (y + 0.05);
  };
  const hex = (c) => '#' + [c.r, c.g, c.b].map((v) => Math.round(v).toString(16).padStart(2, '0')).join('');
  const name = (e) => {
    let s = e.tagName.toLowerCase();
    if (e.classList.length) s += '.' + [...e.classList].join('.');
    const id = e.getAttribute('data-testid');
    if (id) s += '[data-testid=' + id + ']';
    return s;
  };
  const path = (e) => {
    const parts = [];
    for (let x = e; x && x !== document.body && parts.length < 4; x = x.parentElement) parts.unshift(name(x));
    return parts.join(' > ');
  };
  /** possible backgrounds behind an element: every gradient stop and solid colour, composited bottom-up */
  const backgrounds = (el, skipOwn) => {
    const layers = [];
    for (let e = skipOwn ? el.parentElement : el; e; e = e.parentElement) {
      const cs = getComputedStyle(e);
      const stops = stopsOf(cs.backgroundImage).filter(Boolean);
      if (stops.length) layers.push(stops);
      const c = parse(cs.backgroundColor);
      if (c && c.a > 0) {
        layers.push([c]);
        if (c.a >= 1) break;
      }
    }
    let cands = [{ r: 255, g: 255, b: 255, a: 1 }];
    for (const layer of layers.reverse()) {
      const next = new Map();
      for (const top of layer) for (const bottom of cands) {
        const c = blend(top, bottom);
        next.set(hex(c), c);
      }
      cands = [...next.values()].slice(0, 64);
    }
    return cands;
  };

  const stage = stageSelector ? document.querySelector(stageSelector) : null;
  const scale = stage && stage.offsetWidth ? stage.getBoundingClientRect().width / stage.offsetWidth : 1;
  const issues = [];
  let checked = 0;
  let smallest = null;
  let tightest = null;
  for (const el of document.querySelectorAll('body *')) {
    if (el.closest('svg') && el.tagName.toLowerCase() !== 'svg') continue;
    const text = [...el.childNodes].filter((n) => n.nodeType === 3).map((n) => n.textContent).join('').trim();
    if (!text) continue;
    const rect = el.getBoundingClientRect();
    // nothing to see: no box, a visually-hidden 1 px clip, or off the window
    if (rect.width <= 2 || rect.height <= 2) continue;
    if (rect.right <= 0 || rect.bottom <= 0 || rect.left >= innerWidth || rect.top >= innerHeight) continue;
    const cs = getComputedStyle(el);
    if (cs.visibility !== 'visible') continue;
    let opacity = 1;
    for (let e = el; e; e = e.parentElement) opacity *= Number(getComputedStyle(e).opacity);
    if (opacity < 0.05) continue;
    checked++;
    const inStage = stage ? stage.contains(el) : false;
    const px = parseFloat(cs.fontSize) * (inStage ? scale : 1);
    const weight = Number(cs.fontWeight) || 400;
    const problems = [];
    if (px < minPx - 0.01) problems.push('font ' + px.toFixed(1) + 'px < ' + minPx + 'px');
    // text painted with a gradient (background-clip: text): every stop is a text colour
    const own = parse(cs.color);
    const clipText = (!own || own.a === 0) && (cs.webkitBackgroundClip === 'text' || cs.backgroundClip === 'text');
    const colors = clipText ? stopsOf(cs.backgroundImage).filter(Boolean) : own ? [own] : [];
    const bgs = backgrounds(el, clipText);
    const large = px >= 24 || (weight >= 700 && px >= 18.66);
    const needed = large ? 3 : 4.5;
    let worst = null;
    for (const c of colors) for (const bg of bgs) {
      const fg = blend({ ...c, a: c.a * opacity }, bg);
      const r = ratio(fg, bg);
      if (!worst || r < worst.r) worst = { r, fg, bg };
    }
    if (!smallest || px < smallest.px) smallest = { where: path(el), text: text.slice(0, 60), px: Math.round(px * 10) / 10 };
    if (worst && (!tightest || worst.r / needed < tightest.ratio / tightest.needed))
      tightest = { where: path(el), text: text.slice(0, 60), ratio: Math.round(worst.r * 100) / 100, needed };
    if (worst && worst.r < needed) problems.push('contrast ' + worst.r.toFixed(2) + ' < ' + needed);
    if (problems.length)
      issues.push({
        where: path(el),
        text: text.slice(0, 60),
        px: Math.round(px * 10) / 10,
        weight,
        color: worst ? hex(worst.fg) : cs.color,
        background: worst ? hex(worst.bg) : '',
        ratio: worst ? Math.round(worst.r * 100) / 100 : 0,
        needed,
        problems,
      });
  }
  return { checked, scale, issues, smallest, tightest };
})
`;

/** every visible text: effective font size ≥ minPx and WCAG AA contrast against its effective background */
export async function auditText(
  page: Page,
  options: { minPx: number; stageSelector?: string },
): Promise<TextAudit> {
  await settle(page);
  return page.evaluate(
    `${AUDIT_TEXT}(${JSON.stringify({ stageSelector: null, ...options })})`,
  ) as Promise<TextAudit>;
}

/** waits for every finite CSS animation/transition (pop-ins, fades) to end, so styles are final */
export async function settle(page: Page): Promise<void> {
  await page.evaluate(`Promise.all(document.getAnimations()
    .filter((a) => Number.isFinite(a.effect?.getComputedTiming().endTime ?? Infinity))
    .map((a) => a.finished.catch(() => undefined)))`);
}

export interface Box {
  what: string;
  text: string;
  width: number;
  height: number;
}

/** bounding boxes of the visible elements matching a selector */
export async function boxes(page: Page, selector: string): Promise<Box[]> {
  await settle(page);
  return page.evaluate(
    `[...document.querySelectorAll(${JSON.stringify(selector)})]
      .filter((e) => e.getClientRects().length && getComputedStyle(e).visibility === 'visible')
      .map((e) => {
        const r = e.getBoundingClientRect();
        return {
          what: e.tagName.toLowerCase() + (e.getAttribute('data-testid') ? '[data-testid=' + e.getAttribute('data-testid') + ']' : '.' + [...e.classList].join('.')),
          text: (e.textContent || e.getAttribute('aria-label') || '').replace(/\\s+/g, ' ').trim().slice(0, 40),
          width: Math.round(r.width * 10) / 10,
          height: Math.round(r.height * 10) / 10,
        };
      })`,
  ) as Promise<Box[]>;
}

export const formatIssues = (scene: string, issues: TextIssue[]) =>
  issues.map(
    (i) =>
      `[${scene}] ${i.problems.join(', ')} — "${i.text}" ${i.where} (${i.px}px/${i.weight}, ${i.color} on ${i.background})`,
  );
