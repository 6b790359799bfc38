import { AppError } from '../../shared/errors';
import { fixture } from '../core/hypervisor/libvirt/fixtures';
import type { ExecOptions, ExecResult, LineStream } from '../core/ssh/remote-shell';
import type { LinkSession } from '../core/ssh/link-session';

export interface FakeDomain {
  uuid: string;
  name: string;
  /** virDomainState code: 1 running, 5 shut off … */
  state: number;
  application?: string;
  service?: string;
}

/**
 * A pretend libvirt host behind a LinkSession: it answers the driver's real command templates
 * (virsh batches, the facts script, actions by UUID, the event stream) from a small model, in the
 * format of the captured fixtures. For state-machine tests only: the lab tests prove the real path.
 */
export class FakeHost {
  domains: FakeDomain[] = [];
  /** Make listing commands hang (never answer) to exercise timeouts. */
  hang = false;
  virshMissing = false;
  /** Every command gets this answer, as from a host whose shell cannot run them. */
  failWith: ExecResult | undefined;
  /** Domains whose `dumpxml` prints something that is not a domain definition. */
  readonly brokenXml = new Set<string>();
  calls: string[][] = [];
  private readonly streams = new Set<{
    onLine(line: string): void;
    onClose(error?: AppError): void;
  }>();
  readonly sessions: FakeSession[] = [];

  session(fingerprint = 'SHA256:fake'): FakeSession {
    const session = new FakeSession(this, fingerprint);
    this.sessions.push(session);
    return session;
  }

  emit(line: string): void {
    for (const stream of this.streams) stream.onLine(line);
  }

  endStreams(): void {
    for (const stream of [...this.streams]) {
      this.streams.delete(stream);
      stream.onClose(new AppError('command-failed', 'virsh event ended'));
    }
  }

  get openStreams(): number {
    return this.streams.size;
  }

  answer(argv: readonly string[]): ExecResult | undefined {
    this.calls.push([...argv]);
    if (this.failWith) return this.failWith;
    if (argv[0] === 'sh') return this.facts(argv[4] ?? '');
    const script = argv[3] ?? '';
    if (this.hang) return undefined;
    if (['start', 'destroy', 'shutdown', 'reboot'].includes(script))
      return this.act(script, argv[4] ?? '');
    const separator = /echo (@@federator-[0-9a-f]+@@)/.exec(script)?.[1] ?? '';
    const parts = script.split(`; echo ${separator}; `).map((command) => this.virsh(command));
    return { code: 0, stdout: parts.join(`${separator}\n`), stderr: '' };
  }

  watch(handlers: { onLine(line: string): void; onClose(error?: AppError): void }): LineStream {
    this.streams.add(handlers);
    return { close: () => this.streams.delete(handlers) };
  }

  private facts(separator: string): ExecResult {
    const sections = fixture('os-facts.txt').split('@@federator-0011223344556677@@\n');
    if (this.virshMissing) sections[sections.length - 1] = '';
    return { code: 0, stdout: sections.join(`${separator}\n`), stderr: '' };
  }

  private virsh(command: string): string {
    if (command === 'version') return fixture('version.txt');
    if (command === 'uri') return fixture('uri.txt');
    if (command === 'capabilities') return fixture('capabilities-qemu-session.xml');
    if (command === 'list --all --uuid --name')
      return this.domains.map((d) => `${d.uuid} ${d.name}\n`).join('') + '\n';
    if (command === 'list --all --uuid --transient') return '\n';
    if (command.startsWith('domstats')) {
      return this.domains
        .map(
          (d) =>
            `Domain: '${d.name}'\n  state.state=${d.state}\n  state.reason=1\n  balloon.current=65536\n  vcpu.current=1\n\n`,
        )
        .join('');
    }
    const uuid = /^dumpxml (\S+)$/.exec(command)?.[1];
    const domain = this.domains.find((d) => d.uuid === uuid);
    if (domain === undefined) return '';
    if (this.brokenXml.has(domain.uuid)) return '<domain><name>half\n';
    const tag = domain.application
      ? `<metadata><f:vm xmlns:f="https://federator.dev/xmlns/vm/1" application="${domain.application}"${domain.service ? ` service="${domain.service}"` : ''}/></metadata>`
      : '';
    return `<domain type='qemu'><name>${domain.name}</name><uuid>${domain.uuid}</uuid>${tag}<memory unit='KiB'>65536</memory><vcpu>1</vcpu></domain>\n`;
  }

  private act(verb: string, uuid: string): ExecResult {
    const domain = this.domains.find((d) => d.uuid === uuid);
    if (domain === undefined)
      return { code: 1, stdout: '', stderr: `error: failed to get domain '${uuid}'\n` };
    if (verb === 'start' && domain.state === 1) {
      return {
        code: 1,
        stdout: '',
        stderr: `error: Failed to start domain '${uuid}'\nerror: Requested operation is not valid: domain is already active\n`,
      };
    }
    domain.state = verb === 'start' || verb === 'reboot' ? 1 : 5;
    return { code: 0, stdout: '', stderr: '' };
  }
}

export class FakeSession implements LinkSession {
  closed = false;
  private endedWith: AppError | undefined;
  private readonly listeners = new Set<(error?: AppError) => void>();
  private readonly pending = new Set<(error: AppError) => void>();

  constructor(
    private readonly host: FakeHost,
    readonly fingerprint: string,
  ) {}

  exec(argv: readonly string[], options: ExecOptions = {}): Promise<ExecResult> {
    if (this.closed) return Promise.reject(new AppError('unreachable', 'Lost the SSH connection'));
    const answer = this.host.answer(argv);
    if (answer !== undefined) return Promise.resolve(answer);
    return new Promise((_, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(fail);
        reject(
          new AppError(
            'timeout',
            `\`${argv.slice(0, 4).join(' ')}\` did not answer within ${options.timeoutMs} ms`,
          ),
        );
      }, options.timeoutMs ?? 15_000);
      const fail = (error: AppError): void => {
        clearTimeout(timer);
        reject(error);
      };
      this.pending.add(fail);
    });
  }

  stream(
    _argv: readonly string[],
    handlers: { onLine(line: string): void; onClose(error?: AppError): void },
  ): Promise<LineStream> {
    return Promise.resolve(this.host.watch(handlers));
  }

  onClose(listener: (error?: AppError) => void): () => void {
    if (this.closed) {
      // As SshSession: a listener that comes after the end still hears it.
      queueMicrotask(() => listener(this.endedWith));
      return () => undefined;
    }
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The network dropped: everything in flight fails, listeners hear the error. */
  lose(): void {
    this.end(
      new AppError('unreachable', 'hv1 (127.0.0.11:22) stopped answering (keepalive timed out)'),
    );
  }

  close(): Promise<void> {
    this.end(undefined);
    return Promise.resolve();
  }

  private end(error: AppError | undefined): void {
    if (this.closed) return;
    this.closed = true;
    this.endedWith = error;
    for (const fail of this.pending) fail(error ?? new AppError('unreachable', 'closed'));
    this.pending.clear();
    this.host.endStreams();
    for (const listener of this.listeners) listener(error);
    this.listeners.clear();
  }
}
