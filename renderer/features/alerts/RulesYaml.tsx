import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import type { AlertImportPreview } from '../../../shared/domain/alert';
import { AppError } from '../../../shared/errors';
import { plural } from '../../../shared/words';
import { conditionWords } from '../../../shared/words/alert-words';
import { useClient } from '../../api/api-context';
import { Button } from '../../ui/Button';
import { downloadText } from '../../ui/download';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { YamlFileButton } from '../../ui/YamlFileButton';
import { capital, SEVERITY_LABEL } from './alerts-view';

export const RULES_FILE = 'federator-alert-rules.yaml';

/** "Export YAML": every rule as the core writes it, saved as a file. */
export function ExportRulesButton() {
  const client = useClient();
  const exported = useMutation({
    mutationFn: () => client.call('alerts:export-rules', {}),
    onSuccess: ({ yaml }) => downloadText(RULES_FILE, yaml, 'application/yaml'),
  });
  return (
    <>
      <Button
        size="small"
        busy={exported.isPending}
        onClick={() => exported.mutate()}
        data-testid="rules-export"
      >
        Export YAML
      </Button>
      {exported.error && (
        <ErrorNotice
          title="Couldn't export the alert rules"
          error={AppError.from(exported.error)}
        />
      )}
    </>
  );
}

type Step =
  | { kind: 'idle' }
  | { kind: 'preview'; file: string; yaml: string; preview: AlertImportPreview }
  | { kind: 'failed'; file: string; error: AppError };

/**
 * "Import YAML…": the file is read by the core without changing anything, the window shows what it
 * would add and replace, and only "Apply" imports it (all or nothing). A file that does not read
 * shows each problem with its line and field; the rules stay as they were.
 */
export function ImportRules(props: { onApplied: (count: number) => void }) {
  const client = useClient();
  const [step, setStep] = useState<Step>({ kind: 'idle' });
  const read = useMutation({
    mutationFn: async (file: File) => {
      const yaml = await file.text();
      return {
        file: file.name,
        yaml,
        preview: await client.call('alerts:import-preview', { yaml }),
      };
    },
    onSuccess: (read) => setStep({ kind: 'preview', ...read }),
    onError: (error, file) =>
      setStep({ kind: 'failed', file: file.name, error: AppError.from(error) }),
  });
  const apply = useMutation({
    mutationFn: (yaml: string) => client.call('alerts:import', { yaml }),
    onSuccess: () => {
      const count = step.kind === 'preview' ? step.preview.rules.length : 0;
      setStep({ kind: 'idle' });
      props.onApplied(count);
    },
  });
  return (
    <>
      <YamlFileButton
        testId="rules-import"
        busy={read.isPending}
        onFile={(file) => {
          apply.reset();
          read.mutate(file);
        }}
      />
      {step.kind === 'failed' && (
        <div
          className="import-error rules-import-panel"
          role="alert"
          data-testid="rules-import-error"
        >
          <p className="error-title">Couldn&rsquo;t import {step.file}</p>
          <p className="error-message">{step.error.message}</p>
          {step.error.detail && (
            <ul className="form-problems" data-testid="rules-import-problems">
              {problemLines(step.error.detail).map((line) => (
                <li key={line}>{line}</li>
              ))}
            </ul>
          )}
          <p className="muted small">Nothing was imported; the rules are as they were.</p>
          <Button size="small" variant="ghost" onClick={() => setStep({ kind: 'idle' })}>
            Dismiss
          </Button>
        </div>
      )}
      {step.kind === 'preview' && (
        <div className="rules-import-panel" data-testid="rules-import-preview">
          <p className="form-summary-title">
            {step.file}: {plural(step.preview.rules.length, 'rule')}. Nothing changes until you
            apply.
          </p>
          <ul className="rules-preview">
            {step.preview.rules.map(({ rule, action }) => (
              <li
                key={`${action}-${rule.name}`}
                data-testid="rules-preview-row"
                data-action={action}
              >
                <span className={`preview-action preview-${action}`}>
                  {action === 'add' ? 'Adds' : 'Replaces'}
                </span>
                <strong>{rule.name}</strong>
                <span className="muted">
                  {SEVERITY_LABEL[rule.severity]} · {capital(conditionWords(rule.condition))}
                  {rule.enabled ? '' : ' · off'}
                </span>
              </li>
            ))}
          </ul>
          {apply.error && (
            <ErrorNotice
              title={`Couldn't import ${step.file}`}
              error={AppError.from(apply.error)}
            />
          )}
          <div className="button-row">
            <Button
              variant="primary"
              size="small"
              busy={apply.isPending}
              onClick={() => apply.mutate(step.yaml)}
              data-testid="rules-import-apply"
            >
              Apply
            </Button>
            <Button size="small" onClick={() => setStep({ kind: 'idle' })}>
              Cancel
            </Button>
          </div>
        </div>
      )}
    </>
  );
}

/** Each problem the core found, one a line (its line and field). */
function problemLines(detail: string): string[] {
  return detail.split('\n').filter((line) => line.trim() !== '');
}
