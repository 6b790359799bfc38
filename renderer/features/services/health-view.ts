import type { HealthState } from '../../../shared/services/health';
import type { Tone } from '../../ui/Badge';

/** A service's health as the badge shows it: a tone and a word, never the colour alone. */
export const HEALTH_VIEW: Record<HealthState, { tone: Tone; label: string }> = {
  healthy: { tone: 'ok', label: 'Healthy' },
  degraded: { tone: 'warning', label: 'Degraded' },
  down: { tone: 'danger', label: 'Down' },
  'not-deployed': { tone: 'neutral', label: 'Not deployed' },
};
