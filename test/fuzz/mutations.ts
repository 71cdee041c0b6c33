import fc from 'fast-check';

/**
 * Shared by the fuzz tests: one seed (FUZZ_SEED overrides it, and a failure prints the seed and path that
 * reproduce it) and modest run counts (FUZZ_RUNS scales them) so the unit suite stays fast.
 */
export const FUZZ_SEED = Number(process.env.FUZZ_SEED ?? 20261207);
export const runs = (n: number) => Math.max(1, Math.round(n * Number(process.env.FUZZ_RUNS_FACTOR ?? 1)));
/** A single run (one input through a parser) that takes longer than this counts as a hang. */
export const RUN_TIMEOUT_MS = 10_000;

export function fuzzParameters<T>(numRuns: number): fc.Parameters<T> {
  return { seed: FUZZ_SEED, numRuns: runs(numRuns), timeout: RUN_TIMEOUT_MS, endOnFailure: true };
}

/** Text that parsers of YAML, JSON, OpenAPI and trace exports treat specially. */
const TOKENS = [
  '{', '}', '[', ']', '"', "'", ':', ',', '\n', '\n  ', '\t', '- ', '#', '&a ', '*a', '<<: *a', '!!binary ', '!!js/function ', '? ',
  '$ref', '"$ref": "#/components/schemas/Pet"', '$ref: "#/definitions/x"', '$ref: ../other.yaml#/x', '$ref: https://example.invalid/x.yaml',
  '\\u0000', '\u0000', '\uFFFF', '\\ud800', '\uD800', '1e999', '-0', '9007199254740993', 'NaN', 'null', 'true', '~',
  'openapi: 3.1.0', 'swagger: "2.0"', '"traceId":"', '"spanId":"', '"parentSpanId":"', '"startTimeUnixNano":"', 'resourceSpans', 'scopeSpans',
  '[[[[[[[[[[[[[[[[', '{"a":{"a":{"a":{"a":', '%', '~1', '..', '/', '__proto__', 'constructor', '"__proto__": {"polluted": 1}',
];

export type Mutation =
  | { kind: 'flip'; at: number; byte: number }
  | { kind: 'cut'; at: number }
  | { kind: 'insert'; at: number; text: string }
  | { kind: 'delete'; at: number; length: number }
  | { kind: 'repeat'; at: number; length: number; times: number };

const at = fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true });

export const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('flip' as const), at, byte: fc.integer({ min: 0, max: 255 }) }),
  fc.record({ kind: fc.constant('cut' as const), at }),
  fc.record({ kind: fc.constant('insert' as const), at, text: fc.oneof(fc.constantFrom(...TOKENS), fc.string({ maxLength: 16 }), fc.string({ unit: 'binary', maxLength: 8 })) }),
  fc.record({ kind: fc.constant('delete' as const), at, length: fc.integer({ min: 1, max: 64 }) }),
  fc.record({ kind: fc.constant('repeat' as const), at, length: fc.integer({ min: 1, max: 32 }), times: fc.integer({ min: 2, max: 50 }) }),
);

/** Applies mutations to bytes, each at a fraction of the current length, so every seed file is hit all over. */
export function mutate(input: Buffer, mutations: Mutation[]): Buffer {
  let bytes = input;
  for (const m of mutations) {
    const i = Math.floor(m.at * bytes.length);
    switch (m.kind) {
      case 'flip':
        bytes = Buffer.from(bytes);
        if (bytes.length) bytes[i] = m.byte;
        break;
      case 'cut':
        bytes = bytes.subarray(0, i);
        break;
      case 'insert':
        bytes = Buffer.concat([bytes.subarray(0, i), Buffer.from(m.text), bytes.subarray(i)]);
        break;
      case 'delete':
        bytes = Buffer.concat([bytes.subarray(0, i), bytes.subarray(i + m.length)]);
        break;
      case 'repeat': {
        const piece = bytes.subarray(i, i + m.length);
        bytes = Buffer.concat([bytes.subarray(0, i), ...Array.from({ length: m.times }, () => piece), bytes.subarray(i + m.length)]);
        break;
      }
    }
  }
  return bytes;
}

/** A seed file with one to six mutations. */
export const mutatedArb = (seeds: Array<{ name: string; bytes: Buffer }>) =>
  fc.record({ seed: fc.constantFrom(...seeds), mutations: fc.array(mutationArb, { minLength: 1, maxLength: 6 }) }).map(({ seed, mutations }) => ({ name: seed.name, bytes: mutate(seed.bytes, mutations), mutations }));

/** The error unless it is one of the expected types (the parser's own, typed input errors). */
export function unexpected(error: unknown, expected: Array<new (...args: never[]) => Error>): unknown {
  return expected.some((type) => error instanceof type) ? undefined : error;
}
