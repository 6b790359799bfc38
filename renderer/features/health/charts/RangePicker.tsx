import { useState } from 'react';
import { Button } from '../../../ui/Button';
import {
  PRESET_LABELS,
  parseFreeRange,
  toFieldText,
  type PresetRange,
  type RangeChoice,
} from './chart-range';

const PRESETS: readonly PresetRange[] = ['1h', '24h', '30d'];

/** 1 h / 24 h / 30 d, or a free range typed as two local times. */
export function RangePicker(props: {
  choice: RangeChoice;
  onChoose: (choice: RangeChoice) => void;
}) {
  const { choice, onChoose } = props;
  const [open, setOpen] = useState(choice.kind === 'free');
  // A free range starts as the last six hours, for the admin to adjust.
  const [fromText, setFrom] = useState(() =>
    toFieldText(choice.kind === 'free' ? choice.from : Date.now() - 6 * 3_600_000),
  );
  const [toText, setTo] = useState(() =>
    toFieldText(choice.kind === 'free' ? choice.to : Date.now()),
  );
  const [error, setError] = useState<string | null>(null);
  const show = () => {
    const parsed = parseFreeRange(fromText, toText, Date.now());
    if ('error' in parsed) setError(parsed.error);
    else {
      setError(null);
      onChoose({ kind: 'free', ...parsed });
    }
  };
  return (
    <div className="chart-range">
      <div className="button-row" role="group" aria-label="Chart range">
        {PRESETS.map((preset) => (
          <Button
            key={preset}
            size="small"
            aria-pressed={choice.kind === 'preset' && choice.preset === preset}
            onClick={() => {
              setOpen(false);
              onChoose({ kind: 'preset', preset });
            }}
            data-testid={`range-${preset}`}
          >
            {PRESET_LABELS[preset]}
          </Button>
        ))}
        <Button
          size="small"
          aria-pressed={choice.kind === 'free'}
          aria-expanded={open}
          onClick={() => setOpen(!open)}
          data-testid="range-free"
        >
          Range…
        </Button>
      </div>
      {open && (
        <form
          className="chart-free-range small"
          onSubmit={(e) => {
            e.preventDefault();
            show();
          }}
        >
          <label>
            From{' '}
            <input
              type="datetime-local"
              value={fromText}
              onChange={(e) => setFrom(e.target.value)}
              data-testid="range-from"
            />
          </label>
          <label>
            to{' '}
            <input
              type="datetime-local"
              value={toText}
              onChange={(e) => setTo(e.target.value)}
              data-testid="range-to"
            />
          </label>
          <Button size="small" type="submit" data-testid="range-show">
            Show
          </Button>
          {error && (
            <p className="field-error" role="alert" data-testid="range-error">
              {error}
            </p>
          )}
        </form>
      )}
    </div>
  );
}
