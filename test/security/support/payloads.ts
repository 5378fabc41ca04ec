import fc from 'fast-check';

type Path = (string | number)[];

/** Values that break naive validation: edge numbers, wrong types, huge and hostile strings. */
const nastyValue: fc.Arbitrary<unknown> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.constantFrom(
      NaN,
      Infinity,
      -Infinity,
      -0,
      -1,
      0.5,
      2 ** 53 + 1,
      1e308,
      10n,
      '',
      ' ',
      '0',
      'true',
      'null',
      '__proto__',
      '../../etc/passwd',
      "'; DROP TABLE orders; --",
      '<img src=x onerror=alert(1)>',
      '\u0000',
      '\ud800',
      'x'.repeat(5000),
      null,
      undefined,
      true,
      [],
      {},
      [[[[[]]]]],
      new Date(0),
    ),
  },
  { weight: 1, arbitrary: fc.string({ maxLength: 40 }) },
  { weight: 1, arbitrary: fc.integer() },
  { weight: 1, arbitrary: fc.double() },
  { weight: 1, arbitrary: fc.anything({ maxDepth: 1, maxKeys: 3 }) },
);

/** Random values of any shape, including what structured clone could carry over Electron IPC. */
export const randomPayload: fc.Arbitrary<unknown> = fc.anything({
  maxDepth: 2,
  maxKeys: 4,
  withBigInt: true,
  withDate: true,
  withMap: true,
  withSet: true,
  withTypedArray: true,
  withSparseArray: true,
  withNullPrototype: true,
  withBoxedValues: true,
  key: fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString')),
});

function pathsOf(value: unknown, prefix: Path = []): Path[] {
  const here = [prefix];
  if (value === null || typeof value !== 'object') return here;
  return here.concat(
    ...Object.entries(value).map(([key, child]) =>
      pathsOf(child, [...prefix, Array.isArray(value) ? Number(key) : key]),
    ),
  );
}

/** A deep copy of a JSON-shaped seed (much cheaper than a JSON round trip, 10,000 times per channel). */
function clone<T>(value: T): T {
  if (Array.isArray(value)) return value.map(clone) as T;
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).map(([key, child]) => [key, clone(child)])) as T;
}

function setOwn(target: Record<string, unknown>, key: string | number, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, configurable: true, writable: true });
}

type Mutation = { kind: 'replace' | 'delete' | 'add-key' | 'wrap-in-array'; path: Path; key: string; value: unknown };

function apply(root: unknown, mutation: Mutation): unknown {
  const { kind, path, key, value } = mutation;
  if (path.length === 0) {
    if (kind === 'add-key' && root !== null && typeof root === 'object') {
      setOwn(root as Record<string, unknown>, key, value);
      return root;
    }
    return kind === 'wrap-in-array' ? [root] : kind === 'delete' ? undefined : value;
  }
  let parent = root as Record<string | number, unknown>;
  for (const step of path.slice(0, -1)) {
    // An earlier mutation may have removed or replaced this branch: nothing left to mutate.
    if (parent === null || typeof parent !== 'object') return root;
    parent = parent[step] as Record<string | number, unknown>;
  }
  if (parent === null || typeof parent !== 'object') return root;
  const last = path[path.length - 1] as string | number;
  if (kind === 'delete') delete parent[last];
  else if (kind === 'wrap-in-array') parent[last] = [parent[last]];
  else if (kind === 'add-key' && parent[last] !== null && typeof parent[last] === 'object') {
    setOwn(parent[last] as Record<string, unknown>, key, value);
  } else setOwn(parent, last, value);
  return root;
}

/** The seed with one to three mutations: a field replaced, removed, wrapped, or an unknown key added. */
export function mutatedPayload(seed: unknown): fc.Arbitrary<unknown> {
  const paths = pathsOf(seed);
  const mutation = fc.record({
    kind: fc.constantFrom('replace', 'delete', 'add-key', 'wrap-in-array') as fc.Arbitrary<Mutation['kind']>,
    path: fc.constantFrom(...paths),
    key: fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom('__proto__', 'constructor', 'extra', 'id')),
    value: nastyValue,
  });
  return fc
    .array(mutation, { minLength: 1, maxLength: 3 })
    .map((mutations) => mutations.reduce<unknown>((value, m) => apply(value, m), clone(seed)));
}

/** Paths to every plain object inside a value (arrays' elements included), the value itself first. */
export function objectPaths(value: unknown): Path[] {
  return pathsOf(value).filter((path) => {
    const target = path.reduce<unknown>((node, step) => (node as Record<string | number, unknown>)[step], value);
    return target !== null && typeof target === 'object' && !Array.isArray(target);
  });
}

/** A copy of the value with a field named `surprise` added to the object at the path. */
export function withUnknownField(value: unknown, path: Path): unknown {
  return apply(clone(value), { kind: 'add-key', path, key: 'surprise', value: true });
}

/** Mostly mutations of a valid input (deep in the schema), some entirely random values. */
export function fuzzPayloads(seed: unknown, count: number, rngSeed: number): unknown[] {
  const arbitrary = fc.oneof({ weight: 3, arbitrary: mutatedPayload(seed) }, { weight: 1, arbitrary: randomPayload });
  return fc.sample(arbitrary, { numRuns: count, seed: rngSeed });
}
