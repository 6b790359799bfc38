import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import type {
  ImportHostsResult,
  ImportPreview,
  ImportSource,
} from '../../../shared/domain/host-import';
import { AppError } from '../../../shared/errors';
import { useClient } from '../../api/api-context';
import { useUiStore } from '../../app/ui-store';
import { Button } from '../../ui/Button';
import { Dialog } from '../../ui/Dialog';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { ImportPreviewList } from './ImportPreviewList';
import { ImportTrustList } from './ImportTrustList';

const DEFAULT_PATH: Record<ImportSource, string> = {
  'ssh-config': '~/.ssh/config',
  ansible: '/etc/ansible/hosts',
};

/**
 * "Import hosts…": read ~/.ssh/config or an Ansible inventory (a path on the console's machine, or
 * pasted text), preview what each host will be with checkboxes, add the checked ones, then trust
 * their fingerprints in one list, all together or one by one.
 */
export function ImportHostsDialog() {
  const client = useClient();
  const close = () => useUiStore.getState().setImportOpen(false);
  const [source, setSource] = useState<ImportSource>('ssh-config');
  const [path, setPath] = useState(DEFAULT_PATH['ssh-config']);
  const [text, setText] = useState('');
  const [uri, setUri] = useState('qemu:///system');
  const [checked, setChecked] = useState<Set<string>>(new Set());
  const preview = useMutation({
    mutationFn: () =>
      client.call('hosts:import-preview', {
        source,
        ...(text.trim() === '' ? { path } : { text }),
      }),
    onSuccess: (p: ImportPreview) =>
      setChecked(new Set(p.candidates.filter((c) => c.selected).map((c) => c.key))),
  });
  const add = useMutation({
    mutationFn: (p: ImportPreview) =>
      client.call('hosts:import', {
        uri,
        hosts: p.candidates
          .filter((c) => checked.has(c.key))
          .map(({ key, name, address, port, user, keyPath, labels, jump }) => ({
            key,
            name,
            address,
            port,
            user,
            ...(keyPath === undefined ? {} : { keyPath }),
            labels,
            ...(jump === undefined ? {} : { jump }),
          })),
      }),
  });

  if (add.data) return <ImportTrustStep result={add.data} onClose={close} />;
  const p = preview.data;
  return (
    <Dialog
      title="Import hosts"
      onClose={close}
      testId="import-hosts-dialog"
      width="wide"
      footer={
        <>
          <Button onClick={close}>Cancel</Button>
          {p === undefined ? (
            <Button
              variant="primary"
              busy={preview.isPending}
              onClick={() => preview.mutate()}
              data-testid="import-read"
            >
              Read
            </Button>
          ) : (
            <Button
              variant="primary"
              busy={add.isPending}
              disabled={checked.size === 0}
              onClick={() => add.mutate(p)}
              data-testid="import-add"
            >
              Add {checked.size} host{checked.size === 1 ? '' : 's'}
            </Button>
          )}
        </>
      }
    >
      {p === undefined ? (
        <div className="import-source">
          <fieldset className="import-kind">
            <legend>Read hosts from</legend>
            {(['ssh-config', 'ansible'] as const).map((kind) => (
              <label key={kind}>
                <input
                  type="radio"
                  name="import-kind"
                  checked={source === kind}
                  onChange={() => {
                    setSource(kind);
                    setPath(DEFAULT_PATH[kind]);
                  }}
                  data-testid={`import-kind-${kind}`}
                />
                {kind === 'ssh-config' ? 'SSH config' : 'Ansible inventory (INI or YAML)'}
              </label>
            ))}
          </fieldset>
          <label className="field">
            <span>File on this machine</span>
            <input
              value={path}
              onChange={(e) => setPath(e.target.value)}
              data-testid="import-path"
            />
          </label>
          <label className="field">
            <span>…or paste its text (used instead of the file when given)</span>
            <textarea
              rows={8}
              value={text}
              onChange={(e) => setText(e.target.value)}
              spellCheck={false}
              data-testid="import-text"
            />
          </label>
        </div>
      ) : (
        <>
          <label className="field import-uri">
            <span>libvirt URI for these hosts</span>
            <input value={uri} onChange={(e) => setUri(e.target.value)} data-testid="import-uri" />
          </label>
          <ImportPreviewList preview={p} checked={checked} onChange={setChecked} />
        </>
      )}
      {preview.error && (
        <ErrorNotice title="Couldn't read the hosts" error={AppError.from(preview.error)} />
      )}
      {add.error && <ErrorNotice title="Couldn't import" error={AppError.from(add.error)} />}
    </Dialog>
  );
}

function ImportTrustStep(props: { result: ImportHostsResult; onClose: () => void }) {
  return (
    <Dialog
      title="Trust the new hosts"
      onClose={props.onClose}
      testId="import-trust-dialog"
      width="wide"
      footer={
        <Button variant="primary" onClick={props.onClose} data-testid="import-done">
          Done
        </Button>
      }
    >
      <ImportTrustList result={props.result} />
    </Dialog>
  );
}
