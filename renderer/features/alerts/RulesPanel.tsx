import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import type { AlertRule } from '../../../shared/domain/alert';
import { AppError } from '../../../shared/errors';
import { plural } from '../../../shared/words';
import { conditionWords, scopeWords } from '../../../shared/words/alert-words';
import { useAlertRules } from '../../api/alerts-queries';
import { useClient } from '../../api/api-context';
import { Badge } from '../../ui/Badge';
import { Button } from '../../ui/Button';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { useNamer } from '../plans/use-host-names';
import { capital, SEVERITY_LABEL, SEVERITY_TONE } from './alerts-view';
import { RuleEditor } from './RuleEditor';
import { ExportRulesButton, ImportRules } from './RulesYaml';
import { emptyRule, valuesFromRule, type RuleValues } from './rule-form';

/**
 * The rules: each with its switch, severity, what it watches and where; add, edit, delete; export
 * and import as YAML. The list follows `alerts:rules-changed`, from this window or another.
 */
export function RulesPanel() {
  const client = useClient();
  const { data: rules, error } = useAlertRules();
  const names = useNamer();
  const [editing, setEditing] = useState<RuleValues | null>(null);
  const [deleting, setDeleting] = useState<AlertRule | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const toggle = useMutation({
    mutationFn: (rule: AlertRule) =>
      client.call('alerts:save-rule', { ...rule, enabled: !rule.enabled }),
  });
  const remove = useMutation({
    mutationFn: (rule: AlertRule) => client.call('alerts:delete-rule', { ruleId: rule.id }),
    onSuccess: () => setDeleting(null),
  });
  if (editing)
    return (
      <RuleEditor
        initial={editing}
        onCancel={() => setEditing(null)}
        onSaved={(rule) => {
          setEditing(null);
          setNotice(`Saved rule ${rule.name}.`);
        }}
      />
    );
  return (
    <div className="rules-panel" data-testid="rules-panel">
      <div className="alert-toolbar">
        <Button
          variant="primary"
          size="small"
          onClick={() => setEditing(emptyRule())}
          data-testid="rule-new"
        >
          New rule
        </Button>
        <ExportRulesButton />
        <ImportRules onApplied={(count) => setNotice(`Imported ${plural(count, 'rule')}.`)} />
        {notice && (
          <span className="muted small" role="status" data-testid="rules-notice">
            {notice}
          </span>
        )}
      </div>
      {error && <ErrorNotice title="Couldn't read the alert rules" error={AppError.from(error)} />}
      {toggle.error && (
        <ErrorNotice title="Couldn't switch the rule" error={AppError.from(toggle.error)} />
      )}
      {rules?.length === 0 && <p className="muted">No rules: nothing is watched.</p>}
      <ul className="rule-rows">
        <li className="rule-row rule-head" aria-hidden="true">
          <span>On</span>
          <span>Rule</span>
          <span>Severity</span>
          <span>Fires when</span>
          <span>Watches</span>
          <span />
        </li>
        {(rules ?? []).map((rule) => (
          <li
            key={rule.id}
            className={`rule-row${rule.enabled ? '' : ' is-off'}`}
            data-testid="rule-row"
            data-rule-name={rule.name}
          >
            <label className="rule-switch" title={rule.enabled ? 'On: turn off' : 'Off: turn on'}>
              <input
                type="checkbox"
                role="switch"
                checked={rule.enabled}
                disabled={toggle.isPending}
                data-testid="rule-toggle"
                aria-label={`${rule.name} on`}
                onChange={() => toggle.mutate(rule)}
              />
            </label>
            <span className="rule-name">
              <strong>{rule.name}</strong>
              {rule.builtIn && <span className="muted small"> · shipped</span>}
            </span>
            <Badge tone={SEVERITY_TONE[rule.severity]}>{SEVERITY_LABEL[rule.severity]}</Badge>
            <span className="rule-condition" data-testid="rule-condition">
              {capital(conditionWords(rule.condition))}
            </span>
            <span className="rule-scope muted">{capital(scopeWords(rule.scope, names))}</span>
            <span className="button-row">
              <Button
                size="small"
                onClick={() => setEditing(valuesFromRule(rule))}
                data-testid="rule-edit"
              >
                Edit
              </Button>
              <Button
                size="small"
                variant="danger"
                onClick={() => setDeleting(rule)}
                data-testid="rule-delete"
              >
                Delete
              </Button>
            </span>
          </li>
        ))}
      </ul>
      {deleting && (
        <ConfirmDialog
          title={`Delete rule ${deleting.name}?`}
          confirmLabel="Delete rule"
          busy={remove.isPending}
          onConfirm={() => remove.mutate(deleting)}
          onCancel={() => {
            remove.reset();
            setDeleting(null);
          }}
        >
          <p>Its open alerts resolve; their history stays.</p>
          {remove.error && (
            <ErrorNotice
              title={`Couldn't delete rule ${deleting.name}`}
              error={AppError.from(remove.error)}
            />
          )}
        </ConfirmDialog>
      )}
    </div>
  );
}
