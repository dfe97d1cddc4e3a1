import type { UserView } from '@switchboard/contracts';
import { CannedRepliesAdmin } from './CannedRepliesAdmin';
import { HoldTemplateAdmin } from './HoldTemplateAdmin';

/** `#/admin`: what admins set up for every agent. Its own chunk, loaded only when opened. */
export default function AdminScreen({ me }: { me: Pick<UserView, 'role'> }) {
  if (me.role !== 'admin') {
    return (
      <p className="empty-state" role="alert">
        The admin screen is for admins.
      </p>
    );
  }
  return (
    <main className="admin" aria-labelledby="admin-heading" id="main-admin">
      <h1 id="admin-heading">Admin</h1>
      <CannedRepliesAdmin />
      <HoldTemplateAdmin />
    </main>
  );
}
