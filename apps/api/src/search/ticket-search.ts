import { Injectable } from '@nestjs/common';
import type {
  SearchMessageView,
  TicketSearchHit,
  TicketSearchPage,
  TicketSearchQuery,
} from '@switchboard/contracts';
import { invalid, type Viewer } from '@switchboard/domain';
import { Db } from '../common/db.js';
import { ticketListWhere } from '../tickets/ticket-queries.js';
import { TICKET_COLUMNS, toTicketView, type TicketRow } from '../tickets/ticket-rows.js';
import { SEARCH_CURSOR_TIME, decodeSearchCursor, encodeSearchCursor } from './search-cursor.js';
import {
  HEADLINE_HIDDEN,
  HEADLINE_STANDINS,
  MATCH_END,
  MATCH_START,
  foldDigits,
  foldLetters,
  markMatch,
  markedSnippetToHtml,
} from './search-snippet.js';
import { searchTerms, type SearchTerms } from './search-terms.js';

/**
 * The most matches of one kind (messages, subjects, contacts) a search ranks. A word in most of
 * a large inbox would otherwise rank every message that has it; past this many, the matches of
 * the newest weeks are ranked, and a more specific search narrows them.
 */
const CANDIDATES = 2000;

/**
 * Messages match far more often than subjects or contacts: the newest this many are ranked. A
 * page shows 25 tickets; more candidates would only re-rank older matches of a common word.
 */
const MESSAGE_CANDIDATES = 250;

/**
 * How many weeks back a message search looks a week at a time before it asks the search index
 * for all older matches at once. Each week is one index lookup, cheap for a word of that week
 * but ~7 ms when two common words rarely meet; past these weeks a word is rare enough that
 * gathering every older match costs less than walking a hundred weeks.
 */
const RECENT_WEEKS = 8;

/** The most older matches of a rare word read at once (see `olderMessages`). */
const OLDER_MATCHES = 5000;

/** How the kinds of match weigh against `ts_rank` of a message (0–1, body words highest). */
const SUBJECT_WEIGHT = 1.5;
const CONTACT_SCORE = 1;
const NUMBER_SCORE = 100;

const HEADLINE_OPTIONS = [
  `StartSel=${MATCH_START}`,
  `StopSel=${MATCH_END}`,
  'MaxWords=30',
  'MinWords=12',
  'MaxFragments=2',
  'FragmentDelimiter=" … "',
].join(', ');

interface SearchRow extends TicketRow {
  message_id: string | null;
  message_kind: SearchMessageView['kind'] | null;
  message_direction: 'in' | 'out' | null;
  message_author_name: string | null;
  message_created_at: Date | null;
  matched_in: TicketSearchHit['matchedIn'];
  label: string | null;
  headline: string | null;
  score: number;
  message_matches: string | number;
  cursor_time: string;
}

/**
 * Full-text search of the tickets a viewer may open: words in messages, notes, quoted history
 * and attachment names, and in subjects and tags (PostgreSQL full-text search in the workspace
 * language, accents folded); parts of contact names and addresses and phone digits (trigram indexes);
 * ticket numbers. Every kind of match is filtered by the same `ticketListWhere` as the queue
 * lists — visibility first — inside its own index lookup, so a ticket the viewer cannot open
 * is never a candidate, let alone a result.
 */
@Injectable()
export class TicketSearch {
  constructor(private readonly db: Db) {}

  async search(viewer: Viewer, query: TicketSearchQuery): Promise<TicketSearchPage> {
    const cursor = query.cursor ? decodeSearchCursor(query.cursor) : undefined;
    if (cursor === null) throw invalid('cursor: must be a nextCursor returned by this search');
    const terms = searchTerms(query.q);

    const params: unknown[] = [];
    const param = (value: unknown) => {
      params.push(value);
      return `$${params.length}`;
    };
    const scope = ticketListWhere(
      viewer,
      { status: query.status, teamId: query.teamId, channel: query.channel },
      params,
    ).join(' AND ');
    // The configuration as a value, not `search_config()` in the query: one setting read per
    // search, and the words a constant wherever the plan may use how common they are.
    const [{ config: configName }] = await this.db.query<{ config: string }>(
      `SELECT search_config()::text AS config`,
    );
    const config = `${param(configName)}::regconfig`;
    const tsquery = `websearch_to_tsquery(${config}, ${param(terms.text)})`;
    const from = query.from ? param(query.from) : null;
    const to = query.to ? param(query.to) : null;
    const during = (column: string) =>
      [from ? `${column} >= ${from}::timestamptz` : '', to ? `${column} < ${to}::timestamptz` : '']
        .filter(Boolean)
        .map((clause) => ` AND ${clause}`)
        .join('');
    // Visible to the viewer: each matching message is checked against its own ticket by primary
    // key (OFFSET 0 keeps it a lookup); a hash join would read every ticket to check a few thousand.
    const visibleTicket = `JOIN LATERAL (SELECT t.updated_at FROM tickets t WHERE t.id = m.ticket_id AND ${scope} OFFSET 0) vt ON true`;
    const words = `m.search_vector @@ ${tsquery}${during('m.created_at')}`;
    const newestWeek = `(SELECT search_week(max(created_at)) FROM messages)`;
    // The newest weeks one at a time, each one exact lookup of the search index by week and
    // words (LIMIT inside keeps the planner from folding them into one scan of every match); the
    // loop stops at the week that completes the candidates, so a common word or phrase reads
    // this week only. A week range would be a partial match in the index, which gathers the whole
    // range first.
    const recentMessages = `SELECT m.ticket_id, m.id, m.search_vector, m.updated_at
        FROM generate_series(${newestWeek}, ${newestWeek} - ${RECENT_WEEKS - 1}, -1) AS w(week)
        CROSS JOIN LATERAL (
          SELECT m.ticket_id, m.id, m.search_vector, vt.updated_at FROM messages m ${visibleTicket}
           WHERE search_week(m.created_at) = w.week AND ${words}
           LIMIT ${MESSAGE_CANDIDATES}) m
       LIMIT ${MESSAGE_CANDIDATES}`;
    // Fewer than enough there: the word is rare, and its older matches are one lookup of the
    // search index, newest kept. The words go in as a sub-select, and the bound of the newest
    // weeks and the visibility check come after the lookup (a period asked for stays in it): shown the words and the bound, the planner may
    // scan messages in time order or read every message of a common word for an agent who
    // sees few tickets (seconds to minutes at ten million). The lookup stops after
    // OLDER_MATCHES, so that agent waits less than a second and is shown the first of them.
    const olderMessages = `SELECT * FROM (
          SELECT m.ticket_id, m.id, m.search_vector, m.created_at, vt.updated_at
            FROM (SELECT m.ticket_id, m.id, m.search_vector, m.created_at FROM messages m
                   WHERE m.search_vector @@ (SELECT ${tsquery})${during('m.created_at')}
                     AND (SELECT count(*) FROM recent_messages) < ${MESSAGE_CANDIDATES}
                   LIMIT ${OLDER_MATCHES}) m
            ${visibleTicket}
           WHERE m.created_at < to_timestamp((${newestWeek} - ${RECENT_WEEKS - 1}) * 604800.0)
          OFFSET 0) older
        ORDER BY older.created_at DESC LIMIT ${MESSAGE_CANDIDATES}`;

    const sources = [
      `(SELECT mm.ticket_id, mm.id AS message_id, ts_rank(mm.search_vector, ${tsquery})::float8 AS score,
               'message' AS matched_in, NULL::text AS label, mm.updated_at
          FROM (SELECT * FROM recent_messages
                UNION ALL SELECT ticket_id, id, search_vector, updated_at FROM (${olderMessages}) o) mm
         LIMIT ${MESSAGE_CANDIDATES})`,
      // Subjects match far less often than messages: the first matches found, always through the
      // search index. The words come as a sub-select here so that a common one never tempts the
      // planner into reading every ticket until 2,000 subjects have it.
      `(SELECT t.id, NULL::uuid, ts_rank(t.search_vector, ${tsquery})::float8 * ${SUBJECT_WEIGHT}, 'subject', NULL,
               t.updated_at
          FROM tickets t
         WHERE t.search_vector @@ (SELECT ${tsquery}) AND ${scope}${during('t.created_at')}
         LIMIT ${CANDIDATES})`,
    ];
    const contactMatches = this.contactMatches(terms, param);
    if (contactMatches)
      sources.push(`(SELECT t.id, NULL::uuid, ${CONTACT_SCORE}::float8, 'contact', mc.label, t.updated_at
          FROM (${contactMatches}) mc JOIN tickets t ON t.contact_id = mc.contact_id
         WHERE ${scope}${during('t.created_at')}
         LIMIT ${CANDIDATES})`);
    if (terms.ticketNumber !== null)
      sources.push(`(SELECT t.id, NULL::uuid, ${NUMBER_SCORE}::float8, 'number', NULL, t.updated_at
          FROM tickets t WHERE t.number = ${param(terms.ticketNumber)} AND ${scope})`);

    const after = cursor
      ? `WHERE (b.score, b.updated_at, b.ticket_id) < (${param(cursor.score)}::float8, ${param(cursor.updatedAt)}::timestamptz, ${param(cursor.ticketId)}::uuid)`
      : '';
    const limit = param(query.limit + 1);
    const rows = await this.db.query<SearchRow>(
      `WITH recent_messages AS MATERIALIZED (${recentMessages}),
            hits AS (${sources.join('\n UNION ALL ')}),
            -- One row per ticket: its best match, and how many of its messages matched.
            best AS (
              SELECT DISTINCT ON (ticket_id) ticket_id, message_id, score, matched_in, label, updated_at,
                     count(message_id) OVER (PARTITION BY ticket_id) AS message_matches
                FROM hits ORDER BY ticket_id, score DESC, message_id NULLS LAST),
            -- The page is cut before tickets are read again: only its rows join them.
            page AS (
              SELECT b.* FROM best b ${after}
               ORDER BY b.score DESC, b.updated_at DESC, b.ticket_id DESC LIMIT ${limit})
       SELECT ${TICKET_COLUMNS}, p.message_id, p.score, p.matched_in, p.label, p.message_matches,
              ${SEARCH_CURSOR_TIME} AS cursor_time,
              m.kind AS message_kind, m.direction AS message_direction, m.created_at AS message_created_at,
              u.name AS message_author_name,
              -- Headlines re-parse the text, the costly part: only for the rows of this page.
              CASE WHEN m.id IS NOT NULL THEN ts_headline(${config},
                     translate(left(concat_ws(E'\\n', m.text, m.meta ->> 'elidedText',
                       (SELECT string_agg(a ->> 'filename', ' ') FROM jsonb_array_elements(
                          CASE jsonb_typeof(m.meta -> 'attachments') WHEN 'array' THEN m.meta -> 'attachments' ELSE '[]' END) a
                        WHERE jsonb_typeof(a) = 'object')), 200000), '${HEADLINE_HIDDEN}', '${HEADLINE_STANDINS}'),
                     ${tsquery}, '${HEADLINE_OPTIONS}')
                   WHEN p.matched_in = 'subject' THEN ts_headline(${config},
                     translate(concat_ws(' · ', t.subject, NULLIF(array_to_string(t.tags, ', '), '')), '${HEADLINE_HIDDEN}', '${HEADLINE_STANDINS}'), ${tsquery}, '${HEADLINE_OPTIONS}, HighlightAll=true')
              END AS headline
         FROM page p
         JOIN tickets t ON t.id = p.ticket_id JOIN contacts c ON c.id = t.contact_id
         LEFT JOIN messages m ON m.id = p.message_id LEFT JOIN users u ON u.id = m.author_id
        ORDER BY p.score DESC, t.updated_at DESC, t.id DESC`,
      params,
    );
    const items = rows.slice(0, query.limit).map((row) => toHit(row, terms));
    const last = rows.length > query.limit ? rows[query.limit - 1] : null;
    return {
      items,
      nextCursor: last
        ? encodeSearchCursor({ score: Number(last.score), updatedAt: last.cursor_time, ticketId: last.id })
        : null,
    };
  }

  /**
   * Contacts whose name or an address contains the text, or a phone number its digits, each
   * through its trigram index; `label` is what matched, for the snippet.
   */
  private contactMatches(terms: SearchTerms, param: (value: unknown) => string): string | null {
    const parts: string[] = [];
    if (terms.substring) {
      const pattern = param(terms.substring);
      parts.push(
        `(SELECT id AS contact_id, name AS label FROM contacts WHERE search_fold(name) LIKE search_fold(${pattern}) LIMIT ${CANDIDATES})`,
        `(SELECT contact_id, address FROM contact_identities WHERE address ILIKE ${pattern} LIMIT ${CANDIDATES})`,
      );
    }
    if (terms.digits)
      parts.push(
        `(SELECT contact_id, address FROM contact_identities WHERE search_digits(address) LIKE ${param(terms.digits)} LIMIT ${CANDIDATES})`,
      );
    return parts.length ? parts.join(' UNION ALL ') : null;
  }
}

function toHit(row: SearchRow, terms: SearchTerms): TicketSearchHit {
  const ticket = toTicketView(row);
  return {
    ticket,
    ...(row.message_id
      ? {
          message: {
            id: row.message_id,
            kind: row.message_kind!,
            direction: row.message_direction!,
            authorName: row.message_author_name,
            createdAt: new Date(row.message_created_at!).toISOString(),
          },
        }
      : {}),
    snippet: snippetOf(row, terms, ticket.subject),
    matchedIn: row.matched_in,
    messageMatches: Number(row.message_matches),
  };
}

function snippetOf(row: SearchRow, terms: SearchTerms, subject: string): string {
  if (row.headline !== null) return markedSnippetToHtml(row.headline);
  if (row.matched_in === 'contact' && row.label) {
    const marked =
      markMatch(row.label, terms.text, foldLetters) ??
      (terms.digitNeedle ? markMatch(row.label, terms.digitNeedle, foldDigits) : null);
    if (marked) return marked;
  }
  return markedSnippetToHtml(subject);
}
