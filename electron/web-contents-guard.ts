import type { App, Session, WebContents } from 'electron';
import { isAllowedPermission } from './window-options';

// Type-only Electron imports: the rules below are tested with fake contents and sessions, since
// tests cannot load the Electron binary.

/**
 * Rules for every web contents the app ever creates, not just the main window: no navigation away,
 * no new windows (and so no openExternal of whatever a page asked for), no <webview>.
 */
export function hardenWebContents(app: App): void {
  app.on('web-contents-created', (_event, contents) => guardContents(contents));
}

export function guardContents(contents: WebContents): void {
  contents.on('will-navigate', (event) => event.preventDefault());
  // Sub-frames too: will-navigate only sees the main frame.
  contents.on('will-frame-navigate', (event) => event.preventDefault());
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}

/** Camera, notifications, geolocation …: the console needs none; only clipboard writes pass. */
export function denyPermissions(session: Session): void {
  session.setPermissionRequestHandler((_contents, permission, callback) =>
    callback(isAllowedPermission(permission)),
  );
  session.setPermissionCheckHandler((_contents, permission) => isAllowedPermission(permission));
}
