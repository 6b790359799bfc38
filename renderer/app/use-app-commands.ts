import { useEffect } from 'react';
import type { MenuCommand } from '../../shared/contract/events';
import { forTheWindow, matches } from './shortcuts';
import { useUiStore } from './ui-store';
import { focusSearch } from '../features/search/focus-search';

/** What a menu item or a window shortcut asks for, done the same way whichever asked. */
export function runCommand(command: MenuCommand): void {
  const ui = useUiStore.getState();
  if (command === 'add-host') ui.openAddHost();
  else ui.openAppDialog(command);
}

/**
 * The window's own shortcuts: `?`, Ctrl+, and `/` or Ctrl+F (the search box). (The desktop menu's app:menu-command events reach
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
      } else if (matches('focusSearch', event) || matches('focusSearchFind', event)) {
        // Ctrl+F too: the browser's find cannot see the cards that are not drawn.
        event.preventDefault();
        focusSearch();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
