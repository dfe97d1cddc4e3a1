import { Inject, Injectable } from '@nestjs/common';
import { CHANNEL_ADAPTER_REGISTRY, type ChannelAdapterRegistry } from '@switchboard/channel-kit';
import {
  holdNoteText,
  type HoldBody,
  type MessageView,
  type PatchTicketBody,
  type PostMessageBody,
  type TicketView,
  type TransferBody,
} from '@switchboard/contracts';
import { statusAfter, conflict, invalid, normalizeTags, notFound } from '@switchboard/domain';
import type { AuthenticatedViewer } from '../auth/auth.service.js';
import { Db } from '../common/db.js';
import { fieldDefinitions } from '../custom-fields/custom-field-store.js';
import { parseCustomFieldValues } from '../custom-fields/custom-field-values.js';
import { mergeCustomFieldsSql, recordTicketFieldEdits } from '../custom-fields/ticket-field-edits.js';
import { addParticipants, mailCopies } from '../conversation-start/ticket-participants.js';
import { SlaClockService, statusChange } from '../sla/sla-clock.service.js';
import { takeOverFromBot } from '../bots/bot-takeover.js';
import { assignsOnReply, recordAssignedOnReply } from './assign-on-reply.js';
import { holdCustomerMessage } from './hold-customer-message.js';
import { recordNoteMentions } from './note-mentions.js';
import { formatReply } from './reply-formatting.js';
import { TicketAttachments } from './ticket-attachments.service.js';
import { TicketQueries } from './ticket-queries.js';
import { toTicketView, type TicketRow } from './ticket-rows.js';
import { scopeOf, TicketWriter, type TicketTx } from './ticket-writer.js';

/** Agent actions on a ticket. Each is one TicketWriter change: the change, its timeline event, outbox rows. */
@Injectable()
export class TicketCommands {
  constructor(
    private readonly db: Db,
    private readonly queries: TicketQueries,
    private readonly writer: TicketWriter,
    private readonly sla: SlaClockService,
    private readonly attachments: TicketAttachments,
    @Inject(CHANNEL_ADAPTER_REGISTRY) private readonly adapters: ChannelAdapterRegistry,
  ) {}

  async postMessage(
    viewer: AuthenticatedViewer,
    ticketId: string,
    input: PostMessageBody,
  ): Promise<MessageView> {
    await this.visibleOr404(viewer, ticketId);
    return this.writer.change(ticketId, async (tx, locked) => {
      const replyOnly = (['identityId', 'template', 'attachmentIds', 'format', 'cc', 'bcc'] as const).find(
        (field) => input[field] !== undefined,
      );
      if (input.kind === 'note' && replyOnly)
        throw invalid(`${replyOnly}: a note is not sent to the customer`);
      if (input.kind === 'note') return this.appendNote(tx, locked, viewer, input.body); // notes are never sent, but may notify colleagues they @mention
      const ticket = await takeOverFromBot(tx, this.sla, locked); // a person answering takes the ticket from its bot
      if (ticket.status === 'closed')
        throw conflict('the ticket is closed; open a new ticket to write to the customer');
      const takesOver = await assignsOnReply(tx.sql, ticket); // replying to an unowned ticket takes it (a setting)
      // The agent may pick another of the contact's identities, or a WhatsApp template outside its reply window.
      const route = await this.queries.chooseReplyRoute(tx.sql, ticket, input);
      const ids = input.attachmentIds ?? [];
      const files = await this.attachments.claim(
        tx.sql,
        viewer,
        ticket.id,
        ids,
        route?.channel ?? ticket.channel,
      ); // uploads are claimed for the channel the reply really goes by, which sets their size limit
      const copies = mailCopies(this.adapters, route?.channel ?? ticket.channel, input);
      const next = statusAfter(ticket.status, 'agent_reply') ?? ticket.status;
      const updated = await tx.transition(ticket, next, 'agent_reply', {
        sets: `first_response_at = COALESCE(first_response_at, now())${takesOver ? ', assignee_id = $2' : ''}`,
        params: takesOver ? [viewer.userId] : [],
      });
      if (takesOver) await recordAssignedOnReply(tx, updated, viewer.userId);
      await this.sla.apply(tx.sql, updated, [
        ...statusChange(ticket.status, updated.status),
        { type: 'agent_reply' },
      ]); // a reply achieves the first and next response targets
      await tx.ticketUpdated(updated, {
        status: updated.status,
        ...(takesOver ? { assigneeId: updated.assignee_id } : {}),
      });
      const body = formatReply(input.body, input.format, route?.channel ?? ticket.channel);
      const message = await tx.appendMessage(updated, {
        kind: 'message',
        text: body.text,
        html: body.html,
        authorId: viewer.userId,
        outbound: true,
        route,
        meta: files.length || copies ? { ...(files.length ? { attachments: files } : {}), ...copies } : null,
      });
      await this.attachments.link(tx.sql, ids, message.id);
      if (copies) await addParticipants(tx.sql, ticket.id, 'email', copies.cc, viewer.userId);
      return message;
    });
  }

  async patch(viewer: AuthenticatedViewer, ticketId: string, input: PatchTicketBody): Promise<TicketView> {
    await this.visibleOr404(viewer, ticketId);
    if (input.assigneeId) await this.requireActiveUser(input.assigneeId, 'assigneeId');
    if (input.teamId) await this.requireTeam(input.teamId, 'teamId');
    const fieldValues = input.customFields
      ? parseCustomFieldValues('ticket', await fieldDefinitions(this.db, 'ticket'), input.customFields)
      : null;
    return this.writer.change(ticketId, async (tx, locked) => {
      const ticket = await takeOverFromBot(tx, this.sla, locked);
      const sets: string[] = [];
      const params: unknown[] = [];
      const set = (column: string, value: unknown) => {
        params.push(value);
        sets.push(`${column} = $${params.length + 1}`);
      };
      const statusChanges = !!input.status && input.status !== ticket.status;
      if (input.priority) set('priority', input.priority);
      if (input.assigneeId !== undefined) set('assignee_id', input.assigneeId);
      if (input.teamId !== undefined) set('team_id', input.teamId);
      if (input.tags) set('tags', normalizeTags(input.tags)); // one spelling per tag, see normalizeTag
      if (input.subject !== undefined && input.subject !== ticket.subject) set('subject', input.subject);
      if (fieldValues) {
        params.push(JSON.stringify(fieldValues));
        sets.push(mergeCustomFieldsSql(`$${params.length + 1}`));
      }
      if (sets.length === 0 && !statusChanges) return toTicketView(ticket);
      const updated = statusChanges
        ? await tx.transition(ticket, input.status!, 'agent', { sets: sets.join(', '), params })
        : await tx.touch(ticket.id, sets.join(', '), params);
      await this.sla.apply(tx.sql, updated, statusChange(ticket.status, updated.status)); // a new priority or team may select another SLA policy
      const changes = diff(toTicketView(ticket), toTicketView(updated));
      const edits = await recordTicketFieldEdits(tx, ticket, updated, viewer.userId); // subject and custom fields have lines of their own
      if (Object.keys(changes).length || !edits)
        await tx.appendEvent(updated, 'updated', changes, viewer.userId);
      await this.scopeChange(tx, ticket, updated);
      await tx.ticketUpdated(updated, { ...changes, ...edits });
      return toTicketView(updated);
    });
  }

  async hold(viewer: AuthenticatedViewer, ticketId: string, input: HoldBody): Promise<TicketView> {
    await this.visibleOr404(viewer, ticketId);
    if (input.until && Date.parse(input.until) <= Date.now()) throw invalid('until: must be in the future');
    const note = holdNoteText(input);
    return this.writer.change(ticketId, async (tx, locked) => {
      const ticket = await takeOverFromBot(tx, this.sla, locked);
      const updated = await tx.transition(ticket, 'on_hold', 'agent', {
        sets: 'hold_until = $2, assignee_id = COALESCE(assignee_id, $3)',
        params: [input.until ?? null, viewer.userId],
        refusal: `a ${ticket.status} ticket cannot be put on hold`,
      });
      await this.sla.apply(tx.sql, updated, statusChange(ticket.status, updated.status)); // pauses or resumes the clocks
      await tx.appendMessage(updated, { kind: 'hold_note', text: note, authorId: viewer.userId });
      await tx.appendEvent(
        updated,
        'held',
        { note, until: input.until ?? null, notifiedCustomer: !!input.notifyCustomer },
        viewer.userId,
      );
      if (input.notifyCustomer) {
        // The agent's edited text, else the admin's hold template.
        const text =
          input.customerMessage ?? (await holdCustomerMessage(tx.sql, updated, input.until ?? null));
        await tx.appendMessage(updated, { kind: 'message', text, authorId: viewer.userId, outbound: true });
      }
      await tx.ticketUpdated(updated, { status: 'on_hold', holdUntil: toTicketView(updated).holdUntil });
      return toTicketView(updated);
    });
  }

  async resume(viewer: AuthenticatedViewer, ticketId: string): Promise<TicketView> {
    await this.visibleOr404(viewer, ticketId);
    return this.writer.change(ticketId, async (tx, ticket) => {
      if (ticket.status !== 'on_hold') throw conflict('the ticket is not on hold');
      const updated = await tx.transition(ticket, 'open', 'agent');
      await this.sla.apply(tx.sql, updated, statusChange(ticket.status, updated.status)); // pauses or resumes the clocks
      await tx.appendEvent(updated, 'resumed', {}, viewer.userId);
      await tx.ticketUpdated(updated, { status: 'open', holdUntil: null });
      return toTicketView(updated);
    });
  }

  async transfer(viewer: AuthenticatedViewer, ticketId: string, input: TransferBody): Promise<TicketView> {
    await this.visibleOr404(viewer, ticketId);
    if (input.toAgentId) await this.requireActiveUser(input.toAgentId, 'toAgentId');
    if (input.toTeamId) await this.requireTeam(input.toTeamId, 'toTeamId');
    return this.writer.change(ticketId, async (tx, locked) => {
      const ticket = await takeOverFromBot(tx, this.sla, locked);
      const updated = await tx.touch(ticket.id, `assignee_id = $2, team_id = COALESCE($3, team_id)`, [
        input.toAgentId ?? null,
        input.toTeamId ?? null,
      ]);
      await this.sla.apply(tx.sql, updated, []); // a new team may select another SLA policy
      await tx.appendMessage(updated, { kind: 'transfer_note', text: input.note, authorId: viewer.userId });
      await tx.appendEvent(
        updated,
        'transferred',
        {
          fromAgentId: ticket.assignee_id,
          fromTeamId: ticket.team_id,
          toAgentId: input.toAgentId ?? null,
          toTeamId: updated.team_id,
          note: input.note,
        },
        viewer.userId,
      );
      await this.scopeChange(tx, ticket, updated);
      await tx.ticketUpdated(updated, { assigneeId: updated.assignee_id, teamId: updated.team_id });
      return toTicketView(updated);
    });
  }

  async acknowledgeHandoff(viewer: AuthenticatedViewer, ticketId: string): Promise<void> {
    await this.visibleOr404(viewer, ticketId);
    await this.writer.change(ticketId, async (tx, ticket) => {
      const updated = await tx.touch(ticket.id);
      await tx.appendEvent(updated, 'handoff_acknowledged', {}, viewer.userId);
      await tx.ticketUpdated(updated, {});
    });
  }

  /** An internal note; colleagues it @mentions are recorded on it and notified. */
  private async appendNote(
    tx: TicketTx,
    ticket: TicketRow,
    viewer: AuthenticatedViewer,
    body: string,
  ): Promise<MessageView> {
    const note = await tx.appendMessage(ticket, { kind: 'note', text: body, authorId: viewer.userId });
    await recordNoteMentions(tx, ticket, viewer, note);
    return note;
  }

  /** Those who could see the ticket before a transfer learn it left them (ids only, no content). */
  private async scopeChange(tx: TicketTx, before: TicketRow, after: TicketRow): Promise<void> {
    if (before.team_id === after.team_id && before.assignee_id === after.assignee_id) return;
    const changes = { assigneeId: after.assignee_id, teamId: after.team_id };
    await tx.emit(
      after.id,
      'ticket.updated',
      { ticketId: after.id, seq: Number(after.seq), changes },
      scopeOf(before),
    );
  }

  private async visibleOr404(viewer: AuthenticatedViewer, ticketId: string): Promise<TicketView> {
    const ticket = await this.queries.findVisible(viewer, ticketId);
    if (!ticket) throw notFound('ticket not found');
    return ticket;
  }

  private async requireActiveUser(id: string, field: string): Promise<void> {
    const user = await this.db.one(`SELECT 1 FROM users WHERE id = $1 AND active`, [id]);
    if (!user) throw invalid(`${field}: no active user with this id`);
  }

  private async requireTeam(id: string, field: string): Promise<void> {
    const team = await this.db.one(`SELECT 1 FROM teams WHERE id = $1`, [id]);
    if (!team) throw invalid(`${field}: no team with this id`);
  }
}

function diff(before: TicketView, after: TicketView): Partial<TicketView> {
  const out: Record<string, unknown> = {};
  for (const key of ['status', 'priority', 'assigneeId', 'teamId', 'tags'] as const) {
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) out[key] = after[key];
  }
  return out as Partial<TicketView>;
}
