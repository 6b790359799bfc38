import type { AlertRule } from '../../../shared/domain/alert';

/**
 * The rules a new console starts with, all on but VM CPU (a guest busy on its own vCPUs is often
 * its job). Thresholds as the anchors ship them: sustained, with a clear threshold below, so that a
 * spike neither fires nor an alert flaps. The admin may edit, turn off or delete any of them.
 */
export const DEFAULT_ALERT_RULES: readonly AlertRule[] = [
  metric('default-host-cpu', 'Host CPU high', 'warning', 'host-cpu', 90, 80, 300),
  metric('default-host-memory', 'Host memory nearly full', 'critical', 'host-memory', 95, 90, 120),
  metric(
    'default-host-disk',
    'Host root disk nearly full',
    'warning',
    'host-disk-used',
    90,
    85,
    60,
  ),
  metric('default-vm-memory', 'VM memory nearly full', 'warning', 'vm-memory', 95, 90, 300),
  {
    ...metric('default-vm-cpu', 'VM CPU pegged', 'warning', 'vm-cpu', 95, 85, 600),
    enabled: false,
  },
  state('default-host-unreachable', 'Host unreachable', 'critical', 'host-unreachable', 60),
  state('default-hypervisor', 'Hypervisor problem', 'critical', 'hypervisor-problem', 60),
  state('default-service-degraded', 'Service degraded', 'warning', 'service-degraded', 60),
  state('default-service-down', 'Service down', 'critical', 'service-down', 30),
  state('default-n-minus-1', 'Application on one host (N-1)', 'warning', 'n-minus-1', 120),
  state('default-path-broken', 'Migration path broken', 'warning', 'migration-path-broken', 0),
];

function metric(
  id: string,
  name: string,
  severity: AlertRule['severity'],
  which: Extract<AlertRule['condition'], { kind: 'metric' }>['metric'],
  threshold: number,
  clear: number,
  forSeconds: number,
): AlertRule {
  const condition = { kind: 'metric', metric: which, op: 'above', threshold, clear, forSeconds };
  return rule(id, name, severity, condition as AlertRule['condition']);
}

function state(
  id: string,
  name: string,
  severity: AlertRule['severity'],
  which: Extract<AlertRule['condition'], { kind: 'state' }>['state'],
  forSeconds: number,
): AlertRule {
  return rule(id, name, severity, { kind: 'state', state: which, forSeconds });
}

function rule(
  id: string,
  name: string,
  severity: AlertRule['severity'],
  condition: AlertRule['condition'],
): AlertRule {
  return { id, name, enabled: true, severity, condition, scope: { kind: 'all' }, builtIn: true };
}
