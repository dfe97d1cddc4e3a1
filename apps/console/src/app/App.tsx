import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { useState } from 'react';
import { ApiError } from '../lib/api-client';
import { LoginScreen } from '../features/auth/components/LoginScreen';
import { SessionProvider, useSession } from '../features/auth/hooks/useSession';
import { LiveProvider } from '../features/presence/hooks/useLive';
import { ConsoleShell } from './ConsoleShell';
import { useTranslation } from '../i18n';

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        // A 4xx will not change by asking again; a network blip or 5xx may.
        retry: (count, error) =>
          !(error instanceof ApiError && error.status >= 400 && error.status < 500) && count < 2,
      },
    },
  });
}

function Gate() {
  const { user, token, checking } = useSession();
  const { t } = useTranslation();
  if (checking) return <p className="empty-state">{t('common.loading')}</p>;
  if (!user || !token) return <LoginScreen />;
  return (
    <LiveProvider me={user} token={token}>
      <ConsoleShell me={user} />
    </LiveProvider>
  );
}

export function App() {
  const [queryClient] = useState(createQueryClient);
  return (
    <QueryClientProvider client={queryClient}>
      <SessionProvider>
        <Gate />
      </SessionProvider>
    </QueryClientProvider>
  );
}
