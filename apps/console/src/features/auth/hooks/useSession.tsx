import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { UserView } from '@switchboard/contracts';
import { useQueryClient } from '@tanstack/react-query';
import { ApiError, setApiToken, setUnauthorizedHandler } from '../../../lib/api-client';
import { fetchMe, login as loginRequest, logout as logoutRequest } from '../api/auth-api';

const STORAGE_KEY = 'switchboard.session';
export const SESSION_EXPIRED = 'Your session expired — please sign in again.';

interface StoredSession {
  token: string;
  user: UserView;
}

export interface Session {
  user: UserView | null;
  token: string | null;
  /** A notice for the login screen, e.g. that the session expired. */
  notice: string | null;
  /** True while a stored session is being checked with the API. */
  checking: boolean;
  login(email: string, password: string): Promise<void>;
  logout(): Promise<void>;
}

export const SessionContext = createContext<Session | null>(null);

function readStored(): StoredSession | null {
  try {
    const raw = localStorage.getItem(STORAGE_KEY);
    return raw ? (JSON.parse(raw) as StoredSession) : null;
  } catch {
    return null;
  }
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const [stored, setStored] = useState<StoredSession | null>(() => {
    const session = readStored();
    setApiToken(session?.token ?? null);
    return session;
  });
  const [notice, setNotice] = useState<string | null>(null);
  const [checking, setChecking] = useState(() => stored !== null);

  const end = useCallback(
    (message: string | null) => {
      localStorage.removeItem(STORAGE_KEY);
      setApiToken(null);
      setStored(null);
      setNotice(message);
      queryClient.clear();
    },
    [queryClient],
  );

  useEffect(() => {
    setUnauthorizedHandler(() => end(SESSION_EXPIRED));
  }, [end]);

  useEffect(() => {
    if (!checking) return;
    // A stored token may have expired while the laptop was closed: check it before showing data.
    fetchMe()
      .then((user) => setStored((current) => (current ? { ...current, user } : current)))
      .catch((error) => {
        if (!(error instanceof ApiError && error.status === 401)) return;
        end(SESSION_EXPIRED);
      })
      .finally(() => setChecking(false));
  }, [checking, end]);

  const login = useCallback(async (email: string, password: string) => {
    const result = await loginRequest(email, password);
    localStorage.setItem(STORAGE_KEY, JSON.stringify(result));
    setApiToken(result.token);
    setNotice(null);
    setStored(result);
  }, []);

  const logout = useCallback(async () => {
    await logoutRequest();
    end(null);
  }, [end]);

  const value = useMemo<Session>(
    () => ({ user: stored?.user ?? null, token: stored?.token ?? null, notice, checking, login, logout }),
    [stored, notice, checking, login, logout],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession needs a SessionProvider');
  return session;
}

/** The signed-in agent; only for components rendered behind the login screen. */
export function useMe(): UserView {
  const { user } = useSession();
  if (!user) throw new Error('useMe needs a signed-in user');
  return user;
}
