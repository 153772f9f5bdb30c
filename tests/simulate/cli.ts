/**
 * npm run simulate:online -- --candidates 20000 [--json] [--store sqlite|redis] [--concurrency 48] [--time-limit 30]
 * A whole online round against a real server child process with temporary data; see online.ts.
 * Exit code 0 when nothing leaked, the ranking is consistent and no step failed.
 */
import { parseArgs } from 'node:util';
import { simulateOnline } from './online.ts';

const { values } = parseArgs({
  options: {
    candidates: { type: 'string', default: '20000' },
    concurrency: { type: 'string', default: '48' },
    store: { type: 'string', default: process.env.STORE ?? 'sqlite' },
    'time-limit': { type: 'string', default: '30' },
    json: { type: 'boolean', default: false },
    verbose: { type: 'boolean', default: false },
  },
  strict: true,
});

const int = (name: string, v: string | undefined) => {
  const n = Number(v);
  if (!Number.isInteger(n) || n <= 0) {
    console.error(`--${name} must be a positive integer, got "${v}"`);
    process.exit(2);
  }
  return n;
};
const store = values.store === 'redis' ? 'redis' : 'sqlite';
const started = Date.now();
const report = await simulateOnline({
  candidates: int('candidates', values.candidates),
  concurrency: int('concurrency', values.concurrency),
  timeLimitSec: int('time-limit', values['time-limit']),
  store,
  log:
    values.verbose || !values.json
      ? (l) => console.error(`[${((Date.now() - started) / 1000).toFixed(1)}s] ${l}`)
      : undefined,
});
if (values.json) console.log(JSON.stringify(report, null, 2));
else {
  const { leakExamples, inconsistencies, errors, ...figures } = report;
  console.log(figures);
  if (leakExamples.length) console.log('leaks:', leakExamples);
  if (inconsistencies.length) console.log('inconsistencies:', inconsistencies);
  if (errors.length) console.log('errors:', errors.slice(0, 20));
}
process.exit(report.leaks === 0 && report.consistent && report.errors.length === 0 ? 0 : 1);
