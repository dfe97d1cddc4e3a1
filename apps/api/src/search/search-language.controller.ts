import { Body, Controller, Get, Put } from '@nestjs/common';
import { SearchLanguageBody, type SearchLanguageView } from '@switchboard/contracts';
import { CurrentViewer, Roles } from '../auth/auth.guard.js';
import type { AuthenticatedViewer } from '../auth/auth.service.js';
import { parseInput } from '../common/validation.js';
import { SearchLanguage } from './search-language.service.js';

/** The workspace language search stems and folds words in: admins choose it. */
@Controller('admin/settings/search-language')
@Roles('admin')
export class SearchLanguageController {
  constructor(private readonly language: SearchLanguage) {}

  @Get()
  get(): Promise<SearchLanguageView> {
    return this.language.get();
  }

  @Put()
  put(@CurrentViewer() viewer: AuthenticatedViewer, @Body() body: unknown): Promise<SearchLanguageView> {
    return this.language.set(parseInput(SearchLanguageBody, body).language, viewer.userId);
  }
}
