import { describe, expect, it } from 'vitest';
import type { VmId } from '../../../shared/domain/ids';
import { AppError } from '../../../shared/errors';
import { SHOP, WEB, app } from '../../../shared/testing/service-fixtures';
import { parseDomainXml } from '../hypervisor/libvirt/parse-domain-xml';
import { domainXml } from './domain-xml';

const uuid = '0b7c5a3e-4c61-4f0e-9d8a-6f3b1d2c9e10' as VmId;
const HOSTILE = `it's a "$(touch /tmp/pwned)" & <vm>`;

describe('domainXml', () => {
  it('test-guest: the lab guest with name, UUID, size and the Federator tag', () => {
    const xml = domainXml(app(WEB, 'web', { memoryMiB: 96, vcpus: 2 }), {
      name: 'shop-web-1',
      uuid,
      service: SHOP,
    });
    expect(xml).toContain("<domain type='qemu'>");
    expect(xml).toContain("machine='pc'");
    expect(xml).toContain("<memballoon model='none'/>");
    expect(xml).toContain("<serial type='pty'/>");
    expect(xml).not.toContain('<log');
    expect(xml).toContain(
      `<federator:vm xmlns:federator="https://federator.dev/xmlns/vm/1" application="${WEB}" service="${SHOP}"/>`,
    );
    expect(parseDomainXml(xml)).toEqual({
      uuid,
      name: 'shop-web-1',
      vcpus: 2,
      memoryKiB: 96 * 1024,
      application: WEB,
      service: SHOP,
    });
  });

  it('a hostile name is data: escaped in the XML, read back unchanged', () => {
    const xml = domainXml(app(WEB, 'web'), { name: HOSTILE, uuid, service: SHOP });
    expect(xml).not.toContain('$(touch /tmp/pwned)"');
    expect(xml).not.toContain('<vm>');
    expect(parseDomainXml(xml).name).toBe(HOSTILE);
  });

  it('xml template: placeholders filled (escaped), metadata merged into the template’s own', () => {
    const template = `<domain type='kvm'>
  <name>{{name}}</name><uuid>{{ uuid }}</uuid>
  <metadata><other:thing xmlns:other="urn:x"/></metadata>
  <memory unit='MiB'>{{memoryMiB}}</memory><vcpu>{{vcpus}}</vcpu>
  <description>{{name}}</description>
</domain>`;
    const xml = domainXml(
      app(WEB, 'web', { memoryMiB: 512, vcpus: 4, template: { kind: 'xml', xml: template } }),
      {
        name: HOSTILE,
        uuid,
        service: SHOP,
      },
    );
    expect(xml).toContain('<other:thing xmlns:other="urn:x"/>');
    expect(xml.match(/<metadata>/g)).toHaveLength(1);
    expect(parseDomainXml(xml)).toMatchObject({
      name: HOSTILE,
      uuid,
      vcpus: 4,
      memoryKiB: 512 * 1024,
      application: WEB,
      service: SHOP,
    });
  });

  it('xml template without <metadata> gets one; a template that is not a domain is refused', () => {
    const plain = `<domain type='kvm'><name>{{name}}</name><uuid>{{uuid}}</uuid><memory>65536</memory><vcpu>1</vcpu></domain>`;
    const xml = domainXml(app(WEB, 'web', { template: { kind: 'xml', xml: plain } }), {
      name: 'n',
      uuid,
      service: SHOP,
    });
    expect(parseDomainXml(xml)).toMatchObject({ application: WEB, service: SHOP });

    const broken = `<domain><name>{{name}}</name><uuid>{{uuid}}</uuid><memory>1</memory><vcpu>1</vcpu>`;
    expect(() =>
      domainXml(app(WEB, 'web', { template: { kind: 'xml', xml: broken } }), {
        name: 'n',
        uuid,
        service: SHOP,
      }),
    ).toThrow(AppError);
    const fixedName = `<domain><name>always-the-same</name><uuid>{{uuid}}</uuid><memory>1</memory><vcpu>1</vcpu></domain>`;
    expect(() =>
      domainXml(app(WEB, 'web', { template: { kind: 'xml', xml: fixedName } }), {
        name: 'shop-web-1',
        uuid,
        service: SHOP,
      }),
    ).toThrow(
      "Couldn't make the domain XML of shop-web-1: its <name> is always-the-same, not shop-web-1",
    );
  });
});
