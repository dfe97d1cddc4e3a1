import { createHash, randomBytes } from 'node:crypto';
import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { SURVEY_SCALES, type SurveyKind, type SurveySettingsView } from '@switchboard/contracts';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { blockedSenderSql } from '../blocklist/blocked-senders.js';
import { TicketWriter, type TicketTx } from '../tickets/ticket-writer.js';
import { FailureBackoff } from '../workers/failure-backoff.js';
import { readSurveySettings, settingsForAccount, surveyText } from './survey-settings.js';

/** How long a sent survey takes answers (and lets the customer change theirs). */
export const ANSWER_WINDOW_DAYS = 7;

export const tokenHash = (token: string) => createHash('sha256').update(token).digest('hex');

interface DueRequest {
  id: string;
  ticket_id: string;
  kind: SurveyKind;
}

interface Recipient {
  status: string;
  contact_id: string;
  language: string | null;
  identity_id: string | null;
  channel: string | null;
  channel_account_id: string | null;
  opted_out: boolean;
  bounced: boolean;
  automated: boolean;
  blocked: boolean;
}

/**
 * Sends surveys whose delay has passed, as outbound messages through the ticket writer (so the
 * dispatcher delivers them like replies). Due rows are found through a partial index and claimed
 * with SKIP LOCKED, so any number of workers may run this. Everything that must not get a survey
 * is checked here, at send time, on what is true then.
 */
@Injectable()
export class SurveySender implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('SurveySender');
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly writer: TicketWriter,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.role === 'web') return;
    const backoff = new FailureBackoff('survey sending', 1_000, this.logger);
    const run = async () => {
      let wait: number;
      try {
        await this.sendDue();
        wait = backoff.succeeded();
      } catch (err) {
        wait = backoff.failed(err);
      }
      if (!this.stopped) this.timer = setTimeout(() => void run(), wait);
    };
    this.timer = setTimeout(() => void run(), 1_000);
  }

  onApplicationShutdown(): void {
    this.stopped = true;
    clearTimeout(this.timer);
  }

  /** Sends (or settles) up to 50 due surveys; how many were handled. */
  async sendDue(): Promise<number> {
    return this.writer.transaction(async (tx) => {
      const due = await tx.sql.query<DueRequest>(
        `SELECT id, ticket_id, kind FROM survey_requests WHERE status = 'scheduled' AND due_at <= now()
          ORDER BY due_at LIMIT 50 FOR UPDATE SKIP LOCKED`,
      );
      if (due.length === 0) return 0;
      const settings = await readSurveySettings(tx.sql);
      for (const request of due) await this.sendOne(tx, settings, request);
      return due.length;
    });
  }

  private async sendOne(tx: TicketTx, settings: SurveySettingsView, request: DueRequest): Promise<void> {
    const ticket = await tx.lock(request.ticket_id);
    if (!ticket) return;
    const [to] = await tx.sql.query<Recipient>(
      `SELECT t.status, t.contact_id, c.language, m.identity_id, m.channel, m.channel_account_id,
              i.opted_out_at IS NOT NULL AS opted_out,
              EXISTS (SELECT 1 FROM email_bounces b JOIN messages bm ON bm.id = b.message_id
                       WHERE bm.identity_id = m.identity_id) AS bounced,
              COALESCE((m.meta->'automated'->>'automated')::boolean, false) AS automated,
              (t.spam_at IS NOT NULL OR ${blockedSenderSql('t.contact_id', 'i.address')}) AS blocked
         FROM tickets t JOIN contacts c ON c.id = t.contact_id
         LEFT JOIN LATERAL (
           SELECT m.identity_id, m.channel, m.channel_account_id, m.meta FROM messages m
             JOIN channel_accounts a ON a.id = m.channel_account_id AND a.active
            WHERE m.ticket_id = t.id AND m.direction = 'in' AND m.kind = 'message' AND m.identity_id IS NOT NULL
            ORDER BY m.created_at DESC LIMIT 1) m ON true
         LEFT JOIN contact_identities i ON i.id = m.identity_id
        WHERE t.id = $1`,
      [request.ticket_id],
    );
    const refusal =
      to.status !== 'solved' && to.status !== 'closed'
        ? 'reopened'
        : !to.identity_id
          ? 'no_address'
          : to.opted_out
            ? 'opted_out'
            : to.bounced
              ? 'bounced'
              : to.automated
                ? 'auto_reply'
                : to.blocked
                  ? 'blocked'
                  : null;
    if (refusal) {
      await tx.sql.query(
        `UPDATE survey_requests SET status = $2, reason = $3, contact_id = $4, updated_at = now() WHERE id = $1`,
        [request.id, refusal === 'reopened' ? 'cancelled' : 'skipped', refusal, to.contact_id],
      );
      return;
    }
    const own = settingsForAccount(settings, to.channel_account_id);
    const question = surveyText(settings, to.language, request.kind, own[request.kind].question);
    const token = randomBytes(24).toString('base64url');
    const content = compose(request.kind, to.channel!, question, `${settings.linkBaseUrl ?? ''}/s/${token}`);
    const template = await this.approvedTemplate(tx, to.channel_account_id!, request.kind, question);
    const updated = await tx.touch(ticket.id);
    const message = await tx.appendMessage(updated, {
      kind: 'message',
      text: content.text,
      html: content.html,
      authorId: null,
      outbound: true,
      route: {
        channel: to.channel!,
        channelAccountId: to.channel_account_id!,
        identityId: to.identity_id,
        meta: null,
      },
      meta: {
        survey: { kind: request.kind, requestId: request.id },
        ...(content.choices ? { choices: content.choices } : {}),
        ...(template ? { template } : {}),
      },
    });
    await tx.sql.query(
      `UPDATE survey_requests
          SET status = 'sent', sent_at = now(), expires_at = now() + make_interval(days => $2), token_hash = $3,
              message_id = $4, channel = $5, channel_account_id = $6, contact_id = $7, updated_at = now()
        WHERE id = $1`,
      [
        request.id,
        ANSWER_WINDOW_DAYS,
        tokenHash(token),
        message.id,
        to.channel,
        to.channel_account_id,
        to.contact_id,
      ],
    );
  }

  /**
   * WhatsApp: the account's approved template named `csat_survey` (`ces_survey`, `nps_survey`),
   * with its quick-reply buttons, when it has one: it may be sent outside the 24-hour window, and
   * a tap comes back as the button's text (the score). Its first placeholder gets the question.
   */
  private async approvedTemplate(
    tx: TicketTx,
    channelAccountId: string,
    kind: SurveyKind,
    question: string,
  ): Promise<{ contentSid: string; variables: Record<string, string> } | null> {
    const [row] = await tx.sql.query<{
      templates: Array<{ contentSid: string; name: string; variables?: string[] }> | null;
    }>(
      `SELECT config->'templates' AS templates FROM channel_accounts WHERE id = $1 AND kind = 'twilio_whatsapp'`,
      [channelAccountId],
    );
    const found = Array.isArray(row?.templates)
      ? row.templates.find((t) => t.name === `${kind}_survey`)
      : undefined;
    if (!found) return null;
    const first = found.variables?.[0];
    return { contentSid: found.contentSid, variables: first ? { [first]: question } : {} };
  }
}

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** Channels whose messages can carry answer buttons (quick replies, an inline keyboard). */
const BUTTON_CHANNELS = new Set(['messenger', 'instagram', 'telegram']);

/**
 * The survey in the channel's own idiom: mail gets one link per score to the hosted page (which
 * records nothing until the customer submits it); Messenger, Instagram and Telegram get a button
 * per score (a tap comes back as that number); other text channels ask for a number in reply.
 */
export function compose(
  kind: SurveyKind,
  channel: string,
  question: string,
  link: string,
): { text: string; html: string | null; choices?: Array<{ label: string; value: string }> } {
  const { min, max } = SURVEY_SCALES[kind];
  const scores = Array.from({ length: max - min + 1 }, (_, i) => min + i);
  if (channel === 'email') {
    const text = `${question}\n\n${scores.map((s) => `${s}: ${link}?score=${s}`).join('\n')}\n`;
    const html =
      `<p>${escapeHtml(question)}</p><p>` +
      scores.map((s) => `<a href="${escapeHtml(`${link}?score=${s}`)}">${s}</a>`).join(' &nbsp; ') +
      `</p><p>${min} = ${kind === 'ces' ? 'very easy' : 'poor'}, ${max} = ${kind === 'ces' ? 'very difficult' : 'great'}</p>`;
    return { text, html };
  }
  if (BUTTON_CHANNELS.has(channel))
    return {
      text: question,
      html: null,
      choices: scores.map((s) => ({ label: String(s), value: String(s) })),
    };
  return { text: `${question} Reply with a number from ${min} to ${max}.`, html: null };
}
