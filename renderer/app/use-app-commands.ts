import { useEffect } from 'react';
import type { MenuCommand } from '../../shared/contract/events';
import { forTheWindow, matches } from './shortcuts';
import { useUiStore } from './ui-store';

/** What a menu item or a window shortcut asks for, done the same way whichever asked. */
export function runCommand(command: MenuCommand): void {
  const ui = useUiStore.getState();
  if (command === 'add-host') ui.openAddHost();
  else ui.openAppDialog(command);
}

/**
 * The window's own shortcuts: `?` and Ctrl+,. (The desktop menu's app:menu-command events reach
 * `runCommand` through the event bridge; the web shell has no menu and never sends them.)
 */
export function useAppCommands(): void {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (!forTheWindow(event)) return;
      if (matches('showShortcuts', event)) {
        event.preventDefault();
        runCommand('shortcuts');
      } else if (matches('openSettings', event)) {
        event.preventDefault();
        runCommand('settings');
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
