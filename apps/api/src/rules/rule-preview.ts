import { Injectable } from '@nestjs/common';
import type { RuleConditions, RulePreviewTicket, RulePreviewView } from '@switchboard/contracts';
import { isOpen, matchesConditions, type RuleFacts } from '@switchboard/domain';
import { Db } from '../common/db.js';
import { SlaClockService } from '../sla/sla-clock.service.js';

/** Open tickets checked per preview, most recently updated first: bounds the work on a large install. */
export const PREVIEW_SCAN_LIMIT = 5000;
/** Matches listed in full; the rest are counted. */
export const PREVIEW_LIST_LIMIT = 50;

interface PreviewRow {
  id: string;
  number: string;
  subject: string;
  status: string;
  priority: string;
  channel: string;
  channel_account_id: string;
  team_id: string | null;
  assignee_id: string | null;
  tags: string[];
  contact_tags: string[] | null;
  custom_fields: Record<string, unknown> | null;
  sla_policy_id: string | null;
  body: string | null;
  from_address: string | null;
}

/**
 * "Test against open tickets": the conditions of a rule being written, judged by the same
 * evaluation the engine runs, on the open tickets as they are now. The body and sender are the
 * ticket's latest customer message, as for an event that names no message.
 */
@Injectable()
export class RulePreview {
  constructor(
    private readonly db: Db,
    private readonly sla: SlaClockService,
  ) {}

  async preview(conditions: RuleConditions): Promise<RulePreviewView> {
    const rows = await this.db.query<PreviewRow>(
      `SELECT t.id, t.number, t.subject, t.status, t.priority, t.channel, t.channel_account_id,
              t.team_id, t.assignee_id, t.tags, c.tags AS contact_tags, t.custom_fields,
              t.sla_policy_id, m.text AS body, ci.address AS from_address
         FROM tickets t
         JOIN contacts c ON c.id = t.contact_id
         LEFT JOIN LATERAL (
           SELECT text, identity_id FROM messages
            WHERE ticket_id = t.id AND direction = 'in'
            ORDER BY created_at DESC LIMIT 1
         ) m ON true
         LEFT JOIN contact_identities ci ON ci.id = m.identity_id
        WHERE t.status IN ('new', 'open', 'pending', 'on_hold')
        ORDER BY t.updated_at DESC, t.id DESC
        LIMIT $1`,
      [PREVIEW_SCAN_LIMIT + 1],
    );
    const complete = rows.length <= PREVIEW_SCAN_LIMIT;
    const scanned = rows.slice(0, PREVIEW_SCAN_LIMIT);
    const items: RulePreviewTicket[] = [];
    let matched = 0;
    const calendarOf = await this.sla.calendarOf(this.db);
    const now = this.sla.now();
    for (const row of scanned) {
      const facts: RuleFacts = {
        status: row.status,
        priority: row.priority,
        channel: row.channel,
        channelAccountId: row.channel_account_id,
        teamId: row.team_id,
        assigneeId: row.assignee_id,
        tags: row.tags,
        'contact.tags': (row.contact_tags ?? []).map((t) => t.toLowerCase()),
        subject: row.subject,
        body: row.body ?? '',
        from: row.from_address ?? '',
        businessHours: isOpen(calendarOf(row), now) ? 'open' : 'closed',
        customFields: row.custom_fields ?? {},
      };
      if (!matchesConditions(conditions, facts, null)) continue;
      matched++;
      if (items.length < PREVIEW_LIST_LIMIT)
        items.push({
          id: row.id,
          number: Number(row.number),
          subject: row.subject,
          status: row.status,
          priority: row.priority,
          channel: row.channel,
          teamId: row.team_id,
          assigneeId: row.assignee_id,
          tags: row.tags,
        });
    }
    return { items, matched, scanned: scanned.length, complete };
  }
}
