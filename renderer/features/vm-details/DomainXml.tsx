import { useState } from 'react';
import { Button } from '../../ui/Button';

/** The domain XML, read-only, folded away until asked for, with a Copy button. */
export function DomainXml(props: { xml: string; truncated: boolean }) {
  const [copied, setCopied] = useState<'yes' | 'failed' | undefined>();
  const copy = () => {
    navigator.clipboard.writeText(props.xml).then(
      () => setCopied('yes'),
      () => setCopied('failed'),
    );
  };
  return (
    <details className="domain-xml" data-testid="vm-xml">
      <summary>Domain XML</summary>
      <div className="button-row">
        <Button size="small" onClick={copy} data-testid="vm-xml-copy">
          Copy
        </Button>
        <span className="muted small" role="status">
          {copied === 'yes' && 'Copied.'}
          {copied === 'failed' && 'The clipboard refused: select the text and copy it.'}
        </span>
      </div>
      {props.truncated && (
        <p className="muted small">Only the beginning is shown: the XML is longer than 256 KiB.</p>
      )}
      <pre className="xml-text" tabIndex={0}>
        {props.xml}
      </pre>
    </details>
  );
}
