import { describe, expect, it } from 'vitest';
import { spiceFailureWords } from './console-words';

describe('spiceFailureWords', () => {
  it("says what spice-html5's short sentences mean for the admin", () => {
    expect(spiceFailureWords('web 1', 'Permission denied.')).toBe(
      'the SPICE display of web 1 asks for a password, which this console cannot send yet (remove passwd from its <graphics>, or use virt-viewer)',
    );
    expect(spiceFailureWords('web 1', 'Bad password.')).toMatch(/asks for a password/);
    expect(spiceFailureWords('web 1', 'Error: reply link error 5')).toMatch(
      /takes this channel over TLS only/,
    );
    expect(spiceFailureWords('web 1', 'Connection timed out.')).toBe(
      'the SPICE display of web 1 did not answer within 30 s',
    );
    expect(spiceFailureWords('web 1', 'Error: magic mismatch: RFB ')).toMatch(
      /does not speak SPICE$/,
    );
    expect(spiceFailureWords('web 1', 'Unexpected close while ready')).toBe(
      'the SPICE display of web 1 failed: Unexpected close while ready',
    );
  });
});
