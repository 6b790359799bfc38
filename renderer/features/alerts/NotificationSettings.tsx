import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import type { WebhookState } from '../../../shared/domain/alert';
import { AppError } from '../../../shared/errors';
import { formatClock, plural } from '../../../shared/words';
import { useShell } from '../../api/api-context';
import { useWebhook } from '../../api/alerts-queries';
import { useClient } from '../../api/api-context';
import { Button } from '../../ui/Button';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { Field } from '../../ui/Field';
import { setBrowserNotify, useBrowserNotifyState } from './browser-notifications';

/** Where alerts go besides this list: a webhook, and the desktop's or the browser's notifications. */
export function NotificationSettings() {
  return (
    <div className="notification-settings" data-testid="notification-settings">
      <WebhookSection />
      <NotifySection />
    </div>
  );
}

function NotifySection() {
  const shell = useShell();
  const { on, permission } = useBrowserNotifyState();
  if (shell === 'desktop')
    return (
      <section>
        <h3>Desktop notifications</h3>
        <p className="muted" data-testid="desktop-notify-note">
          The console shows a desktop notification for each alert that fires.
        </p>
      </section>
    );
  return (
    <section>
      <h3>Browser notifications</h3>
      <label className="rule-enabled">
        <input
          type="checkbox"
          role="switch"
          checked={on}
          disabled={permission === 'unsupported' || permission === 'denied'}
          data-testid="browser-notify"
          // The browser asks for permission only from a user's gesture: this click is one.
          onChange={(event) => void setBrowserNotify(event.target.checked)}
        />
        Notify me in this browser when an alert fires
      </label>
      <p className="muted small" data-testid="browser-notify-state">
        {permission === 'unsupported'
          ? 'This browser has no notifications.'
          : permission === 'denied'
            ? 'This browser blocks notifications from the console: allow them in the site settings, then switch this on.'
            : 'One notification per alert, when it fires; this tab must stay open.'}
      </p>
    </section>
  );
}

function WebhookSection() {
  const { data: webhook, error } = useWebhook();
  return (
    <section>
      <h3>Webhook</h3>
      <p className="muted small">
        Each alert that fires or resolves is POSTed as JSON to this URL, retried with backoff.
      </p>
      {error && <ErrorNotice title="Couldn't read the webhook" error={AppError.from(error)} />}
      {webhook && <WebhookForm key={webhook.settings.url} webhook={webhook} />}
    </section>
  );
}

function WebhookForm(props: { webhook: WebhookState }) {
  const client = useClient();
  const [url, setUrl] = useState(props.webhook.settings.url);
  const [enabled, setEnabled] = useState(props.webhook.settings.enabled);
  const [urlError, setUrlError] = useState<string>();
  const save = useMutation({
    mutationFn: () => client.call('alerts:set-webhook', { url: url.trim(), enabled }),
  });
  const test = useMutation({ mutationFn: () => client.call('alerts:test-webhook', {}) });
  const submit = () => {
    const trimmed = url.trim();
    const problem =
      trimmed !== '' && !/^https?:\/\/\S+$/i.test(trimmed)
        ? 'The URL starts with http:// or https:// and has no spaces'
        : enabled && trimmed === ''
          ? 'Give the URL to send to, or switch the webhook off'
          : undefined;
    setUrlError(problem);
    if (!problem) save.mutate();
  };
  const saved = props.webhook.settings;
  return (
    <form
      className="webhook-form"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        submit();
      }}
    >
      <div className="form-grid">
        <Field
          label="URL"
          testId="webhook-url"
          span={4}
          type="url"
          placeholder="https://alerts.example.net/hook"
          value={url}
          error={urlError}
          hint="It may carry a token: the console never writes it to the log."
          onChange={(e) => setUrl(e.target.value)}
        />
      </div>
      <label className="rule-enabled">
        <input
          type="checkbox"
          role="switch"
          checked={enabled}
          data-testid="webhook-enabled"
          onChange={(e) => setEnabled(e.target.checked)}
        />
        Send alerts to the webhook
      </label>
      <WebhookStatusLine webhook={props.webhook} />
      {save.error && (
        <ErrorNotice title="Couldn't save the webhook" error={AppError.from(save.error)} />
      )}
      {test.error && (
        <ErrorNotice title="Couldn't test the webhook" error={AppError.from(test.error)} />
      )}
      <div className="button-row">
        <Button
          type="submit"
          variant="primary"
          size="small"
          busy={save.isPending}
          data-testid="webhook-save"
        >
          Save webhook
        </Button>
        <Button
          size="small"
          busy={test.isPending}
          disabled={!saved.enabled || saved.url === ''}
          title={saved.url === '' ? 'Save a URL first' : undefined}
          onClick={() => test.mutate()}
          data-testid="webhook-test"
        >
          Send a test
        </Button>
      </div>
    </form>
  );
}

/** Delivery as it goes: the last success, the last failure and why, what waits and what was given up. */
export function WebhookStatusLine(props: { webhook: WebhookState }) {
  const { settings, status } = props.webhook;
  const parts: string[] = [];
  if (!settings.enabled) parts.push('Off.');
  else if (status.lastSuccessAt !== undefined)
    parts.push(`Last delivered ${formatClock(status.lastSuccessAt)}.`);
  else if (status.lastAttemptAt === undefined) parts.push('Nothing sent yet.');
  if (status.queued > 0) parts.push(`${plural(status.queued, 'delivery', 'deliveries')} waiting.`);
  if (status.dropped > 0)
    parts.push(`${plural(status.dropped, 'delivery', 'deliveries')} given up after retries.`);
  return (
    <div className="webhook-status" data-testid="webhook-status">
      <p className="muted small">{parts.join(' ')}</p>
      {status.lastError && (
        <p className="webhook-failure" role="status" data-testid="webhook-failure">
          Last failure {formatClock(status.lastError.at)}: {status.lastError.message}
        </p>
      )}
    </div>
  );
}
