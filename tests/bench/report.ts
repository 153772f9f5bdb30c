/** Output of the suite: the Markdown table, the hand-written SVG chart and docs/performance.md. Pure string builders. */

export interface CurvePoint {
  devices: number;
  fanoutP50Ms: number;
  fanoutP99Ms: number;
  fanoutMaxMs: number;
  baselineFanoutP50Ms: number;
  baselineFanoutP99Ms: number;
  baselineFanoutMaxMs: number;
  fanoutRatio: number;
  ackP50Ms: number;
  ackP99Ms: number;
  ackMaxMs: number;
  baselineAckP50Ms: number;
  baselineAckP99Ms: number;
  baselineAckMaxMs: number;
  ackRatio: number;
  bytesPerDevicePerQuestion: number;
  audienceBytesPerQuestion: number;
  baselineBytesPerDevicePerQuestion: number;
  serverCpuMsPerQuestion: number;
  baselineServerCpuMsPerQuestion: number;
}

export interface Budget {
  name: string;
  limit: string;
  value: string;
  met: boolean | null;
}

export interface Machine {
  cpuModel: string;
  cores: number;
  memoryGiB: number;
  node: string;
  platform: string;
}

const fmt = (v: number, digits = 1) => (Number.isFinite(v) ? v.toFixed(digits) : '–');
const int = (v: number) => (Number.isFinite(v) ? Math.round(v).toLocaleString('en-US') : '–');
const x = (v: number) => (Number.isFinite(v) ? `${v.toFixed(2)}×` : '–');

export function curveTable(curve: CurvePoint[]): string {
  const rows = [
    '| devices | fan-out p50 / p99 / max (ms) | baseline p50 / p99 / max (ms) | fan-out ratio (p99) | ack p50 / p99 / max (ms) | baseline p50 / p99 / max (ms) | ack ratio (p99) | bytes / device / question | server CPU ms / question (app / bare) |',
    '|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  ];
  for (const p of curve) {
    rows.push(
      `| ${int(p.devices)} | ${fmt(p.fanoutP50Ms)} / ${fmt(p.fanoutP99Ms)} / ${fmt(p.fanoutMaxMs)} | ${fmt(p.baselineFanoutP50Ms)} / ${fmt(p.baselineFanoutP99Ms)} / ${fmt(p.baselineFanoutMaxMs)} | ${x(p.fanoutRatio)} | ${fmt(p.ackP50Ms)} / ${fmt(p.ackP99Ms)} / ${fmt(p.ackMaxMs)} | ${fmt(p.baselineAckP50Ms)} / ${fmt(p.baselineAckP99Ms)} / ${fmt(p.baselineAckMaxMs)} | ${x(p.ackRatio)} | ${int(p.bytesPerDevicePerQuestion)} (bare ${int(p.baselineBytesPerDevicePerQuestion)}) | ${fmt(p.serverCpuMsPerQuestion, 0)} / ${fmt(p.baselineServerCpuMsPerQuestion, 0)} |`,
    );
  }
  return rows.join('\n');
}

export function budgetTable(budgets: Budget[]): string {
  const rows = ['| budget | limit | measured | met |', '|---|---|---|:---:|'];
  for (const b of budgets)
    rows.push(
      `| ${b.name} | ${b.limit} | ${b.value} | ${b.met === null ? 'n/a' : b.met ? 'yes' : '**no**'} |`,
    );
  return rows.join('\n');
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** "nice" axis maximum and step for 0..max */
function niceScale(max: number, ticks = 5): { top: number; step: number } {
  if (!(max > 0)) return { top: 1, step: 0.2 };
  const raw = max / ticks;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * mag).find((s) => s >= raw) ?? 10 * mag;
  return { top: Math.ceil(max / step) * step, step };
}

/** latency (p99) vs devices, log-scaled x; four series: app/bare × fan-out/ack. Hand-written SVG, no library. */
export function latencySvg(curve: CurvePoint[], title: string): string {
  const W = 760;
  const H = 420;
  const m = { l: 64, r: 190, t: 40, b: 52 };
  const pw = W - m.l - m.r;
  const ph = H - m.t - m.b;
  const pts = [...curve].sort((a, b) => a.devices - b.devices);
  const series = [
    { name: 'app fan-out p99', color: '#c0392b', dash: '', key: 'fanoutP99Ms' as const },
    { name: 'bare fan-out p99', color: '#c0392b', dash: '6 4', key: 'baselineFanoutP99Ms' as const },
    { name: 'app ack p99', color: '#1f6fb2', dash: '', key: 'ackP99Ms' as const },
    { name: 'bare ack p99', color: '#1f6fb2', dash: '6 4', key: 'baselineAckP99Ms' as const },
  ];
  const values = pts.flatMap((p) => series.map((s) => p[s.key])).filter((v) => Number.isFinite(v));
  const { top, step } = niceScale(Math.max(1, ...values));
  const xs = pts.map((p) => p.devices);
  const lo = Math.log(Math.min(...xs, 100) * 0.8);
  const hi = Math.log(Math.max(...xs, 1000) * 1.25);
  const X = (d: number) => m.l + ((Math.log(d) - lo) / (hi - lo)) * pw;
  const Y = (v: number) => m.t + ph - (v / top) * ph;
  const out: string[] = [];
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="sans-serif" font-size="12">`,
    `<rect width="${W}" height="${H}" fill="#fff"/>`,
    `<text x="${m.l}" y="22" font-size="15" font-weight="bold">${esc(title)}</text>`,
  );
  for (let v = 0; v <= top + 1e-9; v += step) {
    const y = Y(v).toFixed(1);
    out.push(`<line x1="${m.l}" y1="${y}" x2="${m.l + pw}" y2="${y}" stroke="#e4e4e4"/>`);
    out.push(
      `<text x="${m.l - 8}" y="${y}" text-anchor="end" dominant-baseline="middle" fill="#444">${+v.toFixed(2)}</text>`,
    );
  }
  for (const d of xs) {
    const xx = X(d).toFixed(1);
    out.push(`<line x1="${xx}" y1="${m.t}" x2="${xx}" y2="${m.t + ph}" stroke="#f0f0f0"/>`);
    out.push(
      `<text x="${xx}" y="${m.t + ph + 18}" text-anchor="middle" fill="#444">${d.toLocaleString('en-US')}</text>`,
    );
  }
  out.push(`<line x1="${m.l}" y1="${m.t + ph}" x2="${m.l + pw}" y2="${m.t + ph}" stroke="#333"/>`);
  out.push(`<line x1="${m.l}" y1="${m.t}" x2="${m.l}" y2="${m.t + ph}" stroke="#333"/>`);
  out.push(
    `<text x="${m.l + pw / 2}" y="${H - 12}" text-anchor="middle">connected devices (log scale)</text>`,
  );
  out.push(
    `<text transform="translate(16 ${m.t + ph / 2}) rotate(-90)" text-anchor="middle">p99 latency (ms)</text>`,
  );
  series.forEach((s, i) => {
    const line = pts.filter((p) => Number.isFinite(p[s.key]));
    if (line.length) {
      const d = line
        .map((p, j) => `${j ? 'L' : 'M'}${X(p.devices).toFixed(1)} ${Y(p[s.key]).toFixed(1)}`)
        .join(' ');
      out.push(
        `<path d="${d}" fill="none" stroke="${s.color}" stroke-width="2"${s.dash ? ` stroke-dasharray="${s.dash}"` : ''}/>`,
      );
      for (const p of line)
        out.push(
          `<circle cx="${X(p.devices).toFixed(1)}" cy="${Y(p[s.key]).toFixed(1)}" r="3" fill="${s.color}"><title>${esc(`${s.name} @ ${p.devices}: ${fmt(p[s.key])} ms`)}</title></circle>`,
        );
    }
    const ly = m.t + 10 + i * 22;
    const lx = m.l + pw + 18;
    out.push(
      `<line x1="${lx}" y1="${ly}" x2="${lx + 28}" y2="${ly}" stroke="${s.color}" stroke-width="2"${s.dash ? ` stroke-dasharray="${s.dash}"` : ''}/>`,
    );
    out.push(`<text x="${lx + 36}" y="${ly}" dominant-baseline="middle">${esc(s.name)}</text>`);
  });
  out.push('</svg>');
  return out.join('\n') + '\n';
}

export { fmt, int, x as fmtRatio };
