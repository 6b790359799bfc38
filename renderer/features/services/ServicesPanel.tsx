import { useState } from 'react';
import type { ServiceBundle } from '../../../shared/domain/application';
import { serviceHealth } from '../../../shared/services/health';
import { useFleet, useServices } from '../../api/queries';
import { Button } from '../../ui/Button';
import { ServiceEditor } from './editor/ServiceEditor';
import { emptyService, valuesFrom, type ServiceValues } from './editor/service-form';
import { ImportYamlButton } from './ImportYamlButton';
import { ServiceRow } from './ServiceRow';
import './services.css';

type Editing = { values: ServiceValues; editing: boolean; key: number };

/**
 * Every service with its health, computed here from the fleet in the cache: it changes the moment a
 * host reports a VM's state, without asking the core.
 */
export function ServicesPanel() {
  const services = useServices();
  const { data: fleet } = useFleet();
  const [editor, setEditor] = useState<Editing | null>(null);
  const open = (values: ServiceValues, editing: boolean) =>
    setEditor({ values, editing, key: Date.now() });
  const list = services.data?.services ?? [];
  return (
    <section className="services-panel" aria-label="Services" data-testid="services-panel">
      <header className="panel-header">
        <h2 className="panel-title">Services</h2>
        <span className="top-bar-spacer" />
        <ImportYamlButton onImported={(bundle: ServiceBundle) => open(valuesFrom(bundle), false)} />
        <Button
          size="small"
          variant="primary"
          onClick={() => open(emptyService(), false)}
          data-testid="new-service"
        >
          New service
        </Button>
      </header>
      {services.isPending && <p className="muted">Loading…</p>}
      {services.error && (
        <p className="muted">Couldn&rsquo;t load services: {services.error.message}</p>
      )}
      {services.data && list.length === 0 && (
        <p className="muted small">
          No service yet. A service is a set of applications placed and started together: make one
          with New service, or import a YAML file.
        </p>
      )}
      <ul className="service-list">
        {list.map((bundle) => (
          <ServiceRow
            key={bundle.service.id}
            bundle={bundle}
            health={serviceHealth(bundle, fleet?.vms ?? [], fleet?.hosts ?? [])}
            onEdit={() => open(valuesFrom(bundle), true)}
          />
        ))}
      </ul>
      {editor && (
        <ServiceEditor
          key={editor.key}
          initial={editor.values}
          editing={editor.editing}
          onClose={() => setEditor(null)}
        />
      )}
    </section>
  );
}
