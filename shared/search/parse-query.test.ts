import { describe, expect, it } from 'vitest';
import { MAX_QUERY_CHARS, MAX_TERMS, parseQuery } from './parse-query';
import { searchProblemWords } from '../words/search-words';

describe('parseQuery', () => {
  it('reads plain words and key=value terms, lower-cased', () => {
    expect(parseQuery('  Web  zone=A state=crashed ').terms).toEqual([
      { kind: 'word', text: 'web', negate: false },
      { kind: 'field', key: 'zone', value: 'a', prefix: false, negate: false },
      { kind: 'field', key: 'state', value: 'crashed', prefix: false, negate: false },
    ]);
  });

  it('reads quotes, negations and a trailing * as a prefix', () => {
    expect(parseQuery('"web 1" vm="db one" -worker state!=running rack=r1*').terms).toEqual([
      { kind: 'word', text: 'web 1', negate: false },
      { kind: 'field', key: 'vm', value: 'db one', prefix: false, negate: false },
      { kind: 'word', text: 'worker', negate: true },
      { kind: 'field', key: 'state', value: 'running', prefix: false, negate: true },
      { kind: 'field', key: 'rack', value: 'r1', prefix: true, negate: false },
    ]);
  });

  it('keeps an = inside quotes as text, and a lone - as a word', () => {
    expect(parseQuery('"a=b" -').terms).toEqual([
      { kind: 'word', text: 'a=b', negate: false },
      { kind: 'word', text: '-', negate: false },
    ]);
  });

  it('leaves out `zone=` and `=a` and says why in words, keeping the rest', () => {
    const parsed = parseQuery('zone= web =a');
    expect(parsed.terms).toEqual([{ kind: 'word', text: 'web', negate: false }]);
    expect(parsed.problems.map(searchProblemWords)).toEqual([
      '"zone=" needs a value after the "=" (e.g. zone=a).',
      '"=a" needs a key before the "=" (e.g. zone=a).',
    ]);
  });

  it('reads an unclosed quote to the end and says so', () => {
    const parsed = parseQuery('vm="web 1');
    expect(parsed.terms).toEqual([
      { kind: 'field', key: 'vm', value: 'web 1', prefix: false, negate: false },
    ]);
    expect(parsed.problems).toEqual([{ code: 'unclosed-quote' }]);
  });

  it('bounds very long input and very many terms', () => {
    const long = parseQuery('x'.repeat(100_000));
    expect(long.terms).toEqual([
      { kind: 'word', text: 'x'.repeat(MAX_QUERY_CHARS), negate: false },
    ]);
    expect(long.problems).toEqual([{ code: 'too-long', max: MAX_QUERY_CHARS }]);
    const many = parseQuery(Array.from({ length: 40 }, (_, i) => `w${i}`).join(' '));
    expect(many.terms).toHaveLength(MAX_TERMS);
    expect(many.problems).toEqual([{ code: 'too-many-terms', max: MAX_TERMS }]);
  });

  it('finds nothing to search in empty, blank or only-punctuation input, without throwing', () => {
    for (const input of ['', '   ', '=', '""', '= =', '\t\n']) {
      expect(parseQuery(input).terms).toEqual([]);
    }
  });
});
