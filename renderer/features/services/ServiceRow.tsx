import type { ServiceBundle } from '../../../shared/domain/application';
import type { ServiceHealth } from '../../../shared/services/health';
import { useUiStore } from '../../app/ui-store';
import { Badge } from '../../ui/Badge';
import { Button } from '../../ui/Button';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { ServiceCharts } from '../health/charts/ServiceCharts';
import { CannotPlanDialog } from '../plans/CannotPlanDialog';
import { DeleteServiceConfirm } from './DeleteServiceConfirm';
import { downloadServiceYaml } from './export-yaml';
import { HEALTH_VIEW } from './health-view';
import { serviceColour } from './service-colour';
import { useServiceActions } from './use-service-actions';

/** One service: its health and why, its applications (running / needed), and its actions. */
export function ServiceRow(props: {
  bundle: ServiceBundle;
  health: ServiceHealth;
  onEdit: () => void;
}) {
  const { bundle, health } = props;
  const { service } = bundle;
  const hover = useUiStore((s) => s.hoverService);
  const select = useUiStore((s) => s.selectService);
  const selected = useUiStore((s) => s.selectedServiceId === service.id);
  const actions = useServiceActions(bundle);
  const view = HEALTH_VIEW[health.state];
  const deployed = health.state !== 'not-deployed';
  return (
    <li
      className={`service-row${selected ? ' is-selected' : ''}`}
      data-testid="service-row"
      data-service-id={service.id}
      data-service-name={service.name}
      data-health={health.state}
      onMouseEnter={() => hover(service.id)}
      onMouseLeave={() => hover(null)}
      style={{ ['--service-colour' as string]: serviceColour(service.id) }}
    >
      <div className="service-head">
        <button
          type="button"
          className="service-name"
          aria-pressed={selected}
          title="Highlight its VMs on the topology"
          onClick={() => select(selected ? null : service.id)}
          onFocus={() => hover(service.id)}
          onBlur={() => hover(null)}
        >
          <span className="service-swatch" aria-hidden="true" />
          {service.name}
        </button>
        <Badge tone={view.tone}>
          <span data-testid="service-health">{view.label}</span>
        </Badge>
      </div>
      {health.reasons.length > 0 && health.state !== 'not-deployed' && (
        <ul className="health-reasons small" data-testid="health-reasons">
          {health.reasons.map((r) => (
            <li key={r}>{r}</li>
          ))}
        </ul>
      )}
      <ul className="service-apps small">
        {health.applications.map((app) => (
          <li key={app.applicationId} data-testid="service-app" data-app-name={app.name}>
            <span className="service-app-name">{app.name}</span>
            <span className={app.running >= app.needed ? 'state-text-ok' : 'state-text-warning'}>
              {app.running} of {app.replicas} running
              {app.needed !== app.replicas ? ` (needs ${app.needed})` : ''}
            </span>
          </li>
        ))}
      </ul>
      {selected && deployed && <ServiceCharts serviceId={service.id} />}
      <div className="button-row">
        {!deployed && (
          <Button
            size="small"
            variant="primary"
            onClick={() => actions.deploy.mutate()}
            busy={actions.deploy.isPending}
            disabled={actions.busy}
            data-testid="deploy-button"
          >
            Deploy…
          </Button>
        )}
        {deployed && (
          <>
            <Button
              size="small"
              onClick={() => actions.start.mutate()}
              busy={actions.start.isPending}
              disabled={actions.busy || health.state === 'healthy'}
              data-testid="start-service"
            >
              Start
            </Button>
            <Button
              size="small"
              onClick={() => actions.stop.mutate()}
              busy={actions.stop.isPending}
              disabled={actions.busy}
              data-testid="stop-service"
            >
              Stop
            </Button>
          </>
        )}
        <Button
          size="small"
          onClick={props.onEdit}
          disabled={actions.busy}
          data-testid="edit-service"
        >
          Edit…
        </Button>
        <Button
          size="small"
          variant="ghost"
          onClick={() => downloadServiceYaml(bundle)}
          data-testid="export-yaml"
        >
          Export YAML
        </Button>
        <Button
          size="small"
          variant="danger"
          onClick={() => actions.planDelete.mutate()}
          busy={actions.planDelete.isPending}
          disabled={actions.busy}
          data-testid="delete-service"
        >
          Delete…
        </Button>
      </div>
      {actions.failed && (
        <ErrorNotice
          title={actions.failed.title}
          error={actions.failed.error}
          testId="service-action-error"
        />
      )}
      {actions.refused && (
        <CannotPlanDialog
          title={`Cannot deploy ${service.name}`}
          message={actions.refused.message}
          unplaced={actions.refused.unplaced}
          onClose={actions.clearRefused}
        />
      )}
      {actions.deleting && (
        <DeleteServiceConfirm
          name={service.name}
          plan={actions.deleting}
          busy={actions.confirmDelete.isPending}
          onConfirm={() => actions.deleting && actions.confirmDelete.mutate(actions.deleting.id)}
          onCancel={actions.cancelDelete}
        />
      )}
    </li>
  );
}
