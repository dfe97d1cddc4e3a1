import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The languages with a PostgreSQL stemmer the help center searches in; other locales use `kb_simple`. */
const KB_SEARCH_LANGUAGES: Record<string, string> = {
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
 * Knowledge base: categories, articles and their translations (one row per article and locale,
 * with the Markdown, its sanitized HTML and the search vector), revisions for the update
 * history, "was this helpful?" votes, and the self-service events the widget reports.
 *
 * Search: one text search configuration per language, `kb_<language>`, a copy of PostgreSQL's
 * stemmer that also folds accents through `unaccent` when that extension is installed
 * (Müller and Muller match). The configuration is a column of the translation, so the search
 * vector is a generated column (`to_tsvector(regconfig, text)` is immutable) with a GIN index.
 */
export class KnowledgeBase1764003400000 implements MigrationInterface {
  name = 'KnowledgeBase1764003400000';

  async up(q: QueryRunner): Promise<void> {
    const [{ available }] = (await q.query(
      `SELECT EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'unaccent') AS available`,
    )) as Array<{ available: boolean }>;
    if (available) await q.query(`CREATE EXTENSION IF NOT EXISTS unaccent`);
    const unaccent = available ? 'unaccent, ' : '';
    for (const [, language] of Object.entries(KB_SEARCH_LANGUAGES)) {
      await q.query(`CREATE TEXT SEARCH CONFIGURATION kb_${language} (COPY = pg_catalog.${language})`);
      await q.query(
        `ALTER TEXT SEARCH CONFIGURATION kb_${language} ALTER MAPPING FOR hword, hword_part, word WITH ${unaccent}${language}_stem`,
      );
    }
    await q.query(`CREATE TEXT SEARCH CONFIGURATION kb_simple (COPY = pg_catalog.simple)`);
    await q.query(
      `ALTER TEXT SEARCH CONFIGURATION kb_simple ALTER MAPPING FOR hword, hword_part, word WITH ${unaccent}simple`,
    );
    await q.query(`
      CREATE TABLE kb_categories (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        slug text NOT NULL,
        position integer NOT NULL DEFAULT 0,
        names jsonb NOT NULL DEFAULT '{}',
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT ux_kb_categories_slug UNIQUE (slug)
      );

      CREATE TABLE kb_articles (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        category_id uuid REFERENCES kb_categories (id) ON DELETE SET NULL,
        author_id uuid REFERENCES users (id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX ix_kb_articles_category ON kb_articles (category_id);

      CREATE TABLE kb_translations (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        article_id uuid NOT NULL REFERENCES kb_articles (id) ON DELETE CASCADE,
        locale text NOT NULL,
        title text NOT NULL,
        slug text NOT NULL,
        body text NOT NULL,
        body_html text NOT NULL,
        body_text text NOT NULL,
        status text NOT NULL CHECK (status IN ('draft', 'published')),
        search_config regconfig NOT NULL,
        search tsvector GENERATED ALWAYS AS (
          setweight(to_tsvector(search_config, title), 'A') || setweight(to_tsvector(search_config, body_text), 'B')
        ) STORED,
        helpful_yes integer NOT NULL DEFAULT 0,
        helpful_no integer NOT NULL DEFAULT 0,
        published_at timestamptz,
        updated_by uuid REFERENCES users (id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT ux_kb_translations_article_locale UNIQUE (article_id, locale),
        CONSTRAINT ux_kb_translations_locale_slug UNIQUE (locale, slug)
      );
      -- The help center reads published rows only: its listing and its search stay on these.
      CREATE INDEX ix_kb_translations_search ON kb_translations USING gin (search) WHERE status = 'published';
      CREATE INDEX ix_kb_translations_recent ON kb_translations (locale, updated_at DESC) WHERE status = 'published';

      CREATE TABLE kb_revisions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        article_id uuid NOT NULL REFERENCES kb_articles (id) ON DELETE CASCADE,
        locale text NOT NULL,
        title text NOT NULL,
        body text NOT NULL,
        status text NOT NULL,
        editor_id uuid REFERENCES users (id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX ix_kb_revisions_article ON kb_revisions (article_id, created_at DESC);

      -- Self-service as the widget reports it, per visitor: suggestions shown, articles opened,
      -- and the ticket the visitor started afterwards, if any (null = deflected so far).
      CREATE TABLE kb_widget_events (
        id bigserial PRIMARY KEY,
        channel_account_id uuid NOT NULL REFERENCES channel_accounts (id) ON DELETE CASCADE,
        visitor_id uuid NOT NULL,
        type text NOT NULL CHECK (type IN ('shown', 'opened')),
        article_id uuid NOT NULL REFERENCES kb_articles (id) ON DELETE CASCADE,
        ticket_id uuid REFERENCES tickets (id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX ix_kb_widget_events_visitor ON kb_widget_events (visitor_id, created_at) WHERE type = 'opened';
      CREATE INDEX ix_kb_widget_events_created ON kb_widget_events (created_at);

      CREATE TABLE kb_settings (
        id boolean PRIMARY KEY DEFAULT true CHECK (id),
        name text NOT NULL DEFAULT 'Help Center',
        primary_color text NOT NULL DEFAULT '#2f6fed',
        contact_url text,
        contact_email text,
        default_locale text NOT NULL DEFAULT 'en',
        updated_at timestamptz NOT NULL DEFAULT now()
      );
      INSERT INTO kb_settings DEFAULT VALUES;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TABLE kb_settings;
      DROP TABLE kb_widget_events;
      DROP TABLE kb_revisions;
      DROP TABLE kb_translations;
      DROP TABLE kb_articles;
      DROP TABLE kb_categories;
      DROP TEXT SEARCH CONFIGURATION kb_simple;
    `);
    for (const language of Object.values(KB_SEARCH_LANGUAGES))
      await q.query(`DROP TEXT SEARCH CONFIGURATION kb_${language}`);
  }
}
