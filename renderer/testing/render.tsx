import { QueryClient } from '@tanstack/react-query';
import { render, type RenderResult } from '@testing-library/react';
import type { ReactNode } from 'react';
import { Providers } from '../app/Providers';
import { useUiStore } from '../app/ui-store';
import type { ConnectionSource } from '../api/ws-bridge';
import type { FakeBridge } from './fake-bridge';

/** Renders under the real providers over a fake bridge, with a fresh cache and UI store. */
export function renderWithApi(
  ui: ReactNode,
  bridge: FakeBridge,
  options: { connection?: ConnectionSource } = {},
): RenderResult & { queryClient: QueryClient } {
  useUiStore.setState(useUiStore.getInitialState(), true);
  delete document.body.dataset.ready;
  const queryClient = new QueryClient({
    defaultOptions: { queries: { retry: false }, mutations: { retry: false } },
  });
  const result = render(
    <Providers bridge={bridge} connection={options.connection} queryClient={queryClient}>
      {ui}
    </Providers>,
  );
  return { ...result, queryClient };
}
