import { SettingsDialog } from '../features/settings/SettingsDialog';
import { AboutDialog } from './AboutDialog';
import { ShortcutsDialog } from './ShortcutsDialog';
import { useUiStore } from './ui-store';

/** Whichever of the window's own dialogs is open: settings, shortcuts, About. */
export function AppDialogs() {
  const open = useUiStore((s) => s.appDialog);
  const close = () => useUiStore.getState().openAppDialog(null);
  if (open === 'settings') return <SettingsDialog onClose={close} />;
  if (open === 'shortcuts') return <ShortcutsDialog onClose={close} />;
  if (open === 'about') return <AboutDialog onClose={close} />;
  return null;
}
