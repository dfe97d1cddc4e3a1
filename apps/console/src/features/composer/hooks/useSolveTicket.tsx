import { useState, type ReactNode } from 'react';
import type { TicketView } from '@switchboard/contracts';
import { useMe } from '../../auth/hooks/useSession';
import { useUsers } from '../../tickets/hooks/useDirectory';
import { useUpdateTicket } from '../../tickets/hooks/useUpdateTicket';
import { SolvedByDialog } from '../components/SolvedByDialog';

/**
 * Solving from the ticket header: a ticket with an assignee is solved at once; one without
 * first asks who solved it (the dialog to render is `dialog`).
 */
export function useSolveTicket(ticket: Pick<TicketView, 'id' | 'number' | 'assigneeId'>): {
  solve(): void;
  dialog: ReactNode;
} {
  const me = useMe();
  const users = useUsers();
  const update = useUpdateTicket(ticket.id);
  const [asking, setAsking] = useState(false);
  const solve = () => (ticket.assigneeId ? update.mutate({ status: 'solved' }) : setAsking(true));
  const dialog = asking ? (
    <SolvedByDialog
      ticketNumber={ticket.number}
      agents={users.data ?? []}
      meId={me.id}
      busy={update.isPending}
      error={update.error?.message ?? null}
      onConfirm={(assigneeId) =>
        update.mutate({ status: 'solved', assigneeId }, { onSuccess: () => setAsking(false) })
      }
      onCancel={() => setAsking(false)}
    />
  ) : null;
  return { solve, dialog };
}
