import { Injectable, Logger } from '@nestjs/common';
import type { MessageView } from '@switchboard/contracts';
import { isDomainError } from '@switchboard/domain';
import type { Sql } from '../common/db.js';
import { fieldDefinitions } from '../custom-fields/custom-field-store.js';
import { missingToSolve, parseCustomFieldValues } from '../custom-fields/custom-field-values.js';
import { mergeCustomFieldsSql, recordTicketFieldEdits } from '../custom-fields/ticket-field-edits.js';
import { searchArticles } from '../help-center/help-search.js';
import type { OutboxEvent } from '../outbox-consumers/outbox-consumer.js';
import { OutboxConsumers } from '../outbox-consumers/outbox-consumers.service.js';
import { TicketEventConsumer } from '../outbox-consumers/ticket-event-consumer.js';
import { SlaClockService } from '../sla/sla-clock.service.js';
import type { TicketRow } from '../tickets/ticket-rows.js';
import { TicketWriter, type TicketTx } from '../tickets/ticket-writer.js';
import {
  advanceFlow,
  asksForPerson,
  questionText,
  type ArticleHit,
  type FlowAction,
  type FlowSession,
} from './bot-flow.js';
import { AiBotResponder } from './ai-bot-responder.js';
import { handOffToTeam } from './bot-handoff.js';
import { BotWebhookDispatcher } from './bot-webhook-dispatcher.js';
import type { BotRow } from './bots.service.js';

/** Articles a knowledge base step offers at most. */
const ARTICLES_OFFERED = 3;

interface SessionRow {
  waiting_on: string | null;
  question: string | null;
  finished: boolean;
  collected: Record<string, string>;
  offered_articles: ArticleHit[];
}

/**
 * Bots answer from the committed outbox: each customer message on a ticket a bot holds moves its
 * flow (in the consumer's transaction, so the bot's answers commit with "handled" and a crash
 * replays the message, never doubles the answer), or becomes a webhook delivery to an external
 * bot or a turn for an AI bot (work that waits on another server is queued here and done outside
 * the transaction). "agent" hands off at once whatever the bot is.
 */
@Injectable()
export class BotRunnerConsumer extends TicketEventConsumer {
  readonly name = 'bot-runner';
  readonly topics = ['message.created'];
  private readonly logger = new Logger('BotRunner');

  constructor(
    consumers: OutboxConsumers,
    writer: TicketWriter,
    private readonly sla: SlaClockService,
    private readonly webhooks: BotWebhookDispatcher,
    private readonly aiBots: AiBotResponder,
  ) {
    super(consumers, writer);
  }

  protected async handleBatch(tx: TicketTx, events: OutboxEvent[]): Promise<(() => void) | void> {
    const inbound = events.flatMap((e) => {
      const payload = e.body.payload as { ticketId?: string; message?: MessageView };
      const m = payload.message;
      return payload.ticketId && m && m.direction === 'in' && m.kind === 'message'
        ? [{ ticketId: payload.ticketId, message: m }]
        : [];
    });
    if (!inbound.length) return;
    // One probe for the whole batch: most messages are on tickets no bot holds.
    const held = await tx.sql.query<{ id: string }>(
      `SELECT id FROM tickets WHERE id = ANY($1::uuid[]) AND bot_id IS NOT NULL`,
      [[...new Set(inbound.map((i) => i.ticketId))]],
    );
    if (!held.length) return;
    const heldIds = new Set(held.map((h) => h.id));
    let webhooksQueued = false;
    let aiTurnsQueued = false;
    for (const { ticketId, message } of inbound) {
      if (!heldIds.has(ticketId)) continue;
      const ticket = await tx.lock(ticketId);
      if (!ticket?.bot_id) continue; // handed off earlier in this batch
      const [bot] = await tx.sql.query<BotRow>(`SELECT * FROM bots WHERE id = $1`, [ticket.bot_id]);
      if (!bot) continue;
      if (asksForPerson(message.text)) {
        await handOffToTeam(tx, this.sla, ticket, bot, { teamId: null, reason: 'customer_asked' });
      } else if (bot.kind === 'external') {
        webhooksQueued = (await this.queueWebhook(tx.sql, bot, ticket, message)) || webhooksQueued;
      } else if (bot.kind === 'ai') {
        aiTurnsQueued = (await this.queueAiTurn(tx.sql, bot, ticket, message)) || aiTurnsQueued;
      } else if (bot.flow) {
        await this.runFlow(tx, ticket, bot, message.text);
      }
    }
    if (webhooksQueued || aiTurnsQueued)
      return () => {
        if (webhooksQueued) this.webhooks.wake();
        if (aiTurnsQueued) this.aiBots.wake();
      };
  }

  /** A replayed message finds its turn queued already: one answer per message. */
  private async queueAiTurn(
    sql: Sql,
    bot: BotRow,
    ticket: TicketRow,
    message: MessageView,
  ): Promise<boolean> {
    const rows = await sql.query(
      `INSERT INTO ai_bot_turns (bot_id, ticket_id, message_id) VALUES ($1, $2, $3)
       ON CONFLICT (bot_id, message_id) DO NOTHING RETURNING 1`,
      [bot.id, ticket.id, message.id],
    );
    return rows.length > 0;
  }

  private async queueWebhook(
    sql: Sql,
    bot: BotRow,
    ticket: TicketRow,
    message: MessageView,
  ): Promise<boolean> {
    const body = {
      event: 'message.created',
      botId: bot.id,
      ticket: {
        id: ticket.id,
        number: Number(ticket.number),
        channel: ticket.channel,
        subject: ticket.subject,
      },
      contact: { id: ticket.contact_id, name: ticket.contact_name },
      message: { id: message.id, text: message.text, createdAt: message.createdAt },
      replyPath: `/api/tickets/${ticket.id}/bot-reply`,
      handoffPath: `/api/tickets/${ticket.id}/handoff`,
    };
    const rows = await sql.query(
      `INSERT INTO bot_webhook_deliveries (bot_id, ticket_id, message_id, body) VALUES ($1, $2, $3, $4)
       ON CONFLICT (bot_id, message_id) DO NOTHING RETURNING 1`,
      [bot.id, ticket.id, message.id, body],
    );
    return rows.length > 0;
  }

  private async runFlow(tx: TicketTx, ticket: TicketRow, bot: BotRow, text: string): Promise<void> {
    const [row] = await tx.sql.query<SessionRow>(
      `SELECT waiting_on, question, finished, collected, offered_articles FROM bot_sessions WHERE ticket_id = $1 FOR UPDATE`,
      [ticket.id],
    );
    const session: FlowSession = {
      waitingOn: row?.waiting_on ?? null,
      collected: row?.collected ?? {},
      finished: row?.finished ?? false,
      question: row?.question ?? null,
    };
    const offered: ArticleHit[] = [...(row?.offered_articles ?? [])];
    const result = await advanceFlow(bot.flow!, session, text, {
      searchKb: async (query, locale) => {
        const hits = await searchArticles(tx.sql, locale ?? 'en', query, {
          limit: ARTICLES_OFFERED,
          match: 'any',
        });
        return hits.map((h) => ({ id: h.id, title: h.title, url: h.url }));
      },
    });
    await tx.sql.query(
      `INSERT INTO bot_sessions (ticket_id, bot_id, waiting_on, finished, collected, offered_articles, question)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (ticket_id) DO UPDATE SET waiting_on = $3, finished = $4, collected = $5, offered_articles = $6,
                   question = $7, updated_at = now()`,
      [
        ticket.id,
        bot.id,
        result.session.waitingOn,
        result.session.finished,
        JSON.stringify(result.session.collected),
        JSON.stringify([
          ...offered,
          ...result.actions.flatMap((a) => (a.type === 'send' ? (a.articles ?? []) : [])),
        ]),
        result.session.question,
      ],
    );
    let current = await tx.touch(ticket.id);
    for (const action of result.actions) {
      const next = await this.perform(tx, current, bot, action);
      if (!next) return; // handed off or finished: the bot is done with this ticket
      current = next;
    }
  }

  /** One action of the flow on the (locked) ticket; the ticket afterwards, or null once the bot let it go. */
  private async perform(
    tx: TicketTx,
    ticket: TicketRow,
    bot: BotRow,
    action: FlowAction,
  ): Promise<TicketRow | null> {
    switch (action.type) {
      case 'send':
        await tx.appendMessage(ticket, {
          kind: 'message',
          text: questionText(ticket.channel, action.text, action.choices),
          authorId: null,
          outbound: true,
          meta: {
            bot: { id: bot.id, name: bot.name },
            ...(action.choices ? { choices: action.choices } : {}),
            ...(action.articles ? { kbArticles: action.articles } : {}),
          },
        });
        return ticket;
      case 'store':
        return this.store(tx, ticket, action);
      case 'handoff':
        await handOffToTeam(tx, this.sla, ticket, bot, { teamId: action.teamId, reason: action.reason });
        return null;
      case 'finish':
        return this.finish(tx, ticket, bot);
    }
  }

  /** A collected answer into a custom field; one that does not fit the field stays in the collected answers only. */
  private async store(tx: TicketTx, ticket: TicketRow, action: Extract<FlowAction, { type: 'store' }>) {
    let values: Record<string, unknown>;
    try {
      values = parseCustomFieldValues(action.on, await fieldDefinitions(tx.sql, action.on), {
        [action.field]: action.value,
      });
    } catch (err) {
      if (!isDomainError(err)) throw err;
      this.logger.warn(`bot answer not stored in ${action.on} field ${action.field}: ${err.message}`);
      return ticket;
    }
    if (action.on === 'contact') {
      await tx.sql.query(
        `UPDATE contacts SET ${mergeCustomFieldsSql('$2')}, updated_at = now() WHERE id = $1`,
        [ticket.contact_id, JSON.stringify(values)],
      );
      return ticket;
    }
    const updated = await tx.touch(ticket.id, mergeCustomFieldsSql('$2'), [JSON.stringify(values)]);
    const edits = await recordTicketFieldEdits(tx, ticket, updated, null);
    if (edits) await tx.ticketUpdated(updated, edits);
    return updated;
  }

  /**
   * The flow ended without a handoff: the bot solved it (the customer found their answer). A
   * ticket that may not be solved without fields a person fills goes to the team instead.
   */
  private async finish(tx: TicketTx, ticket: TicketRow, bot: BotRow): Promise<TicketRow | null> {
    const missing = missingToSolve(await fieldDefinitions(tx.sql, 'ticket'), ticket.custom_fields ?? {});
    if (missing.length || ticket.status === 'solved' || ticket.status === 'closed') {
      if (missing.length) await handOffToTeam(tx, this.sla, ticket, bot, { teamId: null, reason: 'flow' });
      return null;
    }
    const solved = await tx.transition(ticket, 'solved', 'agent');
    await tx.appendEvent(solved, 'status_changed', {
      from: ticket.status,
      to: 'solved',
      by: 'bot',
      botId: bot.id,
    });
    await tx.ticketUpdated(solved, { status: 'solved' });
    return null;
  }
}
