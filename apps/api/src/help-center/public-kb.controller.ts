import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { kbLocale, KbWidgetEventBody } from '@switchboard/contracts';
import { z } from 'zod';
import { Public } from '../auth/auth.guard.js';
import { Db } from '../common/db.js';
import { parseInput } from '../common/validation.js';
import { KbDeflectionService } from '../kb/kb-deflection.service.js';
import { plainSnippet, searchArticles } from './help-search.js';

const SearchQuery = z.strictObject({
  q: z.string().max(200, 'must be at most 200 characters').default(''),
  locale: kbLocale,
  limit: z.coerce.number().int().min(1).max(20).default(5),
});

/**
 * The knowledge base for the widget and other sites, without login: search over published
 * articles, and the self-service events the widget reports (by its visitor token).
 */
@Controller('public/kb')
@Public()
export class PublicKbController {
  constructor(
    private readonly db: Db,
    private readonly deflection: KbDeflectionService,
  ) {}

  @Get('search')
  async search(@Query() query: unknown) {
    const { q, locale, limit } = parseInput(SearchQuery, query);
    const hits = await searchArticles(this.db, locale, q, { limit, match: 'any' });
    return { items: hits.map((h) => ({ ...h, snippet: plainSnippet(h.snippet) })) };
  }

  @Post('events')
  @HttpCode(200)
  events(@Body() body: unknown) {
    // The widget posts text/plain (no preflight), like its other calls.
    const parsed = typeof body === 'string' ? safeJson(body) : body;
    return this.deflection.record(parseInput(KbWidgetEventBody, parsed));
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return {};
  }
}
