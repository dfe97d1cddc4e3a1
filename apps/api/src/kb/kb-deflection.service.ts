import { Injectable } from '@nestjs/common';
import type { KbDeflectionView, KbWidgetEventBody } from '@switchboard/contracts';
import { hashVisitorToken } from '@switchboard/channel-chat';
import { invalid, notFound } from '@switchboard/domain';
import { Db } from '../common/db.js';

/**
 * Self-service as the widget reports it. A visitor is known by the widget's visitor token, so
 * one browser's suggestions and openings stay together and join the ticket it may start later
 * (the handoff consumer links them). A visitor who opened an article and started no
 * conversation since is deflected.
 */
@Injectable()
export class KbDeflectionService {
  constructor(private readonly db: Db) {}

  async record(input: KbWidgetEventBody): Promise<{ recorded: number }> {
    const [visitor] = await this.db.query<{ id: string }>(
      `SELECT id FROM widget_visitors WHERE channel_account_id = $1 AND token_hash = $2`,
      [input.accountId, hashVisitorToken(input.token)],
    );
    if (!visitor) throw notFound('visitor not found: start a widget session first');
    // Only articles that exist and are published somewhere: anything else was not shown.
    const rows = await this.db.query(
      `INSERT INTO kb_widget_events (channel_account_id, visitor_id, type, article_id)
       SELECT $1, $2, $3, a.id FROM kb_articles a
        WHERE a.id = ANY($4::uuid[])
          AND EXISTS (SELECT 1 FROM kb_translations t WHERE t.article_id = a.id AND t.status = 'published')
       RETURNING 1`,
      [input.accountId, visitor.id, input.type, [...new Set(input.articleIds)]],
    );
    return { recorded: rows.length };
  }

  async report(days: number): Promise<KbDeflectionView> {
    if (!Number.isInteger(days) || days < 1 || days > 366)
      throw invalid('days: must be a whole number from 1 to 366');
    const [row] = await this.db.query<{
      since: Date;
      shown: number;
      opened: number;
      deflected: number;
      escalated: number;
    }>(
      `WITH w AS (SELECT * FROM kb_widget_events WHERE created_at >= now() - make_interval(days => $1)),
            visitors AS (SELECT visitor_id, bool_or(ticket_id IS NOT NULL) AS escalated
                           FROM w WHERE type = 'opened' GROUP BY visitor_id)
       SELECT now() - make_interval(days => $1) AS since,
              (SELECT count(*)::int FROM w WHERE type = 'shown') AS shown,
              (SELECT count(*)::int FROM w WHERE type = 'opened') AS opened,
              (SELECT count(*)::int FROM visitors WHERE NOT escalated) AS deflected,
              (SELECT count(*)::int FROM visitors WHERE escalated) AS escalated`,
      [days],
    );
    return {
      since: row.since.toISOString(),
      suggestionsShown: row.shown,
      articlesOpened: row.opened,
      deflected: row.deflected,
      escalated: row.escalated,
    };
  }
}
