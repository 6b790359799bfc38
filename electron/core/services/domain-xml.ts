import type { Application } from '../../../shared/domain/application';
import type { ServiceId, VmId } from '../../../shared/domain/ids';
import { AppError } from '../../../shared/errors';
import { PLACEHOLDER_PATTERN } from '../../../shared/services/validate-service';
import { FEDERATOR_VM_NS, parseDomainXml } from '../hypervisor/libvirt/parse-domain-xml';
import { xmlEscape } from '../hypervisor/libvirt/xml';

/** What one new VM of an application is: its own name and UUID, and whose it is. */
export interface NewVm {
  name: string;
  uuid: VmId;
  service: ServiceId;
}

/** The tag that says which application and service a domain is a replica of (read back on listing). */
export function federatorTag(app: Pick<Application, 'id'>, service: ServiceId): string {
  return `<federator:vm xmlns:federator="${FEDERATOR_VM_NS}" application="${xmlEscape(app.id)}" service="${xmlEscape(service)}"/>`;
}

/**
 * The domain XML a deploy defines for one VM: the application's template with the VM's name, UUID
 * and size filled in (XML-escaped: names are data), tagged in <metadata>, and read back to check it
 * is a domain with that very name, UUID and tag. The UUID is in the XML, so defining it again (a
 * resumed plan) updates the same domain instead of making a second one.
 */
export function domainXml(app: Application, vm: NewVm): string {
  const xml =
    app.template.kind === 'test-guest'
      ? testGuestXml(app, vm)
      : withMetadata(fillTemplate(app.template.xml, app, vm), federatorTag(app, vm.service));
  let facts;
  try {
    facts = parseDomainXml(xml, `the template of ${app.name}`);
  } catch (error) {
    throw AppError.from(error).during(`Couldn't make the domain XML of ${vm.name}`);
  }
  const wrong =
    facts.name !== vm.name
      ? `its <name> is ${facts.name}, not ${vm.name}`
      : facts.uuid.toLowerCase() !== vm.uuid.toLowerCase()
        ? `its <uuid> is ${facts.uuid}, not the one chosen for it`
        : facts.application !== app.id || facts.service !== vm.service
          ? 'its <metadata> does not carry the Federator tag'
          : undefined;
  if (wrong !== undefined) {
    throw new AppError('invalid-request', `Couldn't make the domain XML of ${vm.name}: ${wrong}`, {
      detail: xml,
    });
  }
  return xml;
}

/** The lab's disk-less guest (TESTLAB.md): QEMU without KVM, no boot disk, serial on a pty, no log file. */
function testGuestXml(app: Application, vm: NewVm): string {
  return `<domain type='qemu'>
  <name>${xmlEscape(vm.name)}</name>
  <uuid>${xmlEscape(vm.uuid)}</uuid>
  <metadata>${federatorTag(app, vm.service)}</metadata>
  <memory unit='MiB'>${app.memoryMiB}</memory>
  <vcpu>${app.vcpus}</vcpu>
  <os><type arch='x86_64' machine='pc'>hvm</type><boot dev='hd'/></os>
  <features><acpi/></features>
  <devices>
    <emulator>/usr/bin/qemu-system-x86_64</emulator>
    <serial type='pty'/><console type='pty'/><memballoon model='none'/>
  </devices>
</domain>
`;
}

function fillTemplate(template: string, app: Application, vm: NewVm): string {
  const values: Record<string, string> = {
    name: vm.name,
    uuid: vm.uuid,
    memoryMiB: String(app.memoryMiB),
    vcpus: String(app.vcpus),
  };
  return template.replace(PLACEHOLDER_PATTERN, (whole, key: string) => {
    const value = values[key];
    if (value === undefined) {
      throw new AppError(
        'invalid-request',
        `Couldn't make the domain XML of ${vm.name}: the template of ${app.name} uses ${whole}`,
      );
    }
    return xmlEscape(value);
  });
}

/** Put the tag into the template's own <metadata> (kept), or add a <metadata> before </domain>. */
function withMetadata(xml: string, tag: string): string {
  const empty = /<metadata\s*\/>/;
  if (empty.test(xml)) return xml.replace(empty, () => `<metadata>${tag}</metadata>`);
  const open = /<metadata(\s[^>]*)?>/;
  if (open.test(xml)) return xml.replace(open, (whole) => `${whole}${tag}`);
  const close = xml.lastIndexOf('</domain>');
  if (close < 0) {
    throw new AppError('invalid-request', 'the XML template has no </domain>: it is not a domain');
  }
  return `${xml.slice(0, close)}<metadata>${tag}</metadata>\n${xml.slice(close)}`;
}
