import { z } from 'zod';
import { Host, Labels, MigrationBandwidthMiBs } from '../domain/host';
import { libvirtUriProblem } from '../domain/libvirt-uri';
import { ServiceBundle, ServiceCatalog } from '../domain/application';
import { ApplicationId, HostId, PlanId, ServiceId, VmId } from '../domain/ids';
import {
  ImportHostsRequest,
  ImportHostsResult,
  ImportPreview,
  ImportPreviewRequest,
} from '../domain/host-import';
import { GroupPathCheck, MigrationPath } from '../domain/migration-path';
import { MAX_BMC_PASSWORD, PowerReading, PowerSettings } from '../domain/power';
import { Plan, Proposal } from '../domain/plan';
import { RecoveryProposal, RecoveryRequest } from '../domain/recovery';
import { PowerRequest } from '../domain/vm-power';
import { SnapshotRequest, VmSnapshotList } from '../domain/snapshot';
import { boundedRecord, LIMITS } from '../domain/limits';
import { InventoryNotice } from '../domain/inventory-notice';
import { LogEntry } from '../domain/log';
import { Vm } from '../domain/vm';
import { VmFullDetails } from '../domain/vm-details';
import { HostStorage } from '../domain/host-storage';
import {
  CloneVmRequest,
  CreateChoices,
  CreateChoicesRequest,
  CreateVmRequest,
} from '../domain/create-vm';
import { CONSOLE_INPUT_CHARS, ConsoleId, GraphicsProtocol, TerminalCells } from '../domain/console';
import { HostSample, MetricSeries, MetricSeriesRequest } from '../domain/metrics';
import { MetricsSourceStatus, PrometheusTestResult } from '../domain/prometheus';
import { CpuOvercommit, MemoryOvercommit, Settings, SettingsPatch } from '../domain/settings';
import {
  AcknowledgeAlertRequest,
  Alert,
  AlertImportPreview,
  AlertList,
  AlertRule,
  AlertRuleId,
  AlertRulesYaml,
  ListAlertsRequest,
  MAX_ALERT_RULES,
  SaveAlertRuleRequest,
  WebhookSettings,
  WebhookState,
  WebhookStatus,
} from '../domain/alert';

/** Everything the window needs to draw the fleet: every host and every VM, plus whether demo is on. */
export const FleetSnapshot = z.object({
  hosts: z.array(Host),
  vms: z.array(Vm),
  demo: z.boolean(),
});
export type FleetSnapshot = z.infer<typeof FleetSnapshot>;

const BmcPassword = z
  .string()
  .min(1)
  .max(MAX_BMC_PASSWORD, `A BMC password has at most ${MAX_BMC_PASSWORD} characters (IPMI 2.0)`);

/**
 * "Test power management": read the power state through settings that may not be saved yet. The
 * password is the one typed, else the one stored for `hostId`.
 */
export const PowerTestRequest = z.object({
  hostId: HostId.optional(),
  settings: PowerSettings,
  password: BmcPassword.optional(),
});

/** Host labels as a request may set them: the stored Labels, at most LIMITS.labels of them. */
const RequestLabels = boundedRecord(Labels.keyType, Labels.valueType, LIMITS.labels, 'labels');

export const AddHostRequest = z.object({
  /** Shown in the topology; defaults to the address. */
  name: z.string().trim().max(200).optional(),
  address: z.string().trim().min(1, 'Address is required').max(255),
  port: z.number().int().min(1).max(65535).default(22),
  user: z.string().trim().min(1, 'User is required').max(64),
  /** Private key file on the console's machine; empty means ssh-agent. */
  keyPath: z.string().trim().max(4096).optional(),
  /** Passphrase of the key, used for this connection only and never stored. */
  passphrase: z.string().max(1024).optional(),
  uri: z
    .string()
    .trim()
    .min(1)
    .max(512)
    .superRefine((uri, ctx) => {
      const problem = libvirtUriProblem(uri);
      if (problem !== undefined) ctx.addIssue({ code: 'custom', message: problem });
    })
    .default('qemu:///system'),
  labels: RequestLabels.default({}),
  /** Cap on live migrations leaving the host, MiB/s; absent means none. */
  migrationBandwidthMiBs: MigrationBandwidthMiBs.optional(),
  /** This host's overcommit ratios; absent, the fleet's settings. */
  cpuOvercommit: CpuOvercommit.optional(),
  memoryOvercommit: MemoryOvercommit.optional(),
  /** Another host of the console to connect through (ProxyJump); absent: connect directly. */
  jumpHostId: HostId.optional(),
  /** Power management through the host's BMC (fencing); absent: none, and an update removes it. */
  power: PowerSettings.optional(),
  /** A new BMC password, sealed in the secret store; absent keeps the stored one. Never sent back. */
  powerPassword: BmcPassword.optional(),
});
export type AddHostRequest = z.input<typeof AddHostRequest>;

export const HostRef = z.object({ hostId: HostId });

/**
 * Change what the console knows of a host and connect again with it, keeping its id (and so its log
 * lines and selection). The fields mean what they mean in AddHostRequest; a new address or port
 * forgets the trusted host key, since it may be another machine.
 */
export const UpdateHostRequest = AddHostRequest.extend({ hostId: HostId });
export type UpdateHostRequest = z.input<typeof UpdateHostRequest>;

export const ReconnectRequest = z.object({
  hostId: HostId,
  /** For a key with a passphrase: passphrases are never stored, so each new session asks again. */
  passphrase: z.string().max(1024).optional(),
});

export const TrustHostKeyRequest = z.object({
  hostId: HostId,
  /** The fingerprint the admin saw and accepted: trusting a different one is refused. */
  fingerprint: z.string().min(1).max(128), // "SHA256:" and 43 base64 characters
});

/** `suspend` is virsh's word for pause: the guest keeps its memory and stops running. */
export const VmAction = z.enum(['start', 'shutdown', 'destroy', 'reboot', 'suspend', 'resume']);
export type VmAction = z.infer<typeof VmAction>;

export const VmActionRequest = z.object({ hostId: HostId, vmId: VmId, action: VmAction });

const Nothing = z.null();

/** One VM on the host the window last saw it on. */
export const VmRef = z.object({ hostId: HostId, vmId: VmId });

export const ServiceRef = z.object({ serviceId: ServiceId });
export const PlanRef = z.object({ planId: PlanId });

/** One VM to move: where it is (as the window last saw it) and where the admin wants it. */
export const VmMove = z.object({ vmId: VmId, fromHostId: HostId, toHostId: HostId });
export type VmMove = z.infer<typeof VmMove>;

export const PlanMovesRequest = z.object({
  moves: z.array(VmMove).min(1).max(LIMITS.movesPerPlan),
  /** Steps at once (default 2). */
  concurrency: z.number().int().min(1).max(16).optional(),
});

export const AdoptRequest = z.object({
  serviceId: ServiceId,
  applicationId: ApplicationId,
  vms: z
    .array(z.object({ hostId: HostId, vmId: VmId }))
    .min(1)
    .max(LIMITS.vmsPerAdopt),
});

/** What the About box shows: the console's version and what it runs on. */
export const AboutInfo = z.object({
  name: z.string(),
  version: z.string(),
  /** The core's runtime: Node always; Electron and Chrome in the desktop window only. */
  node: z.string(),
  electron: z.string().optional(),
  chrome: z.string().optional(),
});
export type AboutInfo = z.infer<typeof AboutInfo>;

/**
 * The one list of requests the window can make. Each entry carries its request and response schema;
 * the core validates every request with it, the preload allow-lists exactly these keys, and a test
 * checks that every entry has exactly one handler.
 */
export const requests = {
  'fleet:snapshot': { req: z.object({}), res: FleetSnapshot },
  'hosts:add': { req: AddHostRequest, res: Host },
  'hosts:update': { req: UpdateHostRequest, res: Host },
  'hosts:trust-key': { req: TrustHostKeyRequest, res: Host },
  'hosts:reconnect': { req: ReconnectRequest, res: Host },
  'hosts:disconnect': { req: HostRef, res: Host },
  'hosts:remove': { req: HostRef, res: Nothing },
  'hosts:set-labels': { req: z.object({ hostId: HostId, labels: RequestLabels }), res: Host },
  /** Read ~/.ssh/config or an Ansible inventory: what each host would be; nothing is added. */
  'hosts:import-preview': { req: ImportPreviewRequest, res: ImportPreview },
  /** Add the checked hosts of a preview; each then connects (and asks for its key) as hosts:add. */
  'hosts:import': { req: ImportHostsRequest, res: ImportHostsResult },
  /** Ask a host's BMC its power state through the route given (nothing is switched or saved). */
  'power:test': { req: PowerTestRequest, res: PowerReading },
  'vms:action': { req: VmActionRequest, res: Nothing },
  'demo:set': { req: z.object({ enabled: z.boolean() }), res: Nothing },

  // Services: definitions (forms, YAML), then plans that act on hosts.
  'services:list': { req: z.object({}), res: ServiceCatalog },
  /** Create or replace a service and its applications (validated as a whole). */
  'services:save': { req: ServiceBundle, res: ServiceBundle },
  /** Place the whole service with the engine: a plan to review, or why it cannot fit. */
  'services:plan-deploy': { req: ServiceRef, res: Proposal },
  'services:start': { req: ServiceRef, res: Plan },
  'services:stop': { req: ServiceRef, res: Plan },
  /** Stop and undefine the service's VMs, then forget its definition: a plan to review. */
  'services:plan-delete': { req: ServiceRef, res: Plan },
  /** Tag existing VMs as replicas of an application (domain <metadata>), as a plan that runs at once. */
  'services:adopt': { req: AdoptRequest, res: Plan },

  // Plans: every change on hosts is one, journaled step by step.
  'plans:list': { req: z.object({}), res: z.array(Plan) },
  'plans:approve': { req: PlanRef, res: Plan },
  'plans:discard': { req: PlanRef, res: Plan },
  'plans:cancel': { req: PlanRef, res: Plan },
  /** Finish an interrupted or failed plan: steps already done (as the hosts report) are not re-run. */
  'plans:resume': { req: PlanRef, res: Plan },
  /** Reverse what an interrupted, failed or cancelled plan did, as a new plan that runs at once. */
  'plans:rollback': { req: PlanRef, res: Plan },
  /** The reverse of a finished move or evacuation, re-checked against the fleet now: to review. */
  'plans:plan-undo': { req: PlanRef, res: Proposal },

  // Moves: drag and drop, "Move to…", maintenance.
  /** Check the moves as one set with the engine: a plan to review (live/cold, estimate), or refusals. */
  'vms:plan-moves': { req: PlanMovesRequest, res: Proposal },
  /** Enter: mark the host and propose its evacuation plan. Leave: the host takes VMs again. */
  'hosts:set-maintenance': {
    req: z.object({ hostId: HostId, maintenance: z.boolean() }),
    res: z.object({ host: Host, evacuation: Proposal.optional() }),
  },
  // Recovery of a failed host (issue 13): the gate (witnessed down, fenced or confirmed) and the plan.
  /**
   * Restart a lost host's service VMs on survivors: a plan to review (approved with plans:approve)
   * once it is witnessed down and off (BMC, or the admin's typed name), else why not and what would move.
   */
  'recovery:propose': { req: RecoveryRequest, res: RecoveryProposal },
  /** The VMs outside any service marked HA: a recovery restarts them too (by UUID). */
  'recovery:ha-marks': { req: z.object({}), res: z.array(VmId) },
  /** Mark one VM HA (restart on another host if its host fails), or unmark it: the marks after. */
  'recovery:set-ha': { req: z.object({ vmId: VmId, ha: z.boolean() }), res: z.array(VmId) },
  /**
   * The demo only: make a demo host fail (`down`: silent for everyone; `partition`: cut off from the
   * console alone) or come back (`none`), through the same links and witnesses as a real host.
   */
  'demo:outage': {
    req: z.object({ hostId: HostId, outage: z.enum(['down', 'partition', 'none']) }),
    res: Nothing,
  },

  /** Host-to-host migration paths as last checked. */
  'paths:list': { req: z.object({}), res: z.array(MigrationPath) },
  /** Check the paths again now (all pairs, or those from/to one host). */
  'paths:check': { req: z.object({ hostId: HostId.optional() }), res: z.array(MigrationPath) },
  /**
   * Probe again now every ordered pair among these hosts (a zone or rack of the network view);
   * more than GROUP_CHECK_MAX_HOSTS usable hosts is refused in words, nothing probed.
   */
  'paths:check-group': {
    req: z.object({ hostIds: z.array(HostId).min(1).max(10_000) }),
    res: GroupPathCheck,
  },
  // Settings: one document for the whole console; every change is pushed as settings:changed.
  'settings:get': { req: z.object({}), res: Settings },
  /** Change some settings (the rest keep their value); refused whole when any value is out of range. */
  'settings:update': { req: SettingsPatch, res: Settings },
  'app:about': { req: z.object({}), res: AboutInfo },
  /** Inventory files kept aside at start-up (damaged, empty …) that the admin has not dismissed. */
  'inventory:notices': { req: z.object({}), res: z.array(InventoryNotice) },
  /** The admin starts fresh: the notices go (the kept files stay on disk). */
  'inventory:dismiss-notices': { req: z.object({}), res: Nothing },
  // Metrics: utilisation sampled from every connected host, history in tiers (shared/domain/metrics).
  /** One metric of one host or VM over a range, from the tier that fits. */
  'metrics:series': { req: MetricSeriesRequest, res: MetricSeries },
  /** Every connected host's latest sample (then metrics:sampled keeps them current). */
  'metrics:latest': { req: z.object({}), res: z.array(HostSample).max(100_000) },
  // Alerts: rules, the alerts they open, the webhook (shared/domain/alert).
  'alerts:rules': { req: z.object({}), res: z.array(AlertRule).max(MAX_ALERT_RULES) },
  /** Create (no id) or replace a rule; refused whole when any field is out of range. */
  'alerts:save-rule': { req: SaveAlertRuleRequest, res: AlertRule },
  /** Delete a rule; its open alerts resolve, its history stays. */
  'alerts:delete-rule': { req: z.object({ ruleId: AlertRuleId }), res: Nothing },
  'alerts:export-rules': { req: z.object({}), res: AlertRulesYaml },
  /** What importing the YAML would do; a bad file fails naming the line and field, nothing changes. */
  'alerts:import-preview': { req: AlertRulesYaml, res: AlertImportPreview },
  /** Import: rules of a known name replace it, the others are added. All or nothing. */
  'alerts:import': { req: AlertRulesYaml, res: z.array(AlertRule).max(MAX_ALERT_RULES) },
  /** Open alerts, and resolved ones newest first (bounded). */
  'alerts:list': { req: ListAlertsRequest, res: AlertList },
  'alerts:acknowledge': { req: AcknowledgeAlertRequest, res: Alert },
  'alerts:webhook': { req: z.object({}), res: WebhookState },
  'alerts:set-webhook': { req: WebhookSettings, res: WebhookState },
  /** POST a test payload to the configured URL now; the status after that one attempt. */
  'alerts:test-webhook': { req: z.object({}), res: WebhookStatus },
  /** Where utilisation comes from: SSH, or Prometheus with the hosts it serves and the ones it does not. */
  'metrics:source': { req: z.object({}), res: MetricsSourceStatus },
  /**
   * Ask a Prometheus (not yet saved) which hosts of the registry it would serve, connected or not:
   * Prometheus scrapes a host whatever our link to it, and an admin setting the URL and the
   * overrides wants every host's match now, not only those that happen to be connected.
   */
  'metrics:prometheus-test': {
    req: z.object({ url: z.string().min(1).max(2048) }),
    res: PrometheusTestResult,
  },
  /** The last `limit` info lines and the last `limit` warnings and errors, oldest first. */
  'log:recent': {
    req: z.object({ limit: z.number().int().min(1).max(10_000).default(200) }),
    res: z.array(LogEntry),
  },
  // A host's storage pools and networks (issue 15 item 3): read when its details are opened.
  /** `virsh pool-list --all` and `net-list --all`, each with its XML: sizes, state, autostart. */
  'hosts:storage': { req: HostRef, res: HostStorage },
  // VM details and consoles (issue 15): read when a VM is opened, over the host's link.
  /** Disks, NICs and addresses, OS, uptime, autostart and the domain XML of one VM. */
  'vms:details': { req: VmRef, res: VmFullDetails },
  /** Start the VM with its host (`virsh autostart`), or not. */
  'vms:set-autostart': { req: VmRef.extend({ autostart: z.boolean() }), res: Nothing },
  /** Open the VM's serial console (`virsh console --force`); its output comes as console:output. */
  'console:open': {
    req: VmRef.extend({ size: TerminalCells }),
    res: z.object({ consoleId: ConsoleId }),
  },
  /**
   * Open the VM's graphical console (its VNC or SPICE display, reached through the host's SSH
   * connection): the bytes come as console:output and go back as console:input in base64; the
   * window speaks the protocol (noVNC for RFB, spice-html5 for SPICE's main channel).
   */
  'console:open-graphics': {
    req: VmRef,
    res: z.object({ consoleId: ConsoleId, protocol: GraphicsProtocol }),
  },
  /**
   * Another connection to a SPICE display's port (its display, inputs, cursor… channels), carried
   * like the console it belongs to and closed with it; at most SPICE_MAX_CHANNELS per display.
   */
  'console:open-channel': {
    req: z.object({ consoleId: ConsoleId }),
    res: z.object({ consoleId: ConsoleId }),
  },
  /** Keys and pastes, as typed (UTF-8); a graphical console's bytes, in base64. */
  'console:input': {
    req: z.object({
      consoleId: ConsoleId,
      data: z.string().min(1).max(CONSOLE_INPUT_CHARS),
      encoding: z.enum(['utf8', 'base64']).default('utf8'),
    }),
    res: Nothing,
  },
  'console:resize': { req: z.object({ consoleId: ConsoleId, size: TerminalCells }), res: Nothing },
  /** Bytes of output the window has drawn (0: only "still here"); reading resumes past a pause. */
  'console:ack': {
    req: z.object({
      consoleId: ConsoleId,
      bytes: z
        .number()
        .int()
        .min(0)
        .max(1 << 30),
    }),
    res: Nothing,
  },
  'console:close': { req: z.object({ consoleId: ConsoleId }), res: Nothing },
  // Bulk power actions (issue 15): one action on a selection or a host's VMs, proposed as a plan.
  'vms:plan-power': { req: PowerRequest, res: Plan },
  // Snapshots (issue 15 item 4): read when a VM is opened; each change proposed as a plan.
  /** The VM's snapshots, with their parents (the tree) and the current one. */
  'vms:snapshots': { req: VmRef, res: VmSnapshotList },
  /** Take, revert to or delete a snapshot: a plan to review (approved with plans:approve). */
  'vms:plan-snapshot': { req: SnapshotRequest, res: Plan },
  // New VMs and clones (issue 15 item 5): each proposed as a plan (approved with plans:approve).
  /** The pools, networks and volumes the New VM wizard offers, for one host or the fleet. */
  'vms:create-choices': { req: CreateChoicesRequest, res: CreateChoices },
  /** A new VM placed (by the engine, or on the host asked) and planned: volume, define, start. */
  'vms:plan-create': { req: CreateVmRequest, res: Plan },
  /** A copy of a shut-off VM on its host: its disks copied, defined with a new UUID and MACs. */
  'vms:plan-clone': { req: CloneVmRequest, res: Plan },
} as const;

export type Requests = typeof requests;
export type RequestChannel = keyof Requests;
/** What a caller passes (defaults not yet applied). */
export type RequestOf<C extends RequestChannel> = z.input<Requests[C]['req']>;
/** What a handler receives (parsed, defaults applied). */
export type ParsedRequestOf<C extends RequestChannel> = z.output<Requests[C]['req']>;
export type ResponseOf<C extends RequestChannel> = z.output<Requests[C]['res']>;

export const requestChannels = Object.keys(requests) as RequestChannel[];
