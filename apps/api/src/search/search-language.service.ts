import { Injectable } from '@nestjs/common';
import type { SearchLanguageView } from '@switchboard/contracts';
import { Db } from '../common/db.js';
import { readSetting, writeSetting } from '../settings/app-settings.js';
import { searchConfigurationFor } from './search-language.js';

/**
 * The workspace language of search. New text is indexed in it at once (the triggers read it);
 * older text is re-indexed in the background by the SearchReindexer, which this starts.
 */
@Injectable()
export class SearchLanguage {
  constructor(private readonly db: Db) {}

  async get(): Promise<SearchLanguageView> {
    const [{ value: language }, [run]] = await Promise.all([
      readSetting(this.db, 'workspace.language'),
      this.db.query(`SELECT 1 FROM search_reindex`),
    ]);
    return { language, ...searchConfigurationFor(language), reindexing: Boolean(run) };
  }

  async set(language: string, changedBy: string): Promise<SearchLanguageView> {
    await this.db.tx(async (sql) => {
      const { value: before } = await readSetting(sql, 'workspace.language');
      await writeSetting(sql, 'workspace.language', language, changedBy);
      if (searchConfigurationFor(before).configuration === searchConfigurationFor(language).configuration)
        return;
      // From the start again, also when a run for another language was under way.
      await sql.query(
        `INSERT INTO search_reindex (language) VALUES ($1)
         ON CONFLICT (id) DO UPDATE SET language = EXCLUDED.language, tickets_after = NULL,
           tickets_done = false, messages_after = NULL, started_at = now()`,
        [language],
      );
    });
    return this.get();
  }
}
