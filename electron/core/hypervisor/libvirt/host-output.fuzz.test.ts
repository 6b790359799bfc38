import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../../shared/errors';
import { fixture } from './fixtures';
import { classify } from '../../../testing/host-output-fuzz';
import { HOST_OUTPUT_TARGETS } from '../../../testing/host-output-targets';
import { parseDomainXml } from './parse-domain-xml';
import { parseDomstats } from './parse-domstats';

/** Cases per parser; the seed fast-check prints on a failure replays it. */
export const FUZZ_RUNS = 400;

describe('every parser of host output, fed fuzzed output', () => {
  it.each(HOST_OUTPUT_TARGETS.map((target) => [target.name, target] as const))(
    '%s: a value within bounds or a typed parse-error, never a plain Error or a hang',
    (_, target) => {
      fc.assert(
        fc.property(target.inputs, (input) => {
          const { outcome, why } = classify(target, input);
          expect(['value', 'typed-error'], `${outcome}: ${why}`).toContain(outcome);
        }),
        { numRuns: FUZZ_RUNS },
      );
    },
    60_000,
  );
});

function thrownBy(fn: () => unknown): AppError {
  try {
    fn();
  } catch (thrown) {
    if (thrown instanceof AppError) return thrown;
    throw new Error(`a plain ${String(thrown)} instead of an AppError`);
  }
  throw new Error('no error');
}

describe('figures out of range', () => {
  const stats = fixture('domstats-raw.txt');

  it.each([
    ['Infinity', '1'.repeat(400)],
    ['2^53 + 1', '9007199254740993'],
    ['zero', '0'],
  ])('refuses a vCPU count of %s from domstats, naming the field and the domain', (_, value) => {
    const error = thrownBy(() =>
      parseDomstats(stats.replace('vcpu.current=1', `vcpu.current=${value}`)),
    );
    expect(error.code).toBe('parse-error');
    expect(error.message).toMatch(/vcpu\.current of domain "transient-1"/);
  });

  it('refuses memory beyond any machine from domstats', () => {
    const error = thrownBy(() =>
      parseDomstats(stats.replace('balloon.current=65536', `balloon.current=${2 ** 60}`)),
    );
    expect(error.message).toMatch(/balloon\.current of domain "transient-1"/);
  });

  it.each([
    [
      'negative memory',
      (x: string) =>
        x
          .replace(/<memory unit='KiB'>\d+/, "<memory unit='KiB'>-4096")
          .replace(/<currentMemory unit='KiB'>\d+/, "<currentMemory unit='KiB'>-4096"),
      /memory/,
    ],
    ['no vCPU', (x: string) => x.replace(/<vcpu([^>]*)>\d+/, '<vcpu$1>0'), /vcpu/],
    ['a UUID that is not one', (x: string) => x.replace(/<uuid>[^<]+/, '<uuid>$(id)'), /uuid/i],
  ])('refuses %s in domain XML with a parse-error', (_, mutate, word) => {
    const xml = fixture('dumpxml-untagged.xml');
    const error = thrownBy(() => parseDomainXml(mutate(xml)));
    expect(error.code).toBe('parse-error');
    expect(error.message).toMatch(word);
  });

  it('refuses XML nested deeper than any libvirt document, in words', () => {
    for (const depth of [101, 5_000, 100_000]) {
      const xml = `<domain>${'<a>'.repeat(depth)}${'</a>'.repeat(depth)}</domain>`;
      const error = thrownBy(() => parseDomainXml(xml));
      expect(error.code).toBe('parse-error');
      expect(error.message).toMatch(/nested deeper than \d+ levels/);
    }
  });
});
