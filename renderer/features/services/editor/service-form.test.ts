import { describe, expect, it } from 'vitest';
import type { ServiceBundle } from '../../../../shared/domain/application';
import {
  checkService,
  emptyApp,
  emptyService,
  valuesFrom,
  type ServiceValues,
} from './service-form';

// The lab's test guest, asked for explicitly: the form's default is the admin's own domain XML.
const labGuest = { templateKind: 'test-guest' as const, memoryMiB: '64' };

function shopForm(): ServiceValues {
  const db = { ...emptyApp('db'), ...labGuest };
  const web = {
    ...emptyApp('web'),
    ...labGuest,
    replicas: '2',
    spreadAcross: 'host' as const,
    dependsOn: [db.id],
  };
  return { ...emptyService(), name: 'shop', apps: [web, db] };
}

describe('service editor form', () => {
  it('starts a new application where a real admin would: 1 vCPU, 1 GiB, their domain XML', () => {
    const app = emptyApp();
    expect(app).toMatchObject({ vcpus: '1', memoryMiB: '1024', templateKind: 'xml', xml: '' });
    // Saved as it starts (named), it asks for the XML rather than running the lab's guest.
    const checked = checkService({
      ...emptyService(),
      name: 'shop',
      apps: [{ ...app, name: 'web' }],
    });
    expect(checked.errors?.apps[app.id]?.xml).toBe(
      'Paste the libvirt domain XML, or choose the lab test guest',
    );
  });

  it('builds the bundle the core stores, and reads it back unchanged', () => {
    const checked = checkService(shopForm());
    expect(checked.errors).toBeNull();
    const bundle = checked.bundle as ServiceBundle;
    const [web, db] = bundle.applications;
    expect(web).toMatchObject({
      name: 'web',
      replicas: 2,
      memoryMiB: 64,
      spread: { across: 'host', strength: 'hard' },
    });
    expect(bundle.service.dependsOn).toEqual({ [web!.id]: [db!.id] });
    expect(checkService(valuesFrom(bundle)).bundle).toEqual(bundle);
  });

  it('puts each problem next to its field: text that is no number, a bad label, the shared rules', () => {
    const form = shopForm();
    const [web, db] = form.apps;
    web!.memoryMiB = 'lots';
    web!.labels = 'zone';
    db!.memoryMiB = '8';
    db!.name = 'web';
    const checked = checkService({ ...form, name: '' });
    expect(checked.bundle).toBeNull();
    expect(checked.errors?.name).toBe('The service needs a name');
    expect(checked.errors?.apps[web!.id]).toMatchObject({
      memoryMiB: 'Memory must be a number',
      labels: '"zone" needs the form key=value',
    });
    expect(checked.errors?.apps[db!.id]?.memoryMiB).toBe('Memory must be at least 16');
    expect(checked.errors?.apps[db!.id]?.name).toMatch(/Two applications are named web/);
  });

  it('says a dependency cycle for the whole form, and a name another service has', () => {
    const form = shopForm();
    const [web, db] = form.apps;
    db!.dependsOn = [web!.id];
    const other = checkService({ ...shopForm(), name: 'Shop' }).bundle as ServiceBundle;
    const checked = checkService(form, [other]);
    expect(checked.errors?.general.join('\n')).toMatch(
      /Dependency cycle: (web → db → web|db → web → db)/,
    );
    expect(checked.errors?.name).toBe('A service named shop already exists');
  });

  it('asks for XML when the template is XML, and for a health count that is a number', () => {
    const form = shopForm();
    form.apps[0]!.templateKind = 'xml';
    const checked = checkService({ ...form, healthKind: 'at-least', healthCount: '1.5' });
    expect(checked.errors?.apps[form.apps[0]!.id]?.xml).toMatch(/Paste the libvirt domain XML/);
    expect(checked.errors?.healthCount).toBe('Count must be a whole number');
  });
});
