import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AddHostRequest, UpdateHostRequest } from '../contract/requests';
import { ALLOWED_URI_PARAMETERS, libvirtUriProblem } from './libvirt-uri';

const base = { address: '127.0.0.12', user: 'hv2' };

describe('libvirt URI parameters', () => {
  it.each([
    'qemu:///system',
    'qemu:///session',
    'lxc:///',
    'qemu:///system?socket=/run/libvirt/virtqemud-sock',
    'qemu:///system?mode=direct',
    'qemu:///system?Mode=legacy&socket=/tmp/s',
  ])('accepts %s', (uri) => {
    expect(libvirtUriProblem(uri)).toBeUndefined();
  });

  it.each([
    ['qemu:///system?command=/tmp/x', 'command='],
    ['qemu+ssh://x/system?netcat=/tmp/nc', 'netcat='],
    ['qemu:///system?keyfile=/home/hv2/.ssh/id', 'keyfile='],
    ['qemu:///system?no_verify=1&pkipath=/tmp', 'no_verify=, pkipath='],
    // libvirt compares names regardless of case, decodes them, and splits on ';' too
    ['qemu:///system?COMMAND=/tmp/x', 'command='],
    ['qemu:///system?comm%61nd=/tmp/x', 'command='],
    ['qemu:///system?socket=/s;command=/tmp/x', 'command='],
    ['qemu:///system?mode=direct&known_hosts=/tmp/k#frag', 'known_hosts='],
  ])('refuses %s, naming %s', (uri, named) => {
    expect(libvirtUriProblem(uri)).toContain(`may not carry ${named}:`);
  });

  it('refuses any parameter name outside the allowed ones, however it is spelt', () => {
    const name = fc
      .string({ minLength: 1, maxLength: 12 })
      .filter((n) => !/[&;=#]/.test(n))
      .filter((n) => {
        try {
          return !ALLOWED_URI_PARAMETERS.includes(decodeURIComponent(n).trim().toLowerCase());
        } catch {
          return true;
        }
      });
    fc.assert(
      fc.property(name, fc.string({ maxLength: 12 }), fc.boolean(), (n, value, first) => {
        const query = first ? `${n}=${value}&mode=direct` : `mode=direct;${n}=${value}`;
        expect(libvirtUriProblem(`qemu:///system?${query}`)).toBeDefined();
      }),
      { numRuns: 300 },
    );
  });

  it('is checked by the contract, on add and on update, with the reason', () => {
    const added = AddHostRequest.safeParse({ ...base, uri: 'qemu:///system?command=/tmp/x' });
    expect(added.success).toBe(false);
    expect(added.error?.issues[0]?.message).toMatch(/may not carry command=/);
    const updated = UpdateHostRequest.safeParse({
      ...base,
      hostId: 'hv2',
      uri: 'qemu:///system?keyfile=/k',
    });
    expect(updated.error?.issues[0]?.message).toMatch(/may not carry keyfile=/);
    expect(AddHostRequest.parse({ ...base }).uri).toBe('qemu:///system');
  });
});
