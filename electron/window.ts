import { BrowserWindow } from 'electron';
import { mainWindowOptions } from './window-options';

export function createMainWindow(options: {
  preloadPath: string;
  url: string;
  packaged: boolean;
}): BrowserWindow {
  const window = new BrowserWindow(
    mainWindowOptions(options.preloadPath, { packaged: options.packaged }),
  );
  window.once('ready-to-show', () => window.show());
  window.loadURL(options.url).catch((error: unknown) => {
    console.error(`Federator: couldn't load the window from ${options.url}`, error);
  });
  return window;
}
