import { SURVEY_SCALES, type SurveyKind } from '@switchboard/contracts';
import type { TicketTx } from '../tickets/ticket-writer.js';
import { recordSurveyAnswer } from './survey-answers.js';
import { schedule } from './survey-scheduler.js';
import { readSurveySettings, settingsForAccount } from './survey-settings.js';

/** How long after a text survey went out the contact's next number is read as the answer. */
export const TEXT_ANSWER_HOURS = 24;

/**
 * A reply that starts with a number: "4", "4!", "4/5", "3 please call me". Decimals ("3.5"),
 * longer numbers and text that merely contains a digit are not answers.
 */
const NUMBER_REPLY = /^\s*(\d{1,2})(?![\d.,]\d)(?:\s*\/\s*\d{1,2})?\s*[.!)]?(?:\s+|$)([\s\S]*)$/;

export interface SurveyReply {
  ticketId: string;
  requestId: string;
  /** True when the text was the number alone: it is the answer and nothing else, so no ticket message. */
  consumed: boolean;
}

/**
 * The text-channel rule (SMS, and chat channels without buttons): the contact's next message
 * through the account a survey went out on, within 24 hours, is the answer when it starts with a
 * score in range. A bare number is only the answer; a number followed by words ("3 please call
 * me") is both the score (the words as its comment) and a normal customer message, because those
 * words may need an agent. Anything else is a normal message, and the survey stays open.
 */
export async function takeSurveyReply(
  tx: TicketTx,
  input: { contactId: string; channelAccountId: string; text: string },
): Promise<SurveyReply | null> {
  const match = NUMBER_REPLY.exec(input.text);
  if (!match) return null;
  const score = Number(match[1]);
  const [request] = await tx.sql.query<{ id: string; ticket_id: string; kind: SurveyKind; channel: string }>(
    `SELECT id, ticket_id, kind, channel FROM survey_requests
      WHERE contact_id = $1 AND channel_account_id = $2 AND status = 'sent'
        AND sent_at > now() - make_interval(hours => $3) AND expires_at > now()
      ORDER BY sent_at DESC LIMIT 1 FOR UPDATE`,
    [input.contactId, input.channelAccountId, TEXT_ANSWER_HOURS],
  );
  if (!request) return null;
  const { min, max } = SURVEY_SCALES[request.kind];
  if (score < min || score > max) return null;
  const words = match[2].trim();
  await tx.lock(request.ticket_id);
  await recordSurveyAnswer(tx, {
    ticketId: request.ticket_id,
    kind: request.kind,
    score,
    comment: words ? words.slice(0, 2000) : null,
    channel: request.channel,
    requestId: request.id,
  });
  // The CES follow-up goes out at once, on the same channel; the customer's next number answers it.
  if (request.kind === 'csat') {
    const ces = settingsForAccount(await readSurveySettings(tx.sql), input.channelAccountId).ces;
    if (ces.enabled && ces.mode !== 'instead') await schedule(tx, request.ticket_id, 'ces', 0);
  }
  return { ticketId: request.ticket_id, requestId: request.id, consumed: !words };
}
