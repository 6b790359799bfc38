import { useRef } from 'react';
import { Button } from './Button';

/**
 * "Import YAML…": a button that opens the file chooser for one YAML file. The input is emptied
 * after each choice, so choosing the same file again (fixed meanwhile) reads it again.
 */
export function YamlFileButton(props: {
  testId: string;
  onFile: (file: File) => void;
  busy?: boolean;
}) {
  const input = useRef<HTMLInputElement>(null);
  return (
    <>
      <Button
        size="small"
        busy={props.busy ?? false}
        onClick={() => input.current?.click()}
        data-testid={props.testId}
      >
        Import YAML…
      </Button>
      <input
        ref={input}
        type="file"
        accept=".yaml,.yml,application/yaml,text/yaml"
        hidden
        data-testid={`${props.testId}-file`}
        onChange={(event) => {
          const file = event.target.files?.[0];
          event.target.value = '';
          if (file) props.onFile(file);
        }}
      />
    </>
  );
}
