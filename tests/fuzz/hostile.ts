/**
 * What a prankster (or a broken client) sends: fast-check arbitraries of malformed values — wrong types,
 * huge strings, deep nesting, prototype names as keys, binary, numbers JSON cannot hold — and of
 * near-valid payloads (a valid shape with one field broken), which reach deeper than noise does.
 */
import fc from 'fast-check';

/** names that find something on a plain object: a server that uses them as keys is one event from a crash */
export const PROTOTYPE_NAMES = [
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'valueOf',
  'hasOwnProperty',
  '__defineGetter__',
  '__lookupSetter__',
  'isPrototypeOf',
  'propertyIsEnumerable',
  'toLocaleString',
];

const protoKey = fc.constantFrom(...PROTOTYPE_NAMES);
const key = fc.oneof(
  { weight: 3, arbitrary: fc.string({ maxLength: 12 }) },
  { weight: 2, arbitrary: protoKey },
  { weight: 2, arbitrary: fc.constantFrom('round', 'value', 'seat', 'version', 'seats', 'reason', 'id') },
);

const scalar = fc.oneof(
  fc.constantFrom(
    null,
    undefined,
    true,
    false,
    0,
    -0,
    -1,
    1e308,
    -1e308,
    2 ** 53,
    Number.MAX_SAFE_INTEGER + 2,
  ),
  fc.constantFrom(NaN, Infinity, -Infinity),
  fc.integer(),
  fc.double(),
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  protoKey,
  fc.constantFrom('', ' ', '\u0000', '\uD800', 'A', 'đáp án', '<script>alert(1)</script>', "' OR 1=1 --"),
);

/** a long string built cheaply (fast-check would take a while to shrink a 100 kB one) */
const hugeString = fc
  .tuple(fc.constantFrom('x', 'Đ', '🔔', '\u0000', '{"a":'), fc.integer({ min: 1_000, max: 40_000 }))
  .map(([s, n]) => s.repeat(n));

/** nesting far deeper than any schema allows: stack-hungry code paths meet it here */
const deepNest = fc.tuple(fc.integer({ min: 50, max: 2_000 }), fc.boolean()).map(([depth, asArray]) => {
  let v: unknown = 'bottom';
  for (let i = 0; i < depth; i++) v = asArray ? [v] : { value: v };
  return v;
});

/** objects whose own keys are `__proto__` etc. (JSON.parse makes `__proto__` an own key, as a wire payload would) */
const protoObject = fc
  .tuple(protoKey, scalar, fc.dictionary(key, scalar, { maxKeys: 4 }))
  .map(([k, v, rest]) => JSON.parse(JSON.stringify({ ...rest, [k]: v })) as unknown)
  .chain((o) => fc.constant(Object.assign(o as object, JSON.parse(`{"__proto__":{"polluted":true}}`))));

const binary = fc
  .uint8Array({ maxLength: 2_048 })
  .map((bytes) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));

const { tree } = fc.letrec((tie) => ({
  tree: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    scalar,
    fc.array(tie('tree'), { maxLength: 5 }),
    fc.dictionary(key, tie('tree'), { maxKeys: 5 }),
  ),
}));

/** one hostile value (any type); `withBinary` for transports that carry buffers (Socket.IO) */
export function hostileValue(options: { withBinary?: boolean; withHuge?: boolean } = {}) {
  const arbs = [
    { weight: 16, arbitrary: tree },
    { weight: 6, arbitrary: protoObject },
    { weight: 2, arbitrary: deepNest },
    { weight: 6, arbitrary: fc.anything({ maxDepth: 3, withNullPrototype: true, withBoxedValues: true }) },
  ];
  if (options.withHuge !== false) arbs.push({ weight: 1, arbitrary: hugeString });
  if (options.withBinary) arbs.push({ weight: 1, arbitrary: binary as fc.Arbitrary<unknown> });
  return fc.oneof(...arbs);
}

/** a valid payload with one field replaced by a hostile value (or removed, or one key added) */
export function nearValid(valid: readonly Record<string, unknown>[]) {
  return fc
    .tuple(fc.constantFrom(...valid), fc.nat(), tree, fc.constantFrom('replace', 'delete', 'add'), key)
    .map(([base, pick, value, how, extra]) => {
      const copy: Record<string, unknown> = JSON.parse(JSON.stringify(base));
      const keys = Object.keys(copy);
      const field = keys.length ? keys[pick % keys.length] : extra;
      if (how === 'replace') copy[field] = value;
      else if (how === 'delete') delete copy[field];
      else
        Object.defineProperty(copy, extra, { value, enumerable: true, configurable: true, writable: true });
      return copy;
    });
}

/** deterministic samples: the same seed gives the same payloads, so a failure can be replayed */
export function samples<T>(arb: fc.Arbitrary<T>, count: number, seed: number): T[] {
  return fc.sample(arb, { numRuns: count, seed });
}

/** JSON.stringify that never throws (cycles and BigInt cannot reach the wire anyway) */
export function safeJson(value: unknown): string | undefined {
  try {
    return JSON.stringify(value);
  } catch {
    return undefined;
  }
}
