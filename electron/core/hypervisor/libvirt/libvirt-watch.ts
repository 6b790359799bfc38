import { AppError } from '../../../../shared/errors';
import { virsh, type DriverContext } from './driver-context';
import type { WatchHandlers as DriverWatchHandlers } from '../hypervisor-driver';
import { lifecycleEventOf } from './lifecycle-event';
import { parseEventLine } from './parse-event';

export interface WatchHandlers extends DriverWatchHandlers {
  /** An event named this domain (its cached definition is stale). */
  onDomain(name: string): void;
}

/**
 * One long-lived `virsh event --all --loop` per host. Events come in bursts (a destroy is
 * "Shutdown" then "Stopped"), so changes are debounced into one re-list. The returned function
 * stops watching; it never reports that stop as a break.
 */
export async function watchEvents(
  ctx: DriverContext,
  handlers: WatchHandlers,
  debounceMs = 30,
): Promise<() => void> {
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  const fire = (): void => {
    timer = undefined;
    if (!stopped) handlers.onChange();
  };
  const stream = await ctx.shell.stream(virsh(ctx, 'event', '--all', '--loop'), {
    onLine(line) {
      const event = parseEventLine(line);
      if (event === undefined || stopped) return;
      if (event.domain !== undefined) handlers.onDomain(event.domain);
      // Said at once, not after the debounce: a crash reaches the log as fast as libvirt tells us.
      const lifecycle = handlers.onLifecycle && lifecycleEventOf(event);
      if (lifecycle) handlers.onLifecycle?.(lifecycle);
      timer ??= setTimeout(fire, debounceMs);
    },
    // One log line per dropped line: the stream goes on, the backstop poll covers the lost event.
    onDropped: (message) => ctx.warn?.(message),
    onClose(error) {
      if (timer !== undefined) clearTimeout(timer);
      timer = undefined;
      if (stopped) return;
      stopped = true;
      handlers.onBroken(
        (error ?? new AppError('command-failed', 'the event stream ended')).during(
          `The event stream of ${ctx.hostName} stopped`,
        ),
      );
    },
  });
  return () => {
    if (stopped) return;
    stopped = true;
    if (timer !== undefined) clearTimeout(timer);
    stream.close();
  };
}
