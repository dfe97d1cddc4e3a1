import { Injectable } from '@nestjs/common';
import type { TicketFollowersView } from '@switchboard/contracts';
import { notFound, type Viewer } from '@switchboard/domain';
import { Db } from '../common/db.js';
import { TicketQueries } from '../tickets/ticket-queries.js';

/**
 * Agents following a ticket: each agent follows or unfollows for themselves, on a ticket they
 * can see. Following is not a change of the ticket (no seq, no timeline): only who is told.
 */
@Injectable()
export class TicketFollowers {
  constructor(
    private readonly db: Db,
    private readonly tickets: TicketQueries,
  ) {}

  async list(viewer: Viewer, ticketId: string): Promise<TicketFollowersView> {
    await this.visibleOr404(viewer, ticketId);
    return this.view(viewer, ticketId);
  }

  async follow(viewer: Viewer, ticketId: string): Promise<TicketFollowersView> {
    await this.visibleOr404(viewer, ticketId);
    await this.db.query(
      `INSERT INTO ticket_followers (ticket_id, user_id) VALUES ($1, $2) ON CONFLICT DO NOTHING`,
      [ticketId, viewer.userId],
    );
    return this.view(viewer, ticketId);
  }

  async unfollow(viewer: Viewer, ticketId: string): Promise<TicketFollowersView> {
    await this.visibleOr404(viewer, ticketId);
    await this.db.query(`DELETE FROM ticket_followers WHERE ticket_id = $1 AND user_id = $2`, [
      ticketId,
      viewer.userId,
    ]);
    return this.view(viewer, ticketId);
  }

  private async view(viewer: Viewer, ticketId: string): Promise<TicketFollowersView> {
    const rows = await this.db.query<{ user_id: string; name: string }>(
      `SELECT f.user_id, u.name FROM ticket_followers f JOIN users u ON u.id = f.user_id
        WHERE f.ticket_id = $1 AND u.active ORDER BY f.created_at, u.name`,
      [ticketId],
    );
    return {
      items: rows.map((r) => ({ userId: r.user_id, name: r.name })),
      following: rows.some((r) => r.user_id === viewer.userId),
    };
  }

  private async visibleOr404(viewer: Viewer, ticketId: string): Promise<void> {
    if (!(await this.tickets.findVisible(viewer, ticketId))) throw notFound('ticket not found');
  }
}
