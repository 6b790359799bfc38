import { BrowserWindow, type App, type Session } from 'electron';
import { isAllowedPermission, mainWindowOptions } from './window-options';

/**
 * Rules for every web contents the app ever creates, not just the main window: no navigation away,
 * no new windows (and so no openExternal of whatever a page asked for), no <webview>.
 */
export function hardenWebContents(app: App): void {
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-navigate', (event) => event.preventDefault());
    contents.on('will-redirect', (event) => event.preventDefault());
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  });
}

/** Camera, notifications, geolocation …: the console needs none; only clipboard writes pass. */
export function denyPermissions(session: Session): void {
  session.setPermissionRequestHandler((_contents, permission, callback) =>
    callback(isAllowedPermission(permission)),
  );
  session.setPermissionCheckHandler((_contents, permission) => isAllowedPermission(permission));
}

export function createMainWindow(options: { preloadPath: string; url: string }): BrowserWindow {
  const window = new BrowserWindow(mainWindowOptions(options.preloadPath));
  window.once('ready-to-show', () => window.show());
  window.loadURL(options.url).catch((error: unknown) => {
    console.error(`Federator: couldn't load the window from ${options.url}`, error);
  });
  return window;
}
