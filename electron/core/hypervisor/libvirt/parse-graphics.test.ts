import { describe, expect, it } from 'vitest';
import { displayListener } from './parse-graphics';

const domain = (devices: string) =>
  `<domain type='qemu'><name>web 1</name><devices>${devices}</devices></domain>`;
const why = (devices: string) => {
  const listener = displayListener(domain(devices));
  return listener.kind === 'none' ? listener.why : `a ${listener.kind} listener`;
};

describe('displayListener', () => {
  it('reads the port libvirt chose and the listen address', () => {
    const xml = domain(
      "<graphics type='vnc' port='5903' autoport='yes' listen='127.0.0.1'><listen type='address' address='127.0.0.1'/></graphics>",
    );
    expect(displayListener(xml)).toEqual({
      kind: 'tcp',
      protocol: 'vnc',
      address: '127.0.0.1',
      port: 5903,
    });
  });

  it('reaches a wildcard listener on the host loopback', () => {
    expect(displayListener(domain("<graphics type='vnc' port='5900' listen='0.0.0.0'/>"))).toEqual(
      { kind: 'tcp', protocol: 'vnc', address: '127.0.0.1', port: 5900 },
    );
    expect(
      displayListener(
        domain("<graphics type='vnc' port='5901'><listen type='address' address='::'/></graphics>"),
      ),
    ).toEqual({ kind: 'tcp', protocol: 'vnc', address: '::1', port: 5901 });
  });

  it('takes SPICE when the VM has no VNC display, and VNC when it has both', () => {
    const spice =
      "<graphics type='spice' port='5930' tlsPort='-1' autoport='yes' listen='0.0.0.0'><listen type='address' address='0.0.0.0'/><image compression='off'/></graphics>";
    expect(displayListener(domain(spice))).toEqual({
      kind: 'tcp',
      protocol: 'spice',
      address: '127.0.0.1',
      port: 5930,
    });
    expect(displayListener(domain(`${spice}<graphics type='vnc' port='5931'/>`))).toMatchObject({
      protocol: 'vnc',
      port: 5931,
    });
  });

  it('says why there is nothing to show', () => {
    expect(why("<graphics type='vnc' port='-1' autoport='yes'/>")).toBe(
      'its VNC display is not listening (is the VM running?)',
    );
    expect(why("<graphics type='spice' autoport='yes'/>")).toBe(
      'its SPICE display is not listening (is the VM running?)',
    );
    expect(why("<graphics type='spice'><listen type='none'/></graphics>")).toBe(
      "its SPICE display has no listener (<listen type='none'>)",
    );
    expect(why("<serial type='pty'/>")).toBe(
      "it has no graphical display (its definition has no <graphics type='vnc'> or <graphics type='spice'>)",
    );
    expect(why("<graphics type='sdl'/>")).toMatch(/^it has no graphical display/);
  });

  it('refuses a SPICE display that takes TLS only, for all its channels or some', () => {
    expect(why("<graphics type='spice' port='-1' tlsPort='5901' autoport='yes'/>")).toBe(
      'its SPICE display listens with TLS only (tlsPort 5901): this console speaks SPICE without TLS only (give it a plain port on 127.0.0.1)',
    );
    expect(why("<graphics type='spice' port='5900' tlsPort='5901' defaultMode='secure'/>")).toMatch(
      /^its SPICE display takes TLS only \(defaultMode='secure'\)/,
    );
    expect(
      why(
        "<graphics type='spice' port='5900' tlsPort='5901'><channel name='main' mode='secure'/><channel name='inputs' mode='secure'/><channel name='cursor' mode='insecure'/></graphics>",
      ),
    ).toMatch(/^its SPICE channels main, inputs take TLS only \(mode='secure'\)/);
  });

  it('refuses a display known to ask for a password (the XML read with its secrets)', () => {
    expect(why("<graphics type='spice' port='5900' passwd='s3cret'/>")).toBe(
      'its SPICE display asks for a password, which this console cannot send yet (remove passwd from its <graphics>, or use virt-viewer)',
    );
    expect(why("<graphics type='vnc' port='5900' passwd=''/>")).toMatch(
      /^its VNC display asks for a password/,
    );
  });

  it('takes a UNIX socket listener as such', () => {
    const xml = domain(
      "<graphics type='vnc'><listen type='socket' socket='/run/libvirt/qemu/vnc 1.sock'/></graphics>",
    );
    expect(displayListener(xml)).toEqual({
      kind: 'socket',
      protocol: 'vnc',
      path: '/run/libvirt/qemu/vnc 1.sock',
    });
    expect(
      displayListener(domain("<graphics type='spice'><listen type='socket' socket='/s'/></graphics>")),
    ).toEqual({ kind: 'socket', protocol: 'spice', path: '/s' });
  });

  it('refuses what is not a domain', () => {
    expect(() => displayListener('<network/>')).toThrow(/no <domain> element/);
  });
});
