import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { chooseBridge } from './api/bridge';
import { App } from './app/App';
import { MissingToken } from './app/MissingToken';
import { Providers } from './app/Providers';
import { applyTheme } from './app/theme';
import './app/theme.css';
import './app/app.css';
import './ui/ui.css';
import './features/topology/topology.css';
import './features/hosts/hosts.css';
import './features/health/health.css';
import './features/create-vm/create-vm.css';

const rootElement = document.getElementById('root');
if (!rootElement) throw new Error('index.html has no #root');

// Before the first paint: the stored or system theme, so a dark window does not flash light.
applyTheme();
const choice = chooseBridge();
createRoot(rootElement).render(
  <StrictMode>
    {choice.kind === 'ready' ? (
      <Providers bridge={choice.bridge} connection={choice.connection}>
        <App />
      </Providers>
    ) : (
      <MissingToken />
    )}
  </StrictMode>,
);
