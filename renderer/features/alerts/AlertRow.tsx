import { useState } from 'react';
import type { Alert, AlertObjectKind } from '../../../shared/domain/alert';
import { formatClock } from '../../../shared/words';
import { alertReasonWords, alertResolutionWords } from '../../../shared/words/alert-words';
import { elapsedWords } from '../../../shared/words/elapsed-words';
import type { Namer } from '../../../shared/words/namer';
import { Badge } from '../../ui/Badge';
import { Button } from '../../ui/Button';
import { AcknowledgeForm } from './AcknowledgeForm';
import { capital, SEVERITY_LABEL, SEVERITY_TONE } from './alerts-view';
import type { JumpTarget } from './jump-to';

const KIND_WORD: Record<AlertObjectKind, string> = {
  host: 'Host',
  vm: 'VM',
  service: 'Service',
  application: 'Application',
  path: 'Migration path',
};

/**
 * One alert: severity, the object (a link to it while it still exists), the rule and why, the
 * value against the threshold, since when; acknowledge with a note, and the note once given.
 */
export function AlertRow(props: {
  alert: Alert;
  names: Namer;
  now: number;
  target: JumpTarget | undefined;
  onJump: (target: JumpTarget) => void;
}) {
  const { alert, target } = props;
  const [acknowledging, setAcknowledging] = useState(false);
  const firing = alert.status === 'firing';
  const resolvedAt = alert.resolvedAt;
  return (
    <li
      className={`alert-row alert-${alert.status}${alert.acknowledged ? ' is-acknowledged' : ''}`}
      data-testid="alert-row"
      data-alert-id={alert.id}
      data-status={alert.status}
      data-severity={alert.severity}
    >
      <span className="alert-severity">
        {firing ? (
          <Badge tone={SEVERITY_TONE[alert.severity]}>{SEVERITY_LABEL[alert.severity]}</Badge>
        ) : (
          <Badge tone="ok">Resolved</Badge>
        )}
      </span>
      <span className="alert-object">
        <span className="alert-object-kind">{KIND_WORD[alert.object.kind]}</span>
        {target ? (
          <button
            type="button"
            className="link-button alert-object-name"
            data-testid="alert-object"
            title={`Show ${alert.object.name}`}
            onClick={() => props.onJump(target)}
          >
            {alert.object.name}
          </button>
        ) : (
          <span
            className="alert-object-name"
            data-testid="alert-object"
            title="No longer in the fleet"
          >
            {alert.object.name}
          </span>
        )}
      </span>
      <span className="alert-what">
        <span className="alert-rule" data-testid="alert-rule">
          {alert.ruleName}
        </span>
        <span className="alert-why muted">{capital(alertReasonWords(alert.why, props.names))}</span>
      </span>
      <span className="alert-value" data-testid="alert-value">
        {alert.value !== undefined && alert.threshold !== undefined ? (
          <>
            <strong>{percent(alert.value)}</strong>
            <span className="muted"> / {percent(alert.threshold)}</span>
          </>
        ) : (
          <span className="muted">—</span>
        )}
      </span>
      <span className="alert-since" data-testid="alert-since">
        <span>
          <time dateTime={new Date(alert.firedAt).toISOString()}>{formatClock(alert.firedAt)}</time>
          {resolvedAt !== undefined && (
            <>
              {' → '}
              <time dateTime={new Date(resolvedAt).toISOString()}>{formatClock(resolvedAt)}</time>
            </>
          )}
        </span>
        <span className="muted small">
          {resolvedAt === undefined
            ? `firing for ${elapsedWords(props.now - alert.firedAt)}`
            : resolvedWords(alert, resolvedAt)}
        </span>
      </span>
      <span className="alert-actions">
        {firing && !alert.acknowledged && !acknowledging && (
          <Button size="small" onClick={() => setAcknowledging(true)} data-testid="acknowledge">
            Acknowledge…
          </Button>
        )}
      </span>
      {alert.acknowledged && (
        <p className="alert-ack" data-testid="alert-ack">
          Acknowledged {formatClock(alert.acknowledged.at)}
          {alert.acknowledged.note ? (
            <>
              : <q data-testid="alert-ack-note">{alert.acknowledged.note}</q>
            </>
          ) : (
            ' (no note)'
          )}
        </p>
      )}
      {acknowledging && <AcknowledgeForm alert={alert} onDone={() => setAcknowledging(false)} />}
    </li>
  );
}

/** "97.4 %", "90 %": one decimal at most, so 90.6 against 90.5 still reads as above. */
function percent(value: number): string {
  return `${+value.toFixed(1)} %`;
}

/**
 * "resolved after 4 min", and why when its object stopped reporting rather than the condition
 * clearing: "resolved after 4 min: the VM is shut off". Without the why, an alert that went away
 * because its VM crashed reads as if the VM recovered.
 */
function resolvedWords(alert: Alert, resolvedAt: number): string {
  const after = `resolved after ${elapsedWords(resolvedAt - alert.firedAt)}`;
  return alert.resolution === undefined
    ? after
    : `${after}: ${alertResolutionWords(alert.resolution, resolvedAt)}`;
}
