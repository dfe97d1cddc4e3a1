import { Injectable, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { SURVEY_SCALES, SurveyAnswerBody, describeIssues, type SurveyKind } from '@switchboard/contracts';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Db } from '../common/db.js';
import { TicketWriter } from '../tickets/ticket-writer.js';
import { recordSurveyAnswer } from './survey-answers.js';
import { tokenHash } from './survey-sender.js';
import { readSurveySettings, settingsForAccount, surveyLanguage, surveyText } from './survey-settings.js';

interface RequestRow {
  id: string;
  ticket_id: string;
  number: string;
  kind: SurveyKind;
  status: string;
  expired: boolean;
  channel: string;
  channel_account_id: string | null;
  language: string | null;
  score: number | null;
  comment: string | null;
}

type Outcome =
  | {
      status: 200;
      kind: 'recorded';
      request: RequestRow;
      answered: SurveyKind;
      score: number;
      comment: string | null;
      /** The question to ask next on this page (CES after CSAT), if any. */
      followUp: SurveyKind | null;
    }
  | { status: 400 | 404 | 409 | 410; kind: 'refused'; message: string; request?: RequestRow };

const PAGE_TEXT: Record<string, Record<string, string>> = {
  en: {
    title: 'Your feedback',
    submit: 'Send my rating',
    comment: 'Anything you would like to add? (optional)',
    invalid: 'This survey link is not valid. Please check that you copied the whole link from the email.',
    expired: 'This survey has closed: answers are taken for 7 days after it was sent.',
    recorded: 'Your rating has been recorded. You can change it until the survey closes.',
    change: 'Change my rating',
  },
  de: {
    title: 'Ihr Feedback',
    submit: 'Bewertung senden',
    comment: 'Möchten Sie noch etwas ergänzen? (optional)',
    invalid:
      'Dieser Umfragelink ist ungültig. Bitte prüfen Sie, ob Sie den ganzen Link aus der E-Mail kopiert haben.',
    expired: 'Diese Umfrage ist geschlossen: Antworten sind 7 Tage nach dem Versand möglich.',
    recorded: 'Ihre Bewertung wurde gespeichert. Sie können sie ändern, solange die Umfrage offen ist.',
    change: 'Bewertung ändern',
  },
};

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/**
 * The small hosted page a survey mail links to, outside `/api` (customers, not agents, open it).
 * `GET /s/:token` only shows the form with the linked score pre-selected: mail scanners and link
 * previews fetch links, so a GET never records. The customer's `POST /s/:token` (JSON, or the
 * page's own form) records, and may change the answer until the survey closes. The page has no
 * script and no style sheet, so the console's CSP applies to it unchanged.
 */
@Injectable()
export class SurveyPage implements OnModuleInit {
  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly db: Db,
    private readonly writer: TicketWriter,
  ) {}

  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter.getInstance<FastifyInstance>();
    fastify.get('/s/:token', (req, reply) => this.show(req, reply));
    fastify.post('/s/:token', (req, reply) => this.answer(req, reply));
  }

  private async find(token: string): Promise<RequestRow | null> {
    if (!/^[A-Za-z0-9_-]{16,100}$/.test(token)) return null;
    return this.db.one<RequestRow>(
      `SELECT r.id, r.ticket_id, t.number, r.kind, r.status, r.expires_at <= now() AS expired, r.channel, r.channel_account_id, c.language,
              s.score, s.comment
         FROM survey_requests r JOIN tickets t ON t.id = r.ticket_id JOIN contacts c ON c.id = t.contact_id
         LEFT JOIN survey_responses s ON s.ticket_id = r.ticket_id AND s.kind = r.kind
        WHERE r.token_hash = $1 AND r.status IN ('sent', 'answered')`,
      [tokenHash(token)],
    );
  }

  private async show(req: FastifyRequest, reply: FastifyReply): Promise<void> {
    const { token } = req.params as { token: string };
    const request = await this.find(token);
    const texts = await this.texts(request);
    if (!request) return this.page(reply, 404, texts.t.title, `<p>${escapeHtml(texts.t.invalid)}</p>`);
    if (request.expired) return this.page(reply, 410, texts.t.title, `<p>${escapeHtml(texts.t.expired)}</p>`);
    const linked = Number((req.query as Record<string, string>).score);
    const chosen = Number.isInteger(linked) ? linked : request.score;
    return this.page(reply, 200, texts.t.title, this.form(request, token, texts, chosen, request.comment));
  }

  private async answer(req: FastifyRequest, reply: FastifyReply): Promise<void> {
    const { token } = req.params as { token: string };
    const isForm = String(req.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded');
    const outcome = await this.record(token, req.body);
    if (!isForm) {
      if (outcome.kind === 'recorded')
        return void reply.code(200).send({
          ticketNumber: Number(outcome.request.number),
          kind: outcome.answered,
          score: outcome.score,
          comment: outcome.comment,
          followUp: outcome.followUp
            ? {
                kind: outcome.followUp,
                ...SURVEY_SCALES[outcome.followUp],
                question: (await this.texts(outcome.request, outcome.followUp)).question,
              }
            : null,
        });
      return void reply
        .code(outcome.status)
        .send({ statusCode: outcome.status, error: ERROR_NAMES[outcome.status], message: outcome.message });
    }
    const texts = await this.texts(
      outcome.request ?? null,
      outcome.kind === 'recorded' ? outcome.answered : undefined,
    );
    if (outcome.kind === 'recorded') {
      const next = outcome.followUp ? await this.texts(outcome.request, outcome.followUp) : null;
      return this.page(
        reply,
        200,
        texts.t.title,
        `<p role="status">${escapeHtml(texts.thanks)}</p><p>${escapeHtml(texts.t.recorded)}</p>` +
          (next && outcome.followUp
            ? this.form(outcome.request, token, next, null, null, outcome.followUp)
            : '') +
          `<details><summary>${escapeHtml(texts.t.change)}</summary>${this.form(outcome.request, token, texts, outcome.score, outcome.comment, outcome.answered)}</details>`,
      );
    }
    return this.page(
      reply,
      outcome.status,
      texts.t.title,
      `<p role="alert">${escapeHtml(outcome.message)}</p>`,
    );
  }

  /** Checks and stores one answer; what the customer is told. */
  async record(token: string, body: unknown): Promise<Outcome> {
    const request = await this.find(token);
    if (!request) return { status: 404, kind: 'refused', message: PAGE_TEXT.en.invalid };
    if (request.expired) return { status: 410, kind: 'refused', message: PAGE_TEXT.en.expired, request };
    const parsed = SurveyAnswerBody.safeParse(body ?? {});
    if (!parsed.success)
      return { status: 400, kind: 'refused', message: describeIssues(parsed.error), request };
    const { score, ticketId } = parsed.data;
    const settings = await readSurveySettings(this.db);
    const ces = settingsForAccount(settings, request.channel_account_id).ces;
    const cesFollows = request.kind === 'csat' && ces.enabled && ces.mode !== 'instead';
    const kind = parsed.data.kind ?? request.kind;
    if (kind !== request.kind && !(kind === 'ces' && cesFollows && request.score !== null))
      return {
        status: 400,
        kind: 'refused',
        message: `kind: this survey link does not ask for ${kind}`,
        request,
      };
    const { min, max } = SURVEY_SCALES[kind];
    if (score < min || score > max)
      return {
        status: 400,
        kind: 'refused',
        message: `score must be a whole number from ${min} to ${max}`,
        request,
      };
    if (ticketId && ticketId !== request.ticket_id && ticketId !== request.number)
      return { status: 409, kind: 'refused', message: 'this survey link belongs to another ticket', request };
    const comment = parsed.data.comment || null;
    await this.writer.transaction(async (tx) => {
      await tx.lock(request.ticket_id);
      await recordSurveyAnswer(tx, {
        ticketId: request.ticket_id,
        kind,
        score,
        comment,
        channel: request.channel ?? 'email',
        // The CES follow-up rides on the CSAT link: it has no request of its own.
        requestId: kind === request.kind ? request.id : null,
      });
    });
    const followUp = kind === 'csat' && cesFollows ? 'ces' : null;
    return { status: 200, kind: 'recorded', request, answered: kind, score, comment, followUp };
  }

  private async texts(request: RequestRow | null, kind: SurveyKind | undefined = request?.kind) {
    const settings = await readSurveySettings(this.db);
    const language = surveyLanguage(settings, request?.language ?? null);
    return {
      t: PAGE_TEXT[language] ?? PAGE_TEXT.en,
      language,
      question: request && kind ? surveyText(settings, request.language, kind) : '',
      thanks: surveyText(settings, request?.language ?? null, 'thanks'),
    };
  }

  private form(
    request: RequestRow,
    token: string,
    texts: Awaited<ReturnType<SurveyPage['texts']>>,
    chosen: number | null,
    comment: string | null,
    kind: SurveyKind = request.kind,
  ): string {
    const { min, max } = SURVEY_SCALES[kind];
    const options = Array.from({ length: max - min + 1 }, (_, i) => min + i)
      .map(
        (s) =>
          `<label style="display:inline-block;margin:0 .5rem .5rem 0;font-size:1.25rem"><input type="radio" name="score" value="${s}"${s === chosen ? ' checked' : ''} required> ${s}</label>`,
      )
      .join('');
    return (
      `<form method="post" action="/s/${escapeHtml(token)}">` +
      (kind !== request.kind ? `<input type="hidden" name="kind" value="${kind}">` : '') +
      `<fieldset style="border:0;padding:0"><legend style="font-weight:600;margin-bottom:.75rem">${escapeHtml(texts.question)}</legend>${options}</fieldset>` +
      `<p><label>${escapeHtml(texts.t.comment)}<br><textarea name="comment" rows="4" maxlength="2000" style="width:100%;box-sizing:border-box">${escapeHtml(comment ?? '')}</textarea></label></p>` +
      `<p><button type="submit" style="font-size:1rem;padding:.5rem 1rem">${escapeHtml(texts.t.submit)}</button></p></form>`
    );
  }

  private page(reply: FastifyReply, status: number, title: string, body: string): void {
    void reply
      .code(status)
      .header('content-type', 'text/html; charset=utf-8')
      .header('cache-control', 'no-store')
      .send(
        `<!doctype html><html><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">` +
          `<meta name="robots" content="noindex"><title>${escapeHtml(title)}</title></head>` +
          `<body style="font-family:system-ui,sans-serif;max-width:32rem;margin:2rem auto;padding:0 1rem;line-height:1.5">` +
          `<h1 style="font-size:1.4rem">${escapeHtml(title)}</h1>${body}</body></html>`,
      );
  }
}

const ERROR_NAMES: Record<number, string> = {
  400: 'Bad Request',
  404: 'Not Found',
  409: 'Conflict',
  410: 'Gone',
};
