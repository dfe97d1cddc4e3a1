import { Injectable } from '@nestjs/common';
import type { NotificationKind, NotificationListView, NotificationView } from '@switchboard/contracts';
import { rooms } from '@switchboard/domain';
import { Db } from '../common/db.js';
import type { TicketTx } from '../tickets/ticket-writer.js';

/** A notification for some agents; the actor who caused it is never among those notified. */
export interface NewNotification {
  kind: NotificationKind;
  ticketId: string | null;
  text: string;
  recipientIds: readonly string[];
  actorId?: string | null;
}

interface NotificationRow {
  id: string;
  user_id: string;
  kind: NotificationKind;
  ticket_id: string | null;
  text: string;
  created_at: Date;
  read_at: Date | null;
}

const COLUMNS = 'id, user_id, kind, ticket_id, text, created_at, read_at';

function toView(row: NotificationRow): NotificationView {
  return {
    id: row.id,
    kind: row.kind,
    ticketId: row.ticket_id,
    text: row.text,
    createdAt: row.created_at.toISOString(),
    readAt: row.read_at ? row.read_at.toISOString() : null,
  };
}

/**
 * Stores notifications and tells each owner's sockets. `notify` writes in the caller's
 * transaction (an outbox consumer's, a rule's), so a notification exists exactly when what
 * caused it committed, and `notification.created` goes out with that commit.
 */
@Injectable()
export class NotificationsService {
  constructor(private readonly db: Db) {}

  /** Notifies the active recipients other than the actor; the notifications written. */
  async notify(tx: TicketTx, input: NewNotification): Promise<NotificationView[]> {
    const recipients = [...new Set(input.recipientIds)].filter((id) => id && id !== input.actorId);
    if (recipients.length === 0) return [];
    // Each recipient's preferences for this kind decide the bell and the email; an email joins
    // the recipient's open digest, or opens one that falls due after the admin's window.
    const rows = await tx.sql.query<NotificationRow & { unread: string; in_app: boolean }>(
      `WITH mail AS (SELECT digest_seconds FROM notification_mail_settings),
       r AS (
         SELECT u.id, COALESCE(p.in_app, true) AS in_app,
                COALESCE(p.email, true) AND EXISTS (SELECT 1 FROM mail) AS email
           FROM users u LEFT JOIN notification_preferences p ON p.user_id = u.id AND p.kind = $2
          WHERE u.id = ANY($1::uuid[]) AND u.active),
       n AS (
         INSERT INTO notifications (user_id, kind, ticket_id, text, actor_id, in_app, email_pending, read_at)
         SELECT id, $2, $3, $4, $5, in_app, email, CASE WHEN in_app THEN NULL ELSE now() END
           FROM r WHERE in_app OR email
         RETURNING ${COLUMNS}, in_app, email_pending),
       d AS (
         INSERT INTO notification_digests (user_id, due_at)
         SELECT n.user_id, now() + make_interval(secs => (SELECT digest_seconds FROM mail)) FROM n WHERE n.email_pending
         ON CONFLICT (user_id) DO NOTHING)
       SELECT n.*, (SELECT count(*) FROM notifications o WHERE o.user_id = n.user_id AND o.read_at IS NULL) + 1 AS unread
         FROM n ORDER BY n.user_id`,
      [recipients, input.kind, input.ticketId, input.text, input.actorId ?? null],
    );
    const views: NotificationView[] = [];
    for (const row of rows.filter((r) => r.in_app)) {
      const notification = toView(row);
      views.push(notification);
      await tx.emitTo(
        row.ticket_id as string,
        'notification.created',
        { notification, unread: Number(row.unread) },
        [rooms.agent(row.user_id)],
      );
    }
    return views;
  }

  /** The owner's notifications, newest first, and how many are unread. */
  async list(userId: string, limit = 50): Promise<NotificationListView> {
    const rows = await this.db.query<NotificationRow>(
      `SELECT ${COLUMNS} FROM notifications WHERE user_id = $1 AND in_app ORDER BY created_at DESC, id DESC LIMIT $2`,
      [userId, limit],
    );
    const [count] = await this.db.query<{ unread: string }>(
      `SELECT count(*) AS unread FROM notifications WHERE user_id = $1 AND read_at IS NULL`,
      [userId],
    );
    return { items: rows.map(toView), unread: Number(count.unread) };
  }

  /** Marks the owner's notifications read (others' ids are ignored); the unread count left. */
  async markRead(userId: string, ids: readonly string[] | 'all'): Promise<{ unread: number }> {
    if (ids === 'all')
      await this.db.query(`UPDATE notifications SET read_at = now() WHERE user_id = $1 AND read_at IS NULL`, [
        userId,
      ]);
    else
      await this.db.query(
        `UPDATE notifications SET read_at = now() WHERE user_id = $1 AND id = ANY($2::uuid[]) AND read_at IS NULL`,
        [userId, ids],
      );
    const [count] = await this.db.query<{ unread: string }>(
      `SELECT count(*) AS unread FROM notifications WHERE user_id = $1 AND read_at IS NULL`,
      [userId],
    );
    return { unread: Number(count.unread) };
  }
}
