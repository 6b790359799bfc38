import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { truncateText } from './truncate-text';

/** No lone surrogate: what String#isWellFormed checks (ES2024, past this project's lib). */
const wellFormed = (text: string): boolean => !/\p{Surrogate}/u.test(text);

describe('truncateText', () => {
  it('leaves text that fits alone', () => {
    expect(truncateText('libvirt says no', 15)).toBe('libvirt says no');
    expect(truncateText('', 0)).toBe('');
  });

  it('cuts long text to the limit and says how much was cut', () => {
    const out = truncateText('x'.repeat(262_144), 16_000);
    expect(out.length).toBeLessThanOrEqual(16_000);
    const kept = out.indexOf(' ... [cut ');
    expect(out.slice(kept)).toBe(
      ` ... [cut ${(262_144 - kept).toLocaleString('en-US')} of 262,144 characters]`,
    );
    expect(out.slice(0, kept)).toBe('x'.repeat(kept));
    expect(kept).toBeGreaterThan(15_950);
  });

  it('never leaves half a surrogate pair before the marker', () => {
    const emoji = '🙂'.repeat(100); // each is two code units
    for (let max = 40; max < 80; max++) {
      const out = truncateText(emoji, max);
      expect(out.length).toBeLessThanOrEqual(max);
      expect(wellFormed(out)).toBe(true);
    }
  });

  it('whatever the text and limit: within the limit, a prefix of the text, and well-formed', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 400 }), fc.nat(300), (text, extra) => {
        const max = 40 + extra;
        const out = truncateText(text, max);
        expect(out.length).toBeLessThanOrEqual(max);
        if (text.length <= max) expect(out).toBe(text);
        else expect(text.startsWith(out.slice(0, out.lastIndexOf(' ... [cut ')))).toBe(true);
        expect(wellFormed(out)).toBe(true);
      }),
    );
  });
});
