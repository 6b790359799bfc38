import { describe, expect, it } from 'vitest';
import { HostId } from '../domain/ids';
import { PowerSettings } from '../domain/power';
import { powerActionWords, powerFailureWords, powerReadingWords } from './power-words';

const hv1 = HostId.parse('hv1-abc');
const nameOf = (id: string) => (id === hv1 ? 'hv1' : id);
const at = '127.0.0.23:623';

describe('power words', () => {
  it('say the BMC answer, and each failure with what to do', () => {
    expect(powerReadingWords('hv3', { ok: true, state: 'on' }, nameOf)).toBe(
      "hv3's BMC says: power on",
    );
    expect(powerFailureWords({ code: 'wrong-password', at, user: 'admin' }, nameOf)).toBe(
      'wrong password for BMC user admin at 127.0.0.23:623',
    );
    expect(powerFailureWords({ code: 'no-answer', at, seconds: 4 }, nameOf)).toBe(
      'no answer from 127.0.0.23:623 in 4 s',
    );
    expect(powerFailureWords({ code: 'ipmitool-missing', peer: hv1 }, nameOf)).toContain(
      'ipmitool is missing on the peer hv1',
    );
    expect(
      powerFailureWords({ code: 'password-unreadable', sealedBy: 'os-keychain' }, nameOf),
    ).toContain("desktop app's keychain");
  });

  it('name the BMC and the route in the log line of a switch', () => {
    const settings = PowerSettings.parse({
      kind: 'ipmi',
      address: '127.0.0.23',
      user: 'admin',
      route: { kind: 'peer', hostId: hv1 },
    });
    expect(powerActionWords('hv3', 'off', settings, { ok: true, state: 'off' }, nameOf)).toBe(
      'hv3 powered off through its BMC (127.0.0.23:623, from hv1)',
    );
    expect(
      powerActionWords(
        'hv3',
        'off',
        settings,
        { ok: false, failure: { code: 'no-answer', at, seconds: 4 } },
        nameOf,
      ),
    ).toBe(
      "Couldn't power off hv3 through its BMC (127.0.0.23:623, from hv1): no answer from 127.0.0.23:623 in 4 s",
    );
  });
});
