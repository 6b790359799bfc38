import type { MenuItemConstructorOptions } from 'electron';
import type { MenuCommand } from '../shared/contract/events';

/**
 * The desktop window's application menu, as plain data (tested without Electron). Items that need
 * the window send it a command (`app:menu-command`); the rest are Electron's standard roles.
 */
export function menuTemplate(options: {
  isPackaged: boolean;
  platform: NodeJS.Platform;
  send: (command: MenuCommand) => void;
}): MenuItemConstructorOptions[] {
  const item = (label: string, command: MenuCommand, accelerator?: string) => ({
    label,
    click: () => options.send(command),
    ...(accelerator === undefined ? {} : { accelerator }),
  });
  const mac = options.platform === 'darwin';
  return [
    // macOS puts Quit and friends under the application's own menu, first.
    ...(mac ? [{ role: 'appMenu' as const }] : []),
    {
      label: 'File',
      submenu: [
        item('Add host…', 'add-host'),
        item('Settings…', 'settings', 'CmdOrCtrl+,'),
        ...(mac ? [] : [{ type: 'separator' as const }, { role: 'quit' as const }]),
      ],
    },
    {
      label: 'Edit',
      submenu: [
        { role: 'undo' },
        { role: 'redo' },
        { type: 'separator' },
        { role: 'cut' },
        { role: 'copy' },
        { role: 'paste' },
        { role: 'selectAll' },
      ],
    },
    {
      label: 'View',
      submenu: [
        { role: 'reload' },
        // DevTools is for whoever builds the console, not for an admin's packaged copy.
        ...(options.isPackaged ? [] : [{ role: 'toggleDevTools' as const }]),
        { type: 'separator' },
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
      ],
    },
    {
      label: 'Help',
      submenu: [item('Keyboard shortcuts', 'shortcuts'), item('About Federator', 'about')],
    },
  ];
}
