import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  app,
  BrowserWindow,
  dialog,
  ipcMain,
  Menu,
  Notification,
  safeStorage,
  session,
} from 'electron';
import type { LogEntry } from '../shared/domain/log';
import { AppError } from '../shared/errors';
import { createNamer } from '../shared/words/namer';
import { notifyFiredAlerts } from './alert-notifications';
import { registerAppScheme, serveAppProtocol } from './app-protocol';
import { createCore, type Core } from './core/core';
import { createRouter } from './core/router';
import { demoSizeArg, parseDemoSize } from './core/hosts/demo-size';
import { registerIpc } from './ipc/register-ipc';
import { safeStorageBox } from './safe-storage-box';
import { menuTemplate } from './menu';
import { denyPermissions, hardenWebContents } from './web-contents-guard';
import { createMainWindow } from './window';
import { APP_ENTRY_URL, isAppUrl } from './window-options';

// Wiring only: the core does the work, the modules imported above hold the rules.
const here = dirname(fileURLToPath(import.meta.url)); // out/main
const preloadPath = join(here, '../preload/preload.cjs');
const rendererDir = join(here, '../renderer');
// electron-vite dev serves the window from Vite; a packaged app never does.
const devServerUrl = app.isPackaged ? undefined : process.env.ELECTRON_RENDERER_URL;

registerAppScheme();
app.enableSandbox();
hardenWebContents(app);

// One console per user: two would rewrite the same inventory file.
if (!app.requestSingleInstanceLock()) app.quit();
else void app.whenReady().then(start);

async function start(): Promise<void> {
  denyPermissions(session.defaultSession);
  serveAppProtocol(rendererDir);
  // `npm start -- --demo-size 1000x10`: a big demo fleet, to see the console at scale without a lab.
  const demoSize = demoSizeArg(process.argv);
  const size = demoSize === undefined ? undefined : parseDemoSize(demoSize);
  if (size && !size.ok) {
    console.error(size.message);
    app.exit(2);
    return;
  }
  const core = createCore({
    dataDir: app.getPath('userData'),
    onLog: printLog,
    // BMC passwords sealed with the OS keychain (the web console keeps them in a 0600 file).
    secretBox: safeStorageBox(safeStorage),
    ...(size?.ok ? { demo: { fleet: size.fleet } } : {}),
  });
  try {
    await core.start();
  } catch (error) {
    dialog.showErrorBox('Federator could not start', AppError.from(error).message);
    app.exit(1);
    return;
  }
  registerIpc({
    ipcMain,
    router: createRouter(core.handlers),
    events: core.events,
    isTrustedUrl: (url) => isAppUrl(url, devServerUrl),
    targets: () => BrowserWindow.getAllWindows().map((window) => window.webContents),
  });
  const open = (): BrowserWindow =>
    createMainWindow({ preloadPath, url: devServerUrl ?? APP_ENTRY_URL, packaged: app.isPackaged });
  let window = open();
  Menu.setApplicationMenu(
    Menu.buildFromTemplate(
      menuTemplate({
        isPackaged: app.isPackaged,
        platform: process.platform,
        // The menu acts on the window it belongs to: the focused one, else the main one.
        send: (command) => {
          const target = BrowserWindow.getFocusedWindow() ?? window;
          if (!target.isDestroyed()) target.webContents.send('app:menu-command', { command });
        },
      }),
    ),
  );
  app.on('second-instance', () => {
    if (window.isDestroyed()) window = open();
    if (window.isMinimized()) window.restore();
    window.focus();
  });
  app.on('window-all-closed', () => app.quit());
  if (Notification.isSupported())
    notifyFiredAlerts({
      events: core.events,
      names: async () => {
        const [fleet, catalog] = await Promise.all([
          core.handlers['fleet:snapshot']({}),
          core.handlers['services:list']({}),
        ]);
        return createNamer({ ...fleet, services: catalog.services });
      },
      show: ({ title, body, critical }) =>
        new Notification({ title, body, urgency: critical ? 'critical' : 'normal' }).show(),
    });
  stopCoreBeforeQuit(core);
}

/** Quitting waits for the core: pending inventory writes land and host links close cleanly. */
function stopCoreBeforeQuit(core: Core): void {
  let stopped = false;
  app.on('will-quit', (event) => {
    if (stopped) return;
    event.preventDefault();
    void core
      .stop()
      .catch((error: unknown) => console.error('Federator: stopping the core failed', error))
      .finally(() => {
        stopped = true;
        app.quit();
      });
  });
}

function printLog(entry: LogEntry): void {
  if (entry.level !== 'info') console.warn(`${entry.level}: ${entry.message}`);
}
