import packageJson from '../../../package.json';
import type { AboutInfo } from '../../../shared/contract/requests';
import { attempt, type CoreContext } from '../context/core-context';
import type { Handlers } from './handler-types';

/** Settings (read and change, applied live) and what the About box shows. */
export function settingsHandlers(
  ctx: CoreContext,
): Pick<Handlers, 'settings:get' | 'settings:update' | 'app:about'> {
  return {
    'settings:get': () => Promise.resolve(ctx.settings.get()),
    'settings:update': (req) =>
      attempt("Couldn't change the settings", () => ctx.settings.update(req)),
    'app:about': () => Promise.resolve(aboutInfo()),
  };
}

/** The version from package.json; Electron and Chrome only when the core runs in the desktop app. */
export function aboutInfo(
  versions: { node: string; electron?: string; chrome?: string } = process.versions,
): AboutInfo {
  return {
    name: 'Federator',
    version: packageJson.version,
    node: versions.node,
    ...(versions.electron === undefined ? {} : { electron: versions.electron }),
    ...(versions.chrome === undefined ? {} : { chrome: versions.chrome }),
  };
}
