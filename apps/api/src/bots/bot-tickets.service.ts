import { Injectable } from '@nestjs/common';
import type { BotHandoffBody, BotReplyBody, MessageView, TicketView } from '@switchboard/contracts';
import { conflict, forbidden, invalid } from '@switchboard/domain';
import type { AuthenticatedViewer } from '../auth/auth.service.js';
import { Db } from '../common/db.js';
import { isUuid } from '../common/validation.js';
import { SlaClockService } from '../sla/sla-clock.service.js';
import { toTicketView, type TicketRow } from '../tickets/ticket-rows.js';
import { TicketWriter, type TicketTx } from '../tickets/ticket-writer.js';
import { notFound } from '@switchboard/domain';
import { AGENT_CHOICE } from './bot-flow.js';
import { handOffToTeam } from './bot-handoff.js';
import type { BotRow } from './bots.service.js';

/**
 * What an external bot does on a ticket it holds, with the API token it was given: answer the
 * customer, or hand the ticket to a team. Only the bot's own token acts as the bot, and only
 * while the bot holds the ticket: once a person has it, a late answer is a 409, never a message
 * the customer gets after a human took over.
 */
@Injectable()
export class BotTicketsService {
  constructor(
    private readonly db: Db,
    private readonly writer: TicketWriter,
    private readonly sla: SlaClockService,
  ) {}

  async reply(viewer: AuthenticatedViewer, ticketId: string, input: BotReplyBody): Promise<MessageView> {
    const bot = await this.botOf(viewer);
    return this.asBot(bot, ticketId, async (tx, ticket) => {
      const updated = await tx.touch(ticket.id);
      return tx.appendMessage(updated, {
        kind: 'message',
        text: input.text,
        authorId: null,
        outbound: true,
        meta: {
          bot: { id: bot.id, name: bot.name },
          // The way to a person is always one of the buttons.
          ...(input.choices?.length ? { choices: [...input.choices, { ...AGENT_CHOICE }] } : {}),
        },
      });
    });
  }

  async handoff(viewer: AuthenticatedViewer, ticketId: string, input: BotHandoffBody): Promise<TicketView> {
    const bot = await this.botOf(viewer);
    if (input.teamId) {
      const [team] = await this.db.query(`SELECT 1 FROM teams WHERE id = $1`, [input.teamId]);
      if (!team) throw invalid('teamId: no team with this id');
    }
    return this.asBot(bot, ticketId, async (tx, ticket) =>
      toTicketView(
        await handOffToTeam(tx, this.sla, ticket, bot, {
          teamId: input.teamId ?? null,
          summary: input.summary,
          collected: input.collected,
          reason: 'external',
        }),
      ),
    );
  }

  /** The bot whose API token made the request; a person's session or another token may not act as a bot. */
  private async botOf(viewer: AuthenticatedViewer): Promise<BotRow> {
    const tokenId = (viewer as { apiTokenId?: string }).apiTokenId;
    const [bot] = tokenId
      ? await this.db.query<BotRow>(`SELECT * FROM bots WHERE api_token_id = $1`, [tokenId])
      : [];
    if (!bot) throw forbidden("only an external bot's API token may answer as a bot");
    return bot;
  }

  private asBot<T>(
    bot: BotRow,
    ticketId: string,
    work: (tx: TicketTx, ticket: TicketRow) => Promise<T>,
  ): Promise<T> {
    if (!isUuid(ticketId)) throw notFound('ticket not found');
    return this.writer.change(ticketId, async (tx, ticket) => {
      if (ticket.bot_id !== bot.id)
        throw conflict('the bot no longer holds this ticket: a person has it now');
      return work(tx, ticket);
    });
  }
}
