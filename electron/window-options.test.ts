import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from './content-policy';
import { APP_ENTRY_URL, isAllowedPermission, isAppUrl, mainWindowOptions } from './window-options';

describe('window security', () => {
  const prefs =
    mainWindowOptions('/app/out/preload/preload.cjs', { packaged: true }).webPreferences ?? {};

  it('isolates and sandboxes the window, with no Node in it', () => {
    expect(prefs).toMatchObject({
      preload: '/app/out/preload/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
    });
  });

  it('keeps the web platform safeties on and the risky extras off', () => {
    expect(prefs).toMatchObject({
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
    });
  });

  it('has no DevTools in a packaged build, so no menu or shortcut opens them; has them in development', () => {
    expect(prefs.devTools).toBe(false);
    const dev = mainWindowOptions('/app/out/preload/preload.cjs', { packaged: false });
    expect(dev.webPreferences?.devTools).toBe(true);
  });

  it('loads the window from the app protocol, not from file://', () => {
    expect(APP_ENTRY_URL).toBe('app://federator/index.html');
    expect(isAppUrl(APP_ENTRY_URL)).toBe(true);
  });

  it('trusts only our own frames as IPC senders', () => {
    expect(isAppUrl('app://federator/assets/x.js')).toBe(true);
    expect(isAppUrl('app://other/index.html')).toBe(false);
    expect(isAppUrl('file:///app/out/renderer/index.html')).toBe(false);
    expect(isAppUrl('https://evil.example/')).toBe(false);
    expect(isAppUrl('not a url')).toBe(false);
    expect(isAppUrl('http://localhost:5173/')).toBe(false);
    expect(isAppUrl('http://localhost:5173/', 'http://localhost:5173')).toBe(true);
    expect(isAppUrl('http://localhost:5174/', 'http://localhost:5173')).toBe(false);
  });

  it('has a strict content security policy', () => {
    const directives = new Map(
      CONTENT_SECURITY_POLICY.split(';').map((d) => {
        const [name = '', ...values] = d.trim().split(/\s+/);
        return [name, values];
      }),
    );
    expect(directives.get('default-src')).toEqual(["'self'"]);
    expect(directives.get('script-src')).toEqual(["'self'"]);
    expect(directives.get('connect-src')).toEqual(["'self'"]);
    expect(directives.get('object-src')).toEqual(["'none'"]);
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-eval|unsafe-inline|\*/);
  });

  it('grants no permission but writing to the clipboard', () => {
    expect(isAllowedPermission('clipboard-sanitized-write')).toBe(true);
    for (const p of ['media', 'geolocation', 'notifications', 'openExternal', 'clipboard-read']) {
      expect(isAllowedPermission(p)).toBe(false);
    }
  });
});
