// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ImportCandidate, ImportPreview } from '../../../shared/domain/host-import';
import { ImportPreviewList } from './ImportPreviewList';

afterEach(cleanup);

const candidate = (key: string, extra: Partial<ImportCandidate> = {}): ImportCandidate => ({
  key,
  name: key,
  address: `10.0.0.${key.length}`,
  port: 22,
  user: 'ops',
  labels: {},
  notes: [],
  selected: true,
  importable: true,
  ...extra,
});

const preview: ImportPreview = {
  source: 'ssh-config',
  read: ['/home/ops/.ssh/config'],
  notes: ['Match exec x skipped: Match blocks are not evaluated on import'],
  candidates: [
    candidate('hv1'),
    candidate('hv4', { jump: { name: 'hv1', key: 'hv1' } }),
    candidate('old', {
      existing: { hostId: 'old-1' as never, name: 'old' },
      importable: false,
      selected: false,
      notes: ['Already in the console as old'],
    }),
  ],
};

describe('import preview', () => {
  it('checking a host behind a jump host of the import checks that jump host too', () => {
    const onChange = vi.fn();
    render(<ImportPreviewList preview={preview} checked={new Set()} onChange={onChange} />);
    fireEvent.click(screen.getByRole('checkbox', { name: 'Add hv4' }));
    expect([...(onChange.mock.calls[0]?.[0] as Set<string>)].sort()).toEqual(['hv1', 'hv4']);
  });

  it('a host already in the console cannot be checked, and says why; file notes are shown', () => {
    render(<ImportPreviewList preview={preview} checked={new Set(['hv1'])} onChange={vi.fn()} />);
    expect(screen.getByRole<HTMLInputElement>('checkbox', { name: 'Add old' }).disabled).toBe(true);
    expect(screen.getByText('Already in the console as old')).toBeTruthy();
    expect(screen.getByTestId('import-file-notes').textContent).toContain('Match exec x skipped');
  });
});
