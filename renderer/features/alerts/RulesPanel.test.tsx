// @vitest-environment jsdom
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { AlertRule, SaveAlertRuleRequest } from '../../../shared/domain/alert';
import { AppError } from '../../../shared/errors';
import { App } from '../../app/App';
import { useUiStore } from '../../app/ui-store';
import { alertsBridge, makeRule } from '../../testing/alert-fixtures';
import { renderWithApi } from '../../testing/render';

afterEach(cleanup);

function open(rules: AlertRule[]) {
  const fake = alertsBridge({ rules }).handle(
    'alerts:save-rule',
    (request) => ({ ...request, id: request.id ?? 'new' }) as AlertRule,
  );
  const view = renderWithApi(<App />, fake);
  act(() => useUiStore.getState().openAlerts('rules'));
  return { fake, ...view };
}

const change = (root: HTMLElement, testId: string, value: string) =>
  fireEvent.change(within(root).getByTestId(testId), { target: { value } });

describe('the rule editor', () => {
  it('lists each rule with its switch, severity, condition and scope in words', async () => {
    const { fake } = open([makeRule('r1', { name: 'CPU high' })]);
    const row = await screen.findByTestId('rule-row');
    expect(within(row).getByTestId('rule-condition').textContent).toBe(
      'Host CPU above 90 % for 2 min (clears at 80 %)',
    );
    expect(row.textContent).toContain('Everything');
    fireEvent.click(within(row).getByTestId('rule-toggle'));
    await waitFor(() => expect(fake.callsTo('alerts:save-rule')).toHaveLength(1));
    expect((fake.callsTo('alerts:save-rule')[0] as SaveAlertRuleRequest).enabled).toBe(false);
    // The core's answer comes back as an event: the switch follows it.
    act(() =>
      fake.emit('alerts:rules-changed', [makeRule('r1', { name: 'CPU high', enabled: false })]),
    );
    await waitFor(() =>
      expect(within(screen.getByTestId('rule-row')).getByTestId('rule-toggle')).toHaveProperty(
        'checked',
        false,
      ),
    );
  });

  it('explains what is wrong under each field and sends nothing until it is right', async () => {
    const { fake } = open([]);
    fireEvent.click(await screen.findByTestId('rule-new'));
    const editor = screen.getByTestId('rule-editor');
    change(editor, 'rule-name', 'Noisy VM');
    change(editor, 'rule-what', 'metric:vm-cpu');
    change(editor, 'rule-threshold', '80');
    change(editor, 'rule-clear', '85');
    change(editor, 'rule-duration', '-10');
    fireEvent.click(within(editor).getByTestId('rule-save'));
    expect(within(editor).getByTestId('rule-problems').textContent).toBe(
      '2 problems to fix before saving: each is said under its field.',
    );
    expect(within(editor).getByTestId('rule-clear-error').textContent).toMatch(
      /^Clear must be at or below the threshold \(80 %\)/,
    );
    expect(within(editor).getByTestId('rule-duration-error').textContent).toBe(
      'Duration must be 0 or more: 0 fires at once',
    );
    expect(fake.callsTo('alerts:save-rule')).toEqual([]);

    change(editor, 'rule-clear', '70');
    change(editor, 'rule-duration', '10s');
    fireEvent.click(within(editor).getByTestId('rule-save'));
    await waitFor(() => expect(screen.queryByTestId('rule-editor')).toBeNull());
    expect(fake.callsTo('alerts:save-rule')).toEqual([
      {
        name: 'Noisy VM',
        enabled: true,
        severity: 'warning',
        condition: {
          kind: 'metric',
          metric: 'vm-cpu',
          op: 'above',
          threshold: 80,
          clear: 70,
          forSeconds: 10,
        },
        scope: { kind: 'all' },
      },
    ]);
    expect(screen.getByTestId('rules-notice').textContent).toBe('Saved rule Noisy VM.');
  });

  it('edits a rule keeping its id; a refusal keeps what was typed', async () => {
    const { fake } = open([makeRule('r1', { name: 'CPU high' })]);
    fake.handle('alerts:save-rule', () => {
      throw new AppError('invalid-request', 'The rule CPU high was changed meanwhile');
    });
    fireEvent.click(await screen.findByTestId('rule-edit'));
    const editor = screen.getByTestId('rule-editor');
    expect(within(editor).getByTestId('rule-duration')).toHaveProperty('value', '2m');
    change(editor, 'rule-threshold', '95');
    fireEvent.click(within(editor).getByTestId('rule-save'));
    expect((await within(editor).findByRole('alert')).textContent).toContain(
      "Couldn't save rule CPU high",
    );
    expect(within(editor).getByTestId('rule-threshold')).toHaveProperty('value', '95');
    const [sent] = fake.callsTo('alerts:save-rule') as SaveAlertRuleRequest[];
    expect(sent?.id).toBe('r1');
  });

  it('deletes a rule after asking', async () => {
    const { fake } = open([makeRule('r1', { name: 'CPU high' })]);
    fake.handle('alerts:delete-rule', () => undefined as never);
    fireEvent.click(await screen.findByTestId('rule-delete'));
    const confirm = screen.getByTestId('confirm-dialog');
    expect(confirm.textContent).toContain('Delete rule CPU high?');
    fireEvent.click(within(confirm).getByTestId('confirm-button'));
    await waitFor(() => expect(screen.queryByTestId('confirm-dialog')).toBeNull());
    expect(fake.callsTo('alerts:delete-rule')).toEqual([{ ruleId: 'r1' }]);
  });
});

function pickFile(text: string, name = 'rules.yaml') {
  const input = screen.getByTestId('rules-import-file');
  fireEvent.change(input, { target: { files: [new File([text], name)] } });
}

describe('YAML import', () => {
  it('shows every problem of a bad file with its line, and imports nothing', async () => {
    const { fake } = open([makeRule('r1')]);
    fake.handle('alerts:import-preview', () => {
      throw new AppError('invalid-request', "Couldn't read the alert rules YAML: 2 problems", {
        detail:
          'line 3, rules[0].severity: must be warning or critical\nline 9, rules[1].condition.clear: must not be above the threshold (90)',
      });
    });
    await screen.findByTestId('rule-row');
    pickFile('rules: …', 'broken.yaml');
    const failure = await screen.findByTestId('rules-import-error');
    expect(failure.textContent).toContain('Couldn’t import broken.yaml');
    expect(
      within(failure)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual([
      'line 3, rules[0].severity: must be warning or critical',
      'line 9, rules[1].condition.clear: must not be above the threshold (90)',
    ]);
    expect(failure.textContent).toContain('Nothing was imported');
    expect(fake.callsTo('alerts:import')).toEqual([]);
    expect(screen.getAllByTestId('rule-row')).toHaveLength(1);
  });

  it('previews what it adds and replaces, and applies only on Apply', async () => {
    const { fake } = open([makeRule('r1', { name: 'CPU high' })]);
    fake
      .handle('alerts:import-preview', () => ({
        rules: [
          {
            rule: makeRule('r1', { name: 'CPU high', severity: 'critical' }),
            action: 'replace',
            replaces: 'r1',
          },
          { rule: makeRule('x', { name: 'Disk' }), action: 'add' },
        ],
      }))
      .handle('alerts:import', () => []);
    await screen.findByTestId('rule-row');
    pickFile('rules: [ … ]');
    const preview = await screen.findByTestId('rules-import-preview');
    expect(
      within(preview)
        .getAllByTestId('rules-preview-row')
        .map((r) => r.dataset.action),
    ).toEqual(['replace', 'add']);
    expect(fake.callsTo('alerts:import-preview')).toEqual([{ yaml: 'rules: [ … ]' }]);
    expect(fake.callsTo('alerts:import')).toEqual([]);
    fireEvent.click(within(preview).getByTestId('rules-import-apply'));
    await waitFor(() => expect(screen.queryByTestId('rules-import-preview')).toBeNull());
    expect(fake.callsTo('alerts:import')).toEqual([{ yaml: 'rules: [ … ]' }]);
    expect(screen.getByTestId('rules-notice').textContent).toBe('Imported 2 rules.');
  });
});
