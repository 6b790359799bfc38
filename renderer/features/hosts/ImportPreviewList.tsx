import type { ImportCandidate, ImportPreview } from '../../../shared/domain/host-import';

function labelsText(labels: Record<string, string>): string {
  return Object.entries(labels)
    .map(([k, v]) => `${k}=${v}`)
    .join(', ');
}

/** What each host of the file will be: a checkbox per host, the settings taken, the notes. */
export function ImportPreviewList(props: {
  preview: ImportPreview;
  checked: Set<string>;
  onChange: (checked: Set<string>) => void;
}) {
  const { preview, checked } = props;
  const toggle = (c: ImportCandidate) => {
    const next = new Set(checked);
    if (next.has(c.key)) next.delete(c.key);
    else {
      next.add(c.key);
      // A host reached through another of this import needs that one added too.
      if (c.jump?.key !== undefined) next.add(c.jump.key);
    }
    props.onChange(next);
  };
  return (
    <div className="import-preview" data-testid="import-preview">
      <p className="import-read">Read: {preview.read.join(', ')}</p>
      <table className="import-table">
        <thead>
          <tr>
            <th scope="col">Add</th>
            <th scope="col">Host</th>
            <th scope="col">Address</th>
            <th scope="col">User</th>
            <th scope="col">Key</th>
            <th scope="col">Jump host</th>
            <th scope="col">Labels</th>
          </tr>
        </thead>
        <tbody>
          {preview.candidates.map((c) => (
            <tr
              key={c.key}
              className={c.existing ? 'is-existing' : c.importable ? '' : 'is-blocked'}
              data-testid="import-row"
              data-key={c.key}
            >
              <td>
                <input
                  type="checkbox"
                  aria-label={`Add ${c.name}`}
                  checked={checked.has(c.key)}
                  disabled={!c.importable}
                  onChange={() => toggle(c)}
                />
              </td>
              <td>
                <strong>{c.name}</strong>
                {c.notes.length > 0 && (
                  <ul className="import-notes">
                    {c.notes.map((n) => (
                      <li key={n}>{n}</li>
                    ))}
                  </ul>
                )}
              </td>
              <td>
                {c.address}:{c.port}
              </td>
              <td>{c.user}</td>
              <td className="import-key">{c.keyPath ?? 'ssh-agent'}</td>
              <td>{c.jump ? `${c.jump.name}${c.jump.hostId ? ' (in the console)' : ''}` : '—'}</td>
              <td>{labelsText(c.labels) || '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {preview.notes.length > 0 && (
        <ul className="import-file-notes" data-testid="import-file-notes">
          {preview.notes.map((n) => (
            <li key={n}>{n}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
