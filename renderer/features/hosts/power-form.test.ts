import { describe, expect, it } from 'vitest';
import { HostConfig } from '../../../shared/domain';
import { EMPTY_POWER, powerValuesFrom, validatePower } from './power-form';

describe('power management fields', () => {
  it('send nothing while power management is off', () => {
    expect(validatePower({ ...EMPTY_POWER, powerAddress: 'junk here' })).toEqual({
      request: {},
      errors: {},
    });
  });

  it('build IPMI settings, the peer route, and a password only when one was typed', () => {
    const values = {
      ...EMPTY_POWER,
      power: 'ipmi',
      powerAddress: '127.0.0.23',
      powerUser: 'admin',
      powerRoute: 'hv1-abc',
    };
    expect(validatePower(values).request).toEqual({
      power: {
        kind: 'ipmi',
        address: '127.0.0.23',
        port: 623,
        user: 'admin',
        route: { kind: 'peer', hostId: 'hv1-abc' },
      },
    });
    expect(validatePower({ ...values, powerRoute: '', powerPassword: 'pw' }).request).toMatchObject(
      {
        power: { route: { kind: 'console' } },
        powerPassword: 'pw',
      },
    );
  });

  it('say what is wrong next to each field', () => {
    const { errors } = validatePower({
      ...EMPTY_POWER,
      power: 'ipmi',
      powerPort: '70000',
      powerPassword: 'x'.repeat(21),
    });
    expect(errors).toEqual({
      powerAddress: 'BMC address is required',
      powerPort: 'Port must be a whole number from 1 to 65535',
      powerUser: 'BMC user is required',
      powerPassword: 'At most 20 characters (IPMI 2.0)',
    });
  });

  it('show a stored host: its password only as "set"', () => {
    const config = HostConfig.parse({
      id: 'hv3',
      name: 'hv3',
      address: '127.0.0.13',
      port: 22,
      user: 'hv3',
      uri: 'qemu:///session',
      labels: {},
      driver: 'libvirt',
      power: {
        kind: 'ipmi',
        address: '127.0.0.23',
        port: 623,
        user: 'admin',
        route: { kind: 'console' },
        passwordSet: true,
      },
    });
    expect(powerValuesFrom(config)).toEqual({
      power: 'ipmi',
      powerAddress: '127.0.0.23',
      powerPort: '623',
      powerUser: 'admin',
      powerPassword: '',
      powerPasswordSet: 'set',
      powerRoute: '',
    });
  });
});
