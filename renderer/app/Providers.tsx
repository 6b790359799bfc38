import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import type { Bridge } from '../../shared/contract/bridge';
import type { AppError } from '../../shared/errors';
import { ApiProvider } from '../api/api-context';
import type { ConnectionSource } from '../api/ws-bridge';
import { runCommand } from './use-app-commands';

/** Retry by kind: only what may pass on its own (unreachable, timeout), and only for reads. */
export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        retry: (failures, error) => failures < 3 && (error as Partial<AppError>).retryable === true,
        refetchOnWindowFocus: false,
      },
      mutations: { retry: false },
    },
  });
}

const WINDOW_COMMANDS = { onMenuCommand: runCommand };

export function Providers(props: {
  bridge: Bridge;
  connection?: ConnectionSource | undefined;
  queryClient?: QueryClient;
  children: ReactNode;
}) {
  const [queryClient] = useState(() => props.queryClient ?? createQueryClient());
  return (
    <QueryClientProvider client={queryClient}>
      <ApiProvider bridge={props.bridge} connection={props.connection} commands={WINDOW_COMMANDS}>
        {props.children}
      </ApiProvider>
    </QueryClientProvider>
  );
}
