import { describe, expect, it } from 'vitest';
import { PowerSettings } from '../../../shared/domain/power';
import { ipmitoolArgs, readIpmitool } from './ipmitool';

const settings = PowerSettings.parse({ kind: 'ipmi', address: '127.0.0.23', user: 'admin' });
// What ipmitool 1.8.19 printed against Debian's ipmi_sim here (lab/bmc.sh), verbatim.
const PEN = 'Loading IANA PEN Registry...\n';
const FAIL = 'Error: Unable to establish IPMI v2 / RMCP+ session\n';

describe('ipmitool', () => {
  it('never carries the password in its arguments: -E reads IPMI_PASSWORD', () => {
    const argv = ipmitoolArgs(settings, 'status');
    expect(argv).toContain('-E');
    expect(argv).not.toContain('-P');
    expect(argv.slice(-3)).toEqual(['chassis', 'power', 'status']);
    expect(argv).toEqual(expect.arrayContaining(['-H', '127.0.0.23', '-p', '623', '-U', 'admin']));
  });

  it('reads the power state and the acknowledgement of a switch', () => {
    const ok = (stdout: string) => ({ code: 0, stdout, stderr: PEN });
    expect(readIpmitool(ok('Chassis Power is on\n'), settings, 'status')).toEqual({
      ok: true,
      state: 'on',
    });
    expect(readIpmitool(ok('Chassis Power is off\n'), settings, 'status')).toEqual({
      ok: true,
      state: 'off',
    });
    expect(readIpmitool(ok('Chassis Power Control: Down/Off\n'), settings, 'off')).toEqual({
      ok: true,
      state: 'off',
    });
    expect(readIpmitool(ok('Chassis Power Control: Up/On\n'), settings, 'on')).toEqual({
      ok: true,
      state: 'on',
    });
    // An acknowledgement of the wrong switch is not taken for success.
    expect(readIpmitool(ok('Chassis Power Control: Up/On\n'), settings, 'off').ok).toBe(false);
  });

  it('tells a wrong password, an unknown user and a silent BMC apart (same last line)', () => {
    const fail = (stderr: string) =>
      readIpmitool({ code: 1, stdout: '', stderr }, settings, 'status');
    expect(fail(`${PEN}> RAKP 2 HMAC is invalid\n${FAIL}`)).toEqual({
      ok: false,
      failure: { code: 'wrong-password', at: '127.0.0.23:623', user: 'admin' },
    });
    expect(
      fail(`${PEN}RAKP 2 message indicates an error : unauthorized name\n${FAIL}`),
    ).toMatchObject({
      failure: { code: 'unknown-user' },
    });
    expect(
      fail(
        `${PEN}Get Auth Capabilities error\nError issuing Get Channel Authentication Capabilities request\n${FAIL}`,
      ),
    ).toEqual({ ok: false, failure: { code: 'no-answer', at: '127.0.0.23:623', seconds: 4 } });
  });

  it('says ipmitool is missing, locally or on the peer, and a deadline as no answer', () => {
    expect(
      readIpmitool({ code: null, stdout: '', stderr: '', missing: true }, settings, 'status'),
    ).toEqual({
      ok: false,
      failure: { code: 'ipmitool-missing' },
    });
    const peer = 'hv1' as Parameters<typeof readIpmitool>[3];
    expect(
      readIpmitool(
        { code: 127, stdout: '', stderr: 'sh: 1: exec: ipmitool: not found\n' },
        settings,
        'off',
        peer,
      ),
    ).toEqual({ ok: false, failure: { code: 'ipmitool-missing', peer: 'hv1' } });
    expect(
      readIpmitool({ code: null, stdout: '', stderr: '', timedOut: true }, settings, 'status'),
    ).toEqual({
      ok: false,
      failure: { code: 'no-answer', at: '127.0.0.23:623', seconds: 5 },
    });
  });

  it('quotes an answer it cannot read, skipping ipmitool noise', () => {
    expect(
      readIpmitool(
        { code: 1, stdout: '', stderr: `${PEN}Invalid data field in request\n` },
        settings,
        'off',
      ),
    ).toEqual({
      ok: false,
      failure: {
        code: 'unexpected-answer',
        at: '127.0.0.23:623',
        said: 'Invalid data field in request',
      },
    });
  });
});
