import { useEffect } from 'react';
import { Badge, MantineProvider, createTheme } from '@mantine/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { BrowserRouter } from 'react-router';
import { ApiError, onApiError } from './api.ts';
import { SESSION_KEY, forgetSession, setSession, type Session } from './auth/session.ts';
import { AppRoutes } from './routes.tsx';
import { ErrorBoundary } from './components/error-boundary.tsx';

const theme = createTheme({
  primaryColor: 'teal',
  fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", Arial, sans-serif',
  components: {
    // in narrow table cells a badge would otherwise shrink to "Ак…"
    Badge: Badge.extend({ styles: { root: { minWidth: 'max-content' } } }),
  },
});

function shouldRetry(failureCount: number, error: unknown): boolean {
  if (error instanceof ApiError && error.status < 500) return false;
  return failureCount < 2;
}

const queryClient = new QueryClient({
  defaultOptions: {
    queries: { retry: shouldRetry, refetchOnWindowFocus: false, staleTime: 30_000 },
    mutations: { retry: false },
  },
});

/** An expired session anywhere leads back to sign-in; a missing second factor to enrolment. */
function useSessionGuards(): void {
  useEffect(
    () =>
      onApiError((error, path) => {
        // these two answer "not signed in" as part of their normal work
        if (path === '/v1/auth/login' || path === '/v1/auth/me') return;
        const session = queryClient.getQueryData<Session | null>(SESSION_KEY);
        if (!session) return;
        if (error.status === 401 && error.code === 'unauthenticated') {
          forgetSession(queryClient);
        } else if (error.code === 'totp_enrollment_required' && !session.enrolmentRequired) {
          setSession(queryClient, { ...session, enrolmentRequired: true });
        }
      }),
    [],
  );
}

export function App() {
  useSessionGuards();
  return (
    <MantineProvider theme={theme} defaultColorScheme="light">
      <ErrorBoundary>
        <QueryClientProvider client={queryClient}>
          <BrowserRouter>
            <AppRoutes />
          </BrowserRouter>
        </QueryClientProvider>
      </ErrorBoundary>
    </MantineProvider>
  );
}
