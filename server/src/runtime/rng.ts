/** Deterministic randomness per (show, version): replaying the log reproduces every draw exactly. */
export function seededRng(showId: string, version: number): () => number {
  let h = 2166136261 ^ version;
  for (let i = 0; i < showId.length; i++) h = Math.imul(h ^ showId.charCodeAt(i), 16777619);
  let a = h >>> 0;
  // mulberry32
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
