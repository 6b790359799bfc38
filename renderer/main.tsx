import './app/theme.css';
import './app/app.css';
import './ui/ui.css';
import './features/topology/topology.css';
import './features/hosts/hosts.css';
import './features/health/health.css';
import './features/create-vm/create-vm.css';
import { takePageToken } from './api/page-token';
import { showStartFailure } from './app/start-failure';
import { applyTheme } from './app/theme';
import { nextTask } from './ui/next-task';

const rootElement = document.getElementById('root');
if (!rootElement) throw new Error('index.html has no #root');

// Before the first paint: the stored or system theme, so a dark window does not flash light.
applyTheme();
// The web shell's access token out of the address bar at once, not after the code below has loaded
// (chooseBridge reads it back from where it is kept).
takePageToken(window);

// The window's code (about 1 MB) run as one module graph held the page for 84–133 ms before any
// data (issue 14: no task over 50 ms). Most of it is code run for the first time, so it runs in
// stages, each in a task of its own: React DOM (about 40 ms); the data layer, with zod building
// the contract's schemas; the features; then the first render. (An import whose code is already
// fetched may run in the task that asks for it: hence a new task before each.)
try {
  await nextTask();
  await import('react-dom/client');
  await nextTask();
  await Promise.all([import('./api/bridge'), import('./app/Providers')]);
  await nextTask();
  const { startWindow } = await import('./app/start-window');
  await nextTask();
  startWindow(rootElement);
} catch (error) {
  showStartFailure(rootElement, error);
}
