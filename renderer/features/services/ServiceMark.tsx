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

/** The small coloured mark a VM card carries for its service, with the service's name. */
export function ServiceMark(props: { serviceId: ServiceId }) {
  const { data: name } = useServices();
  const bundle = name?.services.find((b) => b.service.id === props.serviceId);
  // A VM tagged by a service this console does not know (another console's) gets a quiet grey mark.
  const label = bundle?.service.name ?? 'other service';
  return (
    <span
      className={`service-mark${bundle ? '' : ' is-unknown'}`}
      data-testid="service-mark"
      data-service-id={props.serviceId}
      style={{ ['--service-colour' as string]: serviceColour(props.serviceId) }}
      title={bundle ? `Service ${label}` : 'Tagged by a service this console does not know'}
    >
      {label}
    </span>
  );
}
