import { plural } from '../../../../shared/words';
import type { AppField, AppValues, ServiceErrors } from './service-form';

// The test id of each application field's control, to go to it from the summary.
const APP_CONTROL: Record<AppField, string> = {
  name: 'app-name',
  vcpus: 'app-vcpus',
  memoryMiB: 'app-memory',
  diskGiB: 'app-disk',
  replicas: 'app-replicas',
  labels: 'app-labels',
  spreadAcross: 'app-spread',
  spreadStrength: 'app-spread-strength',
  colocateWith: 'app-colocate',
  colocateStrength: 'app-colocate-strength',
  priority: 'app-priority',
  templateKind: 'app-template',
  template: 'app-template',
  xml: 'app-xml',
  dependsOn: 'app-depends',
};

interface Problem {
  key: string;
  text: string;
  /** Where the control is: a selector inside the form; undefined for the whole form's problems. */
  control?: string;
}

function problems(errors: ServiceErrors, apps: readonly AppValues[]): Problem[] {
  const out: Problem[] = [];
  if (errors.name)
    out.push({ key: 'name', text: errors.name, control: '[data-testid="service-name"]' });
  if (errors.healthCount) {
    const control = '[data-testid="service-health-count"]';
    out.push({ key: 'health', text: errors.healthCount, control });
  }
  apps.forEach((app, index) => {
    const shown = app.name.trim() || `application ${index + 1}`;
    const found = errors.apps[app.id] ?? {};
    // In the order the fields stand on the form.
    for (const field of Object.keys(APP_CONTROL) as AppField[]) {
      const text = found[field];
      if (text === undefined) continue;
      out.push({
        key: `${app.id}-${field}`,
        text: `${shown}: ${text}`,
        control: `[data-app-id="${app.id}"] [data-testid="${APP_CONTROL[field]}"]`,
      });
    }
  });
  errors.general.forEach((text) => out.push({ key: `general-${text}`, text }));
  return out;
}

/**
 * Every problem of the form at its top, once a save was tried: each one a link to its field, so a
 * problem in the fifth application is not a silent refusal to save.
 */
export function FormErrorSummary(props: {
  errors: ServiceErrors;
  apps: readonly AppValues[];
  formId: string;
}) {
  const list = problems(props.errors, props.apps);
  if (list.length === 0) return null;
  const go = (control: string) => {
    const target = document.getElementById(props.formId)?.querySelector<HTMLElement>(control);
    const focusable = target?.matches('input, select, textarea')
      ? target
      : target?.querySelector<HTMLElement>('input, select, textarea');
    focusable?.focus(); // focusing scrolls it into view
  };
  return (
    <div className="form-summary" role="alert" data-testid="service-error-summary">
      <p className="form-summary-title">{plural(list.length, 'problem')} to fix before saving:</p>
      <ul className="form-problems">
        {list.map((problem) => (
          <li key={problem.key}>
            {problem.control ? (
              <button
                type="button"
                className="link-button"
                data-testid="summary-problem"
                onClick={() => go(problem.control ?? '')}
              >
                {problem.text}
              </button>
            ) : (
              <span data-testid="summary-problem">{problem.text}</span>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
