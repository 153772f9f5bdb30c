import { describe, expect, it } from 'vitest';
import { docsRunGaps, partsMissingFromResult, type DocInput, type RunParts } from './docs.ts';

const full: RunParts = {
  quick: false,
  live: true,
  curve: true,
  memory: true,
  online: true,
  nodes: 2,
  baselineOnly: false,
  profile: false,
};

describe('docsRunGaps', () => {
  it('lets a run of every part rewrite the page', () => {
    expect(docsRunGaps(full)).toEqual([]);
    expect(docsRunGaps({ ...full, nodes: 3 })).toEqual([]);
  });

  it('names each part a run leaves out, by the flag to change', () => {
    expect(docsRunGaps({ ...full, online: false })).toEqual(['no --online (the online rounds)']);
    expect(docsRunGaps({ ...full, nodes: 1 })).toEqual(['no --nodes 2 (many nodes and failover)']);
    expect(docsRunGaps({ ...full, quick: true, profile: true })).toEqual([
      '--quick (small sizes)',
      '--profile (no durability check)',
    ]);
    expect(docsRunGaps({ ...full, curve: false, memory: false })).toEqual([
      '--no-curve (the scaling curve)',
      '--no-memory (memory per connection)',
    ]);
  });

  it('names the live show once when it is skipped, not its curve and memory runs too', () => {
    expect(docsRunGaps({ ...full, live: false, curve: false, memory: false })).toEqual([
      '--no-live (the live show)',
    ]);
  });
});

describe('partsMissingFromResult', () => {
  // only the parts' presence matters here
  const complete = { live: {}, curve: [{}], memory: {}, online: {}, cluster: {} } as unknown as DocInput;

  it('finds nothing missing in a run that brought every part back', () => {
    expect(partsMissingFromResult(complete)).toEqual([]);
  });

  it('names a part that failed on the way', () => {
    expect(partsMissingFromResult({ ...complete, cluster: null })).toEqual(['many nodes and failover']);
    expect(partsMissingFromResult({ ...complete, online: null, curve: [] })).toEqual([
      'the scaling curve',
      'the online rounds',
    ]);
    expect(partsMissingFromResult({ ...complete, live: null, memory: null })).toEqual([
      'the live show',
      'memory per connection',
    ]);
  });
});
