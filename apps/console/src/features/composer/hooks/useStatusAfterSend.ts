import { i18n } from '../../../i18n';
import { useState } from 'react';
import type { TicketView, UserView } from '@switchboard/contracts';
import { fetchTicket } from '../../tickets/api/tickets-api';
import { useUsers } from '../../tickets/hooks/useDirectory';
import { useUpdateTicket } from '../../tickets/hooks/useUpdateTicket';
import type { StatusAfterSend } from '../components/SendMenuButton';

/**
 * The status part of "Send and set …", run once the reply is stored: pending and solved are a
 * PATCH of the ticket, on hold opens the hold form (its note is required), and solving a ticket
 * nobody is assigned to first asks who solved it.
 */
export function useStatusAfterSend(ticket: Pick<TicketView, 'id'>, onRequestHold?: () => void) {
  const update = useUpdateTicket(ticket.id);
  const users = useUsers();
  const [askSolvedBy, setAskSolvedBy] = useState(false);
  const [checking, setChecking] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const failed = (cause: unknown) =>
    setError(cause instanceof Error ? cause.message : i18n.t('composer.statusFailed'));

  async function solve() {
    setChecking(true);
    try {
      // The reply may just have assigned the ticket (a workspace setting): ask the server, not the cache.
      const fresh = await fetchTicket(ticket.id);
      if (fresh.assigneeId) await update.mutateAsync({ status: 'solved' });
      else setAskSolvedBy(true);
    } catch (cause) {
      failed(cause);
    } finally {
      setChecking(false);
    }
  }

  function apply(status: StatusAfterSend) {
    setError(null);
    if (status === 'on_hold') onRequestHold?.();
    else if (status === 'pending') update.mutateAsync({ status: 'pending' }).catch(failed);
    else void solve();
  }

  function solveBy(assigneeId: string) {
    setError(null);
    update
      .mutateAsync({ status: 'solved', assigneeId })
      .then(() => setAskSolvedBy(false))
      .catch(failed);
  }

  return {
    apply,
    solveBy,
    cancel: () => {
      setAskSolvedBy(false);
      setError(null);
    },
    askSolvedBy,
    agents: (users.data ?? []) as UserView[],
    busy: update.isPending || checking,
    error,
  };
}
