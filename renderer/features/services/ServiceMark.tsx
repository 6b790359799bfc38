import type { ServiceId } from '../../../shared/domain/ids';
import { useServices } from '../../api/queries';
import { useUiStore } from '../../app/ui-store';
import { serviceColour } from './service-colour';
import './services.css';

/** Whether the topology should highlight this service's VMs now (hovered, else selected). */
export function useServiceHighlight(serviceId: ServiceId | undefined): boolean {
  return useUiStore(
    (s) => serviceId !== undefined && (s.hoveredServiceId ?? s.selectedServiceId) === serviceId,
  );
}

/**
 * The small coloured mark a VM card carries for its service, with the service's name. A VM of a
 * known service that is not running holds its service back (degraded or down): the mark turns
 * into a warning, so the VM to look at stands out on the topology, not only in the panel.
 */
export function ServiceMark(props: { serviceId: ServiceId; running: boolean }) {
  const { data } = useServices();
  const bundle = data?.services.find((b) => b.service.id === props.serviceId);
  // A VM tagged by a service this console does not know (another console's) gets a quiet grey mark.
  const label = bundle?.service.name ?? 'other service';
  const holdsBack = bundle !== undefined && !props.running;
  return (
    <span
      className={`service-mark${bundle ? '' : ' is-unknown'}${holdsBack ? ' is-holding-back' : ''}`}
      data-testid="service-mark"
      data-service-id={props.serviceId}
      data-holds-back={holdsBack ? 'true' : undefined}
      style={{ ['--service-colour' as string]: serviceColour(props.serviceId) }}
      title={
        !bundle
          ? 'Tagged by a service this console does not know'
          : holdsBack
            ? `Not running: service ${label} is short of this VM`
            : `Service ${label}`
      }
    >
      {holdsBack && <span aria-hidden="true">⚠ </span>}
      {label}
    </span>
  );
}
