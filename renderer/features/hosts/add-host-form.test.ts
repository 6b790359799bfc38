// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { AddHostRequest } from '../../../shared/contract/requests';
import { HostConfig } from '../../../shared/domain/host';
import { EMPTY_VALUES, parseLabels, validateAddHost, valuesFrom } from './add-host-form';

const valid = { ...EMPTY_VALUES, address: '127.0.0.11', user: 'lab' };

describe('parseLabels', () => {
  it('reads key=value pairs separated by commas, trimming spaces', () => {
    expect(parseLabels(' zone=a ,rack=r1,  disk=ssd ')).toEqual({
      labels: { zone: 'a', rack: 'r1', disk: 'ssd' },
    });
    expect(parseLabels('')).toEqual({ labels: {} });
    expect(parseLabels('note=')).toEqual({ labels: { note: '' } });
  });

  it('names what is wrong', () => {
    expect(parseLabels('zone=a, rack')).toEqual({ error: '"rack" needs the form key=value' });
    expect(parseLabels('=a')).toEqual({ error: '"=a" has no key before "="' });
    expect(parseLabels('zone=a,zone=b')).toEqual({ error: 'Label "zone" is given twice' });
    expect(parseLabels('bad key=1')).toMatchObject({
      error: expect.stringContaining('may use only') as unknown,
    });
    expect(parseLabels(`${'k'.repeat(65)}=1`)).toMatchObject({
      error: expect.stringContaining('longer than 64') as unknown,
    });
  });
});

describe('validateAddHost', () => {
  it('gives one message per wrong field', () => {
    const result = validateAddHost({
      ...EMPTY_VALUES,
      port: '70000',
      uri: 'system',
      labels: 'rack',
    });
    expect(result.errors).toEqual({
      address: 'Address is required',
      user: 'User is required',
      port: 'Port must be a whole number from 1 to 65535',
      uri: 'Use a libvirt URI such as qemu:///system',
      labels: '"rack" needs the form key=value',
    });
  });

  it('refuses libvirt URI parameters that could run a program, saying why', () => {
    const uri = validateAddHost({ ...valid, uri: 'qemu:///system?netcat=/tmp/nc' }).errors?.uri;
    expect(uri).toMatch(/may not carry netcat=: only mode= and socket= are accepted/);
    expect(validateAddHost({ ...valid, uri: 'qemu:///system?socket=/run/s' }).errors).toBeNull();
  });

  it('refuses addresses with spaces and odd ports', () => {
    expect(validateAddHost({ ...valid, address: 'a b' }).errors?.address).toBe(
      'Use a host name or an IP address, without spaces',
    );
    expect(validateAddHost({ ...valid, port: '22.5' }).errors?.port).toMatch(/whole number/);
    expect(validateAddHost({ ...valid, port: '' }).errors?.port).toBe('Port is required');
  });

  it('builds a request the contract accepts, leaving empty optionals out (key path empty = ssh-agent)', () => {
    const result = validateAddHost({
      ...valid,
      labels: 'zone=a',
      uri: 'qemu:///session',
      port: ' 2222 ',
    });
    expect(result.request).toEqual({
      address: '127.0.0.11',
      port: 2222,
      user: 'lab',
      uri: 'qemu:///session',
      labels: { zone: 'a' },
    });
    expect(AddHostRequest.safeParse(result.request).success).toBe(true);
  });

  it('passes name, key path and passphrase when given', () => {
    const result = validateAddHost({
      ...valid,
      name: ' hv1 ',
      keyPath: '~/.ssh/id_ed25519',
      passphrase: ' s3cret ',
    });
    expect(result.request).toMatchObject({
      name: 'hv1',
      keyPath: '~/.ssh/id_ed25519',
      passphrase: ' s3cret ',
    });
  });

  it('takes a migration bandwidth limit in whole MiB/s, or none when empty', () => {
    expect(validateAddHost({ ...valid, migrationBandwidth: ' 40 ' }).request).toMatchObject({
      migrationBandwidthMiBs: 40,
    });
    expect(validateAddHost({ ...valid, migrationBandwidth: '' }).request).not.toHaveProperty(
      'migrationBandwidthMiBs',
    );
    for (const bad of ['0', '2.5', 'fast', '-3', '200000']) {
      expect(validateAddHost({ ...valid, migrationBandwidth: bad }).errors).toEqual({
        migrationBandwidth: 'A whole number of MiB/s from 1 to 102400, or empty for no limit',
      });
    }
  });

  it("takes the host's own overcommit ratios, or the fleet's when empty", () => {
    expect(
      validateAddHost({ ...valid, cpuOvercommit: '8', memoryOvercommit: '1.5' }).request,
    ).toMatchObject({ cpuOvercommit: 8, memoryOvercommit: 1.5 });
    const fleet = validateAddHost(valid).request;
    expect(fleet).not.toHaveProperty('cpuOvercommit');
    expect(fleet).not.toHaveProperty('memoryOvercommit');
    expect(
      validateAddHost({ ...valid, cpuOvercommit: '32', memoryOvercommit: '3' }).errors,
    ).toEqual({
      cpuOvercommit: "Must be a number from 1 to 16, or empty for the fleet's",
      memoryOvercommit: "Must be a number from 1 to 2, or empty for the fleet's",
    });
    const stored = HostConfig.parse({
      id: 'hv1',
      name: 'hv1',
      address: '127.0.0.11',
      port: 22,
      user: 'lab',
      uri: 'qemu:///system',
      labels: {},
      driver: 'libvirt',
      cpuOvercommit: 6,
    });
    expect(valuesFrom(stored)).toMatchObject({ cpuOvercommit: '6', memoryOvercommit: '' });
  });

  it('accepts IPv6 addresses', () => {
    expect(validateAddHost({ ...valid, address: '::1' }).errors).toBeNull();
  });
});
