import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { chooseBridge } from '../api/bridge';
import { App } from './App';
import { MissingToken } from './MissingToken';
import { Providers } from './Providers';

/** The window drawn into its root element (main.tsx loads this in stages first). */
export function startWindow(rootElement: HTMLElement): void {
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
}
