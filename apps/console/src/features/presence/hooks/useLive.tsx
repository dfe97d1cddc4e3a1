import { createContext, useContext, useEffect, useState, useSyncExternalStore, type ReactNode } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import type { UserView } from '@switchboard/contracts';
import { LiveUpdates, type LiveStatus, type PresenceState } from '../../../lib/live';

/** Exported for tests that drive a LiveUpdates with a fake socket. */
export const LiveContext = createContext<LiveUpdates | null>(null);

/** Opens the live connection for the signed-in agent and closes it on sign-out. */
export function LiveProvider({ me, token, children }: { me: UserView; token: string; children: ReactNode }) {
  const queryClient = useQueryClient();
  const [live, setLive] = useState<LiveUpdates | null>(null);
  useEffect(() => {
    const connection = new LiveUpdates({ queryClient, me, token });
    connection.start();
    setLive(connection);
    return () => connection.stop();
    // Reconnect only for another user or token, not when the same user is re-read.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [queryClient, me.id, token]);
  return <LiveContext.Provider value={live}>{children}</LiveContext.Provider>;
}

/** The live connection, or null outside a LiveProvider (component tests). */
export function useLive(): LiveUpdates | null {
  return useContext(LiveContext);
}

const noop = () => () => undefined;

export function useLiveStatus(): LiveStatus | null {
  const live = useLive();
  return useSyncExternalStore(live?.subscribeStatus ?? noop, () => live?.getStatus() ?? null);
}

const EMPTY: PresenceState = { viewers: [], typing: [] };

export function usePresence(ticketId: string): PresenceState {
  const live = useLive();
  return useSyncExternalStore(live?.subscribePresence ?? noop, () => live?.getPresence(ticketId) ?? EMPTY);
}
