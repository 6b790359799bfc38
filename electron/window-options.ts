import type { BrowserWindowConstructorOptions } from 'electron';

// Type-only import above: this module stays pure, so its tests run without the Electron binary.

/** The window is served from app://federator/ (a custom protocol), never from file://. */
export const APP_SCHEME = 'app';
export const APP_HOST = 'federator';
export const APP_ENTRY_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;

/**
 * The one BrowserWindow's options. Every switch that matters for security is spelled out, even where
 * it is Electron's default, so that a test reads them and a later default change cannot slip by.
 */
export function mainWindowOptions(
  preloadPath: string,
  build: { packaged: boolean },
): BrowserWindowConstructorOptions {
  return {
    title: 'Federator',
    width: 1440,
    height: 900,
    minWidth: 960,
    minHeight: 600,
    show: false, // shown on ready-to-show: no white flash
    autoHideMenuBar: true,
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      // Dropping a file on the window (it is full of drag and drop) must not navigate away.
      navigateOnDragDrop: false,
      safeDialogs: true,
      spellcheck: false,
      // Off in a packaged build, so that no menu entry or shortcut (Ctrl+Shift+I) can open them:
      // DevTools would read and call everything the window can, the bridge to the core included.
      devTools: !build.packaged,
    },
  };
}

/**
 * Whether a frame's URL is our window: app://federator/…, or in development (never when packaged)
 * the Vite dev server electron-vite started.
 */
export function isAppUrl(url: string, devServerUrl?: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  // A custom scheme's URL has an opaque origin ("null"): compare scheme and host instead.
  if (parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST) return true;
  if (devServerUrl === undefined) return false;
  try {
    return parsed.origin === new URL(devServerUrl).origin;
  } catch {
    return false;
  }
}

/** Permissions the window may have: writing a fingerprint or an address to the clipboard. */
export function isAllowedPermission(permission: string): boolean {
  return permission === 'clipboard-sanitized-write';
}
