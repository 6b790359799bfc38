import { describe, expect, it } from 'vitest';
import type { ServiceBundle } from '../../../../shared/domain/application';
import {
  checkService,
  emptyApp,
  emptyService,
  valuesFrom,
  type ServiceValues,
} from './service-form';

function shopForm(): ServiceValues {
  const db = { ...emptyApp('db') };
  const web = {
    ...emptyApp('web'),
    replicas: '2',
    spreadAcross: 'host' as const,
    dependsOn: [db.id],
  };
  return { ...emptyService(), name: 'shop', apps: [web, db] };
}

describe('service editor form', () => {
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
