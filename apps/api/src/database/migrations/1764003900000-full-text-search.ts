import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The workspace languages with a PostgreSQL stemmer; any other language searches plain words
 * (`search_simple`). A copy of `SEARCH_LANGUAGES` in search/search-language.ts as it was when this
 * migration was written: a language added there needs a migration that creates its configuration.
 */
const LANGUAGES: Record<string, string> = {
  da: 'danish',
  de: 'german',
  en: 'english',
  es: 'spanish',
  fi: 'finnish',
  fr: 'french',
  it: 'italian',
  nl: 'dutch',
  no: 'norwegian',
  pt: 'portuguese',
  sv: 'swedish',
};

/**
 * Full-text search of tickets.
 *
 * - `search_<language>`: PostgreSQL's stemmer for the language behind `unaccent`, so "Ruckerstattung"
 *   finds "Rückerstattung". `search_config()` picks the one of the workspace language
 *   (`app_settings` key `workspace.language`, English when unset).
 * - `messages.search_vector`: the body (weight A), attachment names (B) and the quoted history an
 *   email folds away (`meta.elidedText`, C), so a word deep in a quoted reply is found but ranks
 *   below the customer's own words. `tickets.search_vector`: the subject (A) and tags (B). Both are set by triggers,
 *   so every writer (ingest, replies, notes, merges, bulk loads) keeps them without knowing of search;
 *   a generated column cannot, because the configuration comes from a setting.
 * - Trigram indexes for what is typed in part: contact names with accents folded (`search_fold`),
 *   and the digits of identity addresses (`search_digits`), so "+49 170 12" finds "+4917012…".
 *   Addresses typed in part use the existing trigram index on `contact_identities.address`.
 */
export class FullTextSearch1764003900000 implements MigrationInterface {
  name = 'FullTextSearch1764003900000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE EXTENSION IF NOT EXISTS unaccent`);
    await q.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    const [{ schema }] = (await q.query(
      `SELECT extnamespace::regnamespace::text AS schema FROM pg_extension WHERE extname = 'unaccent'`,
    )) as Array<{ schema: string }>;
    const unaccentDictionary = `${schema}.unaccent`;

    for (const language of Object.values(LANGUAGES)) {
      await q.query(`CREATE TEXT SEARCH CONFIGURATION search_${language} (COPY = pg_catalog.${language})`);
      await q.query(
        `ALTER TEXT SEARCH CONFIGURATION search_${language} ALTER MAPPING FOR hword, hword_part, word WITH ${unaccentDictionary}, ${language}_stem`,
      );
    }
    await q.query(`CREATE TEXT SEARCH CONFIGURATION search_simple (COPY = pg_catalog.simple)`);
    await q.query(
      `ALTER TEXT SEARCH CONFIGURATION search_simple ALTER MAPPING FOR hword, hword_part, word WITH ${unaccentDictionary}, simple`,
    );

    const cases = Object.entries(LANGUAGES)
      .map(([code, language]) => `WHEN '${code}' THEN 'search_${language}'::regconfig`)
      .join(' ');
    await q.query(`
      -- The configuration of the workspace language: what vectors are written and queries parsed with.
      CREATE FUNCTION search_config() RETURNS regconfig LANGUAGE sql STABLE PARALLEL SAFE AS $$
        SELECT CASE split_part(lower(COALESCE(
                 (SELECT value #>> '{}' FROM app_settings WHERE key = 'workspace.language'), 'en')), '-', 1)
               ${cases} ELSE 'search_simple'::regconfig END
      $$;

      -- Lower case without accents, immutable (unaccent() alone is only stable) so it can be indexed.
      CREATE FUNCTION search_fold(value text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT AS $$
        SELECT lower(${schema}.unaccent('${unaccentDictionary}'::regdictionary, value))
      $$;

      -- The digits of a phone number or handle, however it was typed.
      CREATE FUNCTION search_digits(value text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT AS $$
        SELECT regexp_replace(value, '[^0-9]', '', 'g')
      $$;

      -- A message's words. Bodies are cut at 200,000 characters: a tsvector holds at most 1 MB,
      -- and a vector that does not fit must never fail the write that stores the message.
      CREATE FUNCTION message_search_vector(config regconfig, body text, meta jsonb)
        RETURNS tsvector LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
      DECLARE
        filenames text := '';
      BEGIN
        IF jsonb_typeof(meta -> 'attachments') = 'array' THEN
          SELECT COALESCE(string_agg(a ->> 'filename', ' '), '') INTO filenames
            FROM jsonb_array_elements(meta -> 'attachments') a WHERE jsonb_typeof(a) = 'object';
        END IF;
        BEGIN
          RETURN setweight(to_tsvector(config, left(COALESCE(body, ''), 200000)), 'A')
            -- "Rechnung_2024-03.pdf" is one token to the parser: its parts are words too.
            || setweight(to_tsvector(config, filenames || ' ' || regexp_replace(filenames, '[._-]+', ' ', 'g')), 'B')
            || setweight(to_tsvector(config, left(COALESCE(meta ->> 'elidedText', ''), 200000)), 'C');
        EXCEPTION WHEN program_limit_exceeded THEN
          RETURN strip(to_tsvector(config, left(COALESCE(body, ''), 20000)));
        END;
      END $$;

      CREATE FUNCTION messages_set_search_vector() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        NEW.search_vector := message_search_vector(search_config(), NEW.text, NEW.meta);
        RETURN NEW;
      END $$;

      -- A ticket's own words: its subject, and its tags below it.
      CREATE FUNCTION ticket_search_vector(config regconfig, subject text, tags text[])
        RETURNS tsvector LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
        SELECT setweight(to_tsvector(config, COALESCE(subject, '')), 'A')
          || setweight(to_tsvector(config, array_to_string(tags, ' ')), 'B')
      $$;

      CREATE FUNCTION tickets_set_search_vector() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        NEW.search_vector := ticket_search_vector(search_config(), NEW.subject, NEW.tags);
        RETURN NEW;
      END $$;

      ALTER TABLE messages ADD COLUMN search_vector tsvector;
      ALTER TABLE tickets ADD COLUMN search_vector tsvector;
      UPDATE messages SET search_vector = message_search_vector(search_config(), text, meta);
      UPDATE tickets SET search_vector = ticket_search_vector(search_config(), subject, tags);

      CREATE TRIGGER tr_messages_search_vector_insert BEFORE INSERT ON messages
        FOR EACH ROW EXECUTE FUNCTION messages_set_search_vector();
      -- Delivery states and other meta changes leave the words alone: no re-parse for those.
      CREATE TRIGGER tr_messages_search_vector_update BEFORE UPDATE OF text, meta ON messages
        FOR EACH ROW WHEN (OLD.text IS DISTINCT FROM NEW.text
          OR OLD.meta -> 'attachments' IS DISTINCT FROM NEW.meta -> 'attachments'
          OR OLD.meta -> 'elidedText' IS DISTINCT FROM NEW.meta -> 'elidedText')
        EXECUTE FUNCTION messages_set_search_vector();
      CREATE TRIGGER tr_tickets_search_vector_insert BEFORE INSERT ON tickets
        FOR EACH ROW EXECUTE FUNCTION tickets_set_search_vector();
      -- Most ticket updates (status, seq, SLA times) leave subject and tags alone: no re-parse.
      CREATE TRIGGER tr_tickets_search_vector_update BEFORE UPDATE OF subject, tags ON tickets
        FOR EACH ROW WHEN (OLD.subject IS DISTINCT FROM NEW.subject OR OLD.tags IS DISTINCT FROM NEW.tags)
        EXECUTE FUNCTION tickets_set_search_vector();

      -- A change of the workspace language re-writes every vector, a batch at a time (search-reindexer.ts):
      -- at most one row, the progress of the run in course, so a crash resumes where it stopped.
      CREATE TABLE search_reindex (
        id boolean PRIMARY KEY DEFAULT true CHECK (id),
        language text NOT NULL,
        tickets_after uuid,
        tickets_done boolean NOT NULL DEFAULT false,
        messages_after uuid,
        started_at timestamptz NOT NULL DEFAULT now()
      );

      CREATE INDEX ix_messages_search ON messages USING gin (search_vector);
      -- A word in most messages is looked for newest first (and ranked among the newest matches):
      -- reading this index backwards stops after a few thousand rows, where the search index
      -- would gather every match first.
      CREATE INDEX ix_messages_created ON messages (created_at);
      CREATE INDEX ix_tickets_search ON tickets USING gin (search_vector);
      CREATE INDEX ix_contacts_name_fold_trgm ON contacts USING gin (search_fold(name) gin_trgm_ops);
      CREATE INDEX ix_contact_identities_digits_trgm ON contact_identities USING gin (search_digits(address) gin_trgm_ops);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TABLE search_reindex;
      DROP INDEX ix_contact_identities_digits_trgm, ix_contacts_name_fold_trgm, ix_messages_created;
      DROP TRIGGER tr_tickets_search_vector_update ON tickets;
      DROP TRIGGER tr_tickets_search_vector_insert ON tickets;
      DROP TRIGGER tr_messages_search_vector_update ON messages;
      DROP TRIGGER tr_messages_search_vector_insert ON messages;
      ALTER TABLE tickets DROP COLUMN search_vector;
      ALTER TABLE messages DROP COLUMN search_vector;
      DROP FUNCTION tickets_set_search_vector(), messages_set_search_vector(),
        message_search_vector(regconfig, text, jsonb),
        ticket_search_vector(regconfig, text, text[]), search_digits(text), search_fold(text), search_config();
      DROP TEXT SEARCH CONFIGURATION search_simple;
    `);
    for (const language of Object.values(LANGUAGES))
      await q.query(`DROP TEXT SEARCH CONFIGURATION search_${language}`);
  }
}
