import { describe, expect, it } from 'vitest';
import type { MenuItemConstructorOptions } from 'electron';
import type { MenuCommand } from '../shared/contract/events';
import { menuTemplate } from './menu';

function build(isPackaged: boolean, platform: NodeJS.Platform = 'linux') {
  const sent: MenuCommand[] = [];
  const menu = menuTemplate({ isPackaged, platform, send: (c) => sent.push(c) });
  return { menu, sent };
}

const items = (menu: MenuItemConstructorOptions[], label: string): MenuItemConstructorOptions[] => {
  const top = menu.find((m) => m.label === label);
  if (!Array.isArray(top?.submenu)) throw new Error(`no ${label} menu`);
  return top.submenu;
};
const names = (list: MenuItemConstructorOptions[]) => list.map((i) => i.label ?? i.role ?? i.type);

function click(item: MenuItemConstructorOptions | undefined): void {
  // The menu calls click with (item, window, event); ours reads none of them.
  (item?.click as (() => void) | undefined)?.();
}

describe('application menu', () => {
  it('has File, Edit, View and Help with the standard roles', () => {
    const { menu } = build(false);
    expect(menu.map((m) => m.label)).toEqual(['File', 'Edit', 'View', 'Help']);
    expect(names(items(menu, 'File'))).toEqual(['Add host…', 'Settings…', 'separator', 'quit']);
    expect(names(items(menu, 'Edit'))).toEqual([
      'undo',
      'redo',
      'separator',
      'cut',
      'copy',
      'paste',
      'selectAll',
    ]);
    expect(names(items(menu, 'Help'))).toEqual(['Keyboard shortcuts', 'About Federator']);
  });

  it('sends the window its command for every item that needs it', () => {
    const { menu, sent } = build(false);
    for (const label of ['File', 'Help']) {
      for (const item of items(menu, label)) click(item);
    }
    expect(sent).toEqual(['add-host', 'settings', 'shortcuts', 'about']);
  });

  it('offers DevTools only in a development build', () => {
    expect(names(items(build(false).menu, 'View'))).toContain('toggleDevTools');
    const packaged = names(items(build(true).menu, 'View'));
    expect(packaged).not.toContain('toggleDevTools');
    expect(packaged).toEqual(
      expect.arrayContaining(['reload', 'resetZoom', 'zoomIn', 'zoomOut', 'togglefullscreen']),
    );
  });

  it('on macOS puts the application menu first and Quit there, not under File', () => {
    const { menu } = build(true, 'darwin');
    expect(menu[0]).toEqual({ role: 'appMenu' });
    expect(names(items(menu, 'File'))).toEqual(['Add host…', 'Settings…']);
  });
});
