import fc from 'fast-check';
import type { z } from 'zod';
import { AppError } from '../../shared/errors';

/**
 * Fuzzing what hosts print into the parsers. Every parser of host output must either return a
 * value inside the domain's bounds (the shared zod schemas) or throw an AppError 'parse-error'
 * naming what was malformed: never a plain Error (shown as "internal"), never a value such as
 * Infinity vCPUs, never a hang.
 */

/** How one parser met one input. */
export type Outcome = 'value' | 'typed-error' | 'plain-error' | 'out-of-range' | 'slow';

/** Longer than this for one input is a hang in the making (catastrophic regex, deep recursion). */
export const SLOW_MS = 1_000;

export interface FuzzTarget {
  name: string;
  /** Run the parser on one generated input (the string form; multi-part parsers split it). */
  run(input: string): unknown;
  /** What a returned value must satisfy. */
  bounds: z.ZodType;
  inputs: fc.Arbitrary<string>;
  /** Parsers that must never throw at all (event lines, progress, stderr wording). */
  neverThrows?: boolean;
}

export interface Classified {
  outcome: Outcome;
  why: string;
}

export function classify(target: FuzzTarget, input: string): Classified {
  const start = performance.now();
  let value: unknown;
  let thrown: unknown;
  let threw = false;
  try {
    value = target.run(input);
  } catch (error) {
    threw = true;
    thrown = error;
  }
  const ms = performance.now() - start;
  if (ms > SLOW_MS) return { outcome: 'slow', why: `took ${Math.round(ms)} ms` };
  if (threw) {
    if (thrown instanceof AppError && thrown.code === 'parse-error' && !target.neverThrows) {
      return { outcome: 'typed-error', why: thrown.message };
    }
    const what = thrown instanceof Error ? `${thrown.name}: ${thrown.message}` : String(thrown);
    return { outcome: 'plain-error', why: what.slice(0, 300) };
  }
  const checked = target.bounds.safeParse(value);
  if (!checked.success) {
    return { outcome: 'out-of-range', why: checked.error.issues[0]?.message ?? 'out of bounds' };
  }
  return { outcome: 'value', why: '' };
}

/** Numbers a host could print where a count belongs. */
const HUGE = [
  '9007199254740993', // 2^53 + 1: not even exact as a double
  '99999999999999999999999999999999',
  '1'.repeat(400), // Infinity once read as a number
  '1e309',
  'Infinity',
  'NaN',
  '-1',
  '-0',
  '0',
  '4294967296',
  '18446744073709551615',
  '0x10',
  '1.5',
  '',
];

const STRUCTURE = [
  '\n',
  "'",
  '"',
  '<',
  '>',
  '/>',
  '</',
  '=',
  ':',
  ' ',
  '\t',
  '\r',
  '\0',
  '&',
  '&#0;',
  '&#x110000;',
  '<![CDATA[',
  ']]>',
  '<!--',
  '-->',
  '<!DOCTYPE x [<!ENTITY a "aaaa">]>',
  '&a;',
  '%',
  '[',
  ']',
  '\uFFFE',
  '\uD800',
  '🚀',
];

/** Deep nesting, as a hostile host's XML or a bug's. */
function deepXml(depth: number): string {
  return `<domain>${'<a>'.repeat(depth)}x${'</a>'.repeat(depth)}<name>n</name></domain>`;
}

/** A real fixture mutated: cut, spliced with structure characters or garbage, its numbers swapped for huge ones. */
function mutated(real: string): fc.Arbitrary<string> {
  const position = fc.nat({ max: real.length });
  const splice = fc.oneof(fc.constantFrom(...STRUCTURE, ...HUGE), fc.string({ maxLength: 20 }));
  return fc.oneof(
    position.map((at) => real.slice(0, at)), // truncated
    fc
      .tuple(position, position)
      .map(([a, b]) => real.slice(0, Math.min(a, b)) + real.slice(Math.max(a, b))),
    fc
      .array(fc.tuple(position, splice), { minLength: 1, maxLength: 6 })
      .map((edits) =>
        edits.reduce((text, [at, piece]) => text.slice(0, at) + piece + text.slice(at), real),
      ),
    fc.constantFrom(...HUGE).map((n) => real.replace(/\d+/g, n)), // every number huge
    fc.tuple(fc.constantFrom(...HUGE), fc.nat()).map(([n, pick]) => {
      let seen = 0;
      const numbers = real.match(/\d+/g)?.length ?? 1;
      return real.replace(/\d+/g, (d) => (seen++ === pick % numbers ? n : d));
    }),
    fc.tuple(position, fc.integer({ min: 1, max: 8 })).map(([at, times]) => {
      // a line repeated, as a host that printed a record twice
      const start = real.lastIndexOf('\n', at) + 1;
      const end = real.indexOf('\n', at);
      const line = real.slice(start, end === -1 ? undefined : end + 1);
      return real.slice(0, start) + line.repeat(times) + real.slice(start);
    }),
  );
}

/** What every parser is fed: garbage, structure soup, the real output truncated and mutated, deep XML. */
export function hostOutput(...real: string[]): fc.Arbitrary<string> {
  const soup = fc
    .array(fc.oneof(fc.constantFrom(...STRUCTURE, ...HUGE), fc.string({ maxLength: 8 })), {
      maxLength: 40,
    })
    .map((parts) => parts.join(''));
  return fc.oneof(
    { arbitrary: fc.string({ unit: 'binary', maxLength: 200 }), weight: 1 },
    { arbitrary: soup, weight: 2 },
    { arbitrary: fc.integer({ min: 50, max: 20_000 }).map(deepXml), weight: 1 },
    ...real.map((text) => ({ arbitrary: mutated(text), weight: 4 })),
  );
}
