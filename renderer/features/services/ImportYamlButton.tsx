import { useState } from 'react';
import type { ServiceBundle } from '../../../shared/domain/application';
import { serviceFromYaml } from '../../../shared/services/service-yaml';
import { AppError } from '../../../shared/errors';
import { Button } from '../../ui/Button';
import { YamlFileButton } from '../../ui/YamlFileButton';
import { plural } from '../../../shared/words';
import { newId } from './editor/service-form';

/**
 * "Import YAML": reads a service file and opens it in the editor, where the admin sees it and
 * saves it. A file that does not read shows its problems by line and field, and opens nothing.
 */
export function ImportYamlButton(props: { onImported: (bundle: ServiceBundle) => void }) {
  const [failure, setFailure] = useState<{ file: string; problems: string[] } | null>(null);
  const read = async (file: File) => {
    setFailure(null);
    try {
      props.onImported(serviceFromYaml(await file.text(), newId));
    } catch (thrown) {
      setFailure({ file: file.name, problems: problemsOf(AppError.from(thrown)) });
    }
  };
  return (
    <>
      <YamlFileButton testId="import-yaml" onFile={(file) => void read(file)} />
      {failure && (
        <div className="import-error" role="alert" data-testid="import-error">
          <p className="error-title">
            {`Couldn't import ${failure.file}: `}
            {failure.problems.length > 1
              ? `${plural(failure.problems.length, 'problem')}, each with its line`
              : failure.problems[0]}
          </p>
          {failure.problems.length > 1 && (
            <ul className="form-problems" data-testid="import-problems">
              {failure.problems.map((problem) => (
                <li key={problem}>{problem}</li>
              ))}
            </ul>
          )}
          <Button size="small" variant="ghost" onClick={() => setFailure(null)}>
            Dismiss
          </Button>
        </div>
      )}
    </>
  );
}

/** Every problem the reader found (its detail, one a line), without the reader's own prefix. */
function problemsOf(error: AppError): string[] {
  const listed = error.detail?.split('\n').filter((line) => line.trim() !== '') ?? [];
  if (listed.length > 0) return listed;
  return [error.message.replace(/^Couldn't read the service YAML: /, '')];
}
