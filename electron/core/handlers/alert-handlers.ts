import { rulesFromYaml, rulesToYaml } from '../../../shared/alerts/rules-yaml';
import type { AlertImportPreview, AlertRule } from '../../../shared/domain/alert';
import { createNamer } from '../../../shared/words/namer';
import { attempt, type CoreContext } from '../context/core-context';
import { allServices } from '../services/service-catalog';
import type { Handlers } from './handler-types';

type AlertChannel = Extract<keyof Handlers, `alerts:${string}`>;

/** Rules (edit, YAML), the alerts (list, acknowledge) and the webhook. */
export function alertHandlers(ctx: CoreContext): Pick<Handlers, AlertChannel> {
  const { rules, book, webhook, engine } = ctx.alerts;
  const change = async (run: () => Promise<unknown>): Promise<AlertRule[]> => {
    const before = rules.list();
    await run();
    const after = rules.list();
    engine.rulesChanged(before, after);
    return after;
  };
  const readYaml = (yaml: string): AlertRule[] => {
    const services = allServices(ctx);
    return rulesFromYaml(
      yaml,
      {
        service: (name) => services.find((b) => b.service.name === name)?.service.id,
        application: (serviceId, name) =>
          services
            .find((b) => b.service.id === serviceId)
            ?.applications.find((a) => a.name === name)?.id,
      },
      (name) => rules.idForName(name),
    );
  };
  const webhookState = () => ({ settings: rules.webhook(), status: webhook.status() });
  return {
    'alerts:rules': () => Promise.resolve(rules.list()),
    'alerts:save-rule': (req) =>
      attempt(`Couldn't save the alert rule ${req.name}`, async () => {
        let saved: AlertRule | undefined;
        await change(async () => (saved = await rules.save(req)));
        return saved as AlertRule;
      }),
    'alerts:delete-rule': (req) =>
      attempt(
        `Couldn't delete the alert rule ${rules.get(req.ruleId)?.name ?? req.ruleId}`,
        async () => {
          await change(() => rules.delete(req.ruleId));
          return null;
        },
      ),
    'alerts:export-rules': () =>
      Promise.resolve({
        yaml: rulesToYaml(
          rules.list(),
          createNamer({ hosts: [], vms: [], services: allServices(ctx) }),
        ),
      }),
    'alerts:import-preview': (req) =>
      attempt("Couldn't preview the alert rules", () =>
        Promise.resolve().then((): AlertImportPreview => {
          const known = new Map(rules.list().map((r) => [r.name, r.id]));
          return {
            rules: readYaml(req.yaml).map((rule) => {
              const replaces = known.get(rule.name);
              return replaces === undefined
                ? { rule, action: 'add' }
                : { rule, action: 'replace', replaces };
            }),
          };
        }),
      ),
    'alerts:import': (req) =>
      attempt("Couldn't import the alert rules", async () => {
        const incoming = readYaml(req.yaml);
        return change(() => rules.merge(incoming));
      }),
    'alerts:list': (req) =>
      Promise.resolve({ open: book.open(), history: book.history(req.historyLimit) }),
    'alerts:acknowledge': (req) =>
      attempt("Couldn't acknowledge the alert", () =>
        Promise.resolve().then(() => {
          const alert = book.acknowledge(req.alertId, req.note, Date.now());
          ctx.hub.emit('alerts:changed', alert);
          ctx.log.append({
            level: 'info',
            message: `Alert acknowledged: ${engine.summary(alert)}${req.note === '' ? '' : ` (note: ${req.note})`}`,
            ...engine.logFields(alert, 'acknowledged'),
          });
          return alert;
        }),
      ),
    'alerts:webhook': () => Promise.resolve(webhookState()),
    'alerts:set-webhook': (req) =>
      attempt("Couldn't change the webhook", async () => {
        await rules.setWebhook(req);
        const state = webhookState();
        ctx.hub.emit('alerts:webhook-changed', state);
        return state;
      }),
    'alerts:test-webhook': () =>
      attempt("Couldn't test the webhook", () =>
        webhook.test({
          kind: 'federator.alert',
          event: 'test',
          summary: 'A test from Federator: the webhook works',
          sentAt: Date.now(),
        }),
      ),
  };
}
