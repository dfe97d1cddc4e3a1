import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useState,
  type ReactNode,
} from 'react';
import type { UserView } from '@switchboard/contracts';
import { useQueryClient } from '@tanstack/react-query';
import { ApiError, setApiToken, setUnauthorizedHandler } from '../../../lib/api-client';
import { fetchMe, login as loginRequest, logout as logoutRequest, type LoginResult } from '../api/auth-api';
import { isPendingLogin, type PendingLogin } from '../../security/api/security-api';
import { SIGNED_OUT, sessionEndedNotice } from '../session-ended';

export { SESSION_EXPIRED } from '../session-ended';

const STORAGE_KEY = 'switchboard.session';

interface StoredSession {
  token: string;
  user: UserView;
}

export interface Session {
  user: UserView | null;
  token: string | null;
  /** A notice for the login screen: why the last session ended. */
  notice: string | null;
  /** True while a stored session is being checked with the API. */
  checking: boolean;
  /** Signs in, or answers the second step still due (the login screen shows it). */
  login(email: string, password: string): Promise<PendingLogin | null>;
  /** Starts the session a second step (a code) gave. */
  adopt(result: LoginResult): void;
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
  // A 401 that arrives after the session already ended (a socket resync racing the sign-out)
  // must not replace the reason the person was given.
  const live = useRef(stored !== null);

  const end = useCallback(
    (message: string | null) => {
      if (!live.current) return;
      live.current = false;
      localStorage.removeItem(STORAGE_KEY);
      setApiToken(null);
      setStored(null);
      setNotice(message);
      queryClient.clear();
    },
    [queryClient],
  );

  useEffect(() => {
    setUnauthorizedHandler((message) => end(sessionEndedNotice(message)));
  }, [end]);

  useEffect(() => {
    if (!checking) return;
    // A stored token may have expired while the laptop was closed: check it before showing data.
    fetchMe()
      .then((user) => setStored((current) => (current ? { ...current, user } : current)))
      .catch((error) => {
        if (!(error instanceof ApiError && error.status === 401)) return;
        end(sessionEndedNotice(error.message));
      })
      .finally(() => setChecking(false));
  }, [checking, end]);

  const adopt = useCallback((result: LoginResult) => {
    localStorage.setItem(STORAGE_KEY, JSON.stringify(result));
    setApiToken(result.token);
    setNotice(null);
    live.current = true;
    setStored(result);
  }, []);

  const login = useCallback(
    async (email: string, password: string) => {
      const result = await loginRequest(email, password);
      if (isPendingLogin(result)) return result;
      adopt(result);
      return null;
    },
    [adopt],
  );

  const logout = useCallback(async () => {
    try {
      await logoutRequest();
    } finally {
      end(SIGNED_OUT);
    }
  }, [end]);

  const value = useMemo<Session>(
    () => ({
      user: stored?.user ?? null,
      token: stored?.token ?? null,
      notice,
      checking,
      login,
      adopt,
      logout,
    }),
    [stored, notice, checking, login, adopt, logout],
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
