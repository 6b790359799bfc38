import { describe, expect, it } from 'vitest';
import { vncListener } from './parse-graphics';

const domain = (devices: string) =>
  `<domain type='qemu'><name>web 1</name><devices>${devices}</devices></domain>`;

describe('vncListener', () => {
  it('reads the port libvirt chose and the listen address', () => {
    const xml = domain(
      "<graphics type='vnc' port='5903' autoport='yes' listen='127.0.0.1'><listen type='address' address='127.0.0.1'/></graphics>",
    );
    expect(vncListener(xml)).toEqual({ kind: 'tcp', address: '127.0.0.1', port: 5903 });
  });

  it('reaches a wildcard listener on the host loopback', () => {
    expect(vncListener(domain("<graphics type='vnc' port='5900' listen='0.0.0.0'/>"))).toEqual({
      kind: 'tcp',
      address: '127.0.0.1',
      port: 5900,
    });
    expect(
      vncListener(
        domain("<graphics type='vnc' port='5901'><listen type='address' address='::'/></graphics>"),
      ),
    ).toEqual({ kind: 'tcp', address: '::1', port: 5901 });
  });

  it('says why there is nothing to show', () => {
    const why = (devices: string) => {
      const listener = vncListener(domain(devices));
      return listener.kind === 'none' ? listener.why : `a ${listener.kind} listener`;
    };
    expect(why("<graphics type='vnc' port='-1' autoport='yes'/>")).toBe(
      'its VNC display is not listening (is the VM running?)',
    );
    expect(why("<graphics type='spice' port='5930'/>")).toMatch(/^its display is SPICE only/);
    expect(why("<serial type='pty'/>")).toBe(
      "it has no graphical display (its definition has no <graphics type='vnc'>)",
    );
  });

  it('takes a UNIX socket listener as such', () => {
    const xml = domain(
      "<graphics type='vnc'><listen type='socket' socket='/run/libvirt/qemu/vnc 1.sock'/></graphics>",
    );
    expect(vncListener(xml)).toEqual({ kind: 'socket', path: '/run/libvirt/qemu/vnc 1.sock' });
  });

  it('refuses what is not a domain', () => {
    expect(() => vncListener('<network/>')).toThrow(/no <domain> element/);
  });
});
