import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Put, Query } from '@nestjs/common';
import {
  CreateKbArticleBody,
  CreateKbCategoryBody,
  KbArticleListQuery,
  kbLocale,
  KbSettingsPatch,
  PatchKbArticleBody,
  PatchKbCategoryBody,
  PutKbTranslationBody,
} from '@switchboard/contracts';
import { CurrentViewer, Roles } from '../auth/auth.guard.js';
import type { AuthenticatedViewer } from '../auth/auth.service.js';
import { Db } from '../common/db.js';
import { parseInput } from '../common/validation.js';
import { KbArticlesService } from './kb-articles.service.js';
import { KbCategoriesService } from './kb-categories.service.js';
import { KbDeflectionService } from './kb-deflection.service.js';
import { readKbSettings, writeKbSettings } from './kb-settings.js';

/** Who keeps the knowledge base; every signed-in agent reads it (and links articles in replies). */
const EDITORS = ['admin', 'supervisor'] as const;

const localeParam = (value: string) => parseInput(kbLocale, value);

/** The knowledge base for the console: articles with their translations, categories, help center settings. */
@Controller('kb')
export class KbController {
  constructor(
    private readonly articles: KbArticlesService,
    private readonly categories: KbCategoriesService,
    private readonly deflection: KbDeflectionService,
    private readonly db: Db,
  ) {}

  @Get('articles')
  list(@Query() query: unknown) {
    return this.articles.list(parseInput(KbArticleListQuery, query));
  }

  @Post('articles')
  @Roles(...EDITORS)
  create(@CurrentViewer() viewer: AuthenticatedViewer, @Body() body: unknown) {
    return this.articles.create(viewer, parseInput(CreateKbArticleBody, body));
  }

  @Get('articles/:id')
  get(@Param('id') id: string) {
    return this.articles.get(id);
  }

  @Patch('articles/:id')
  @Roles(...EDITORS)
  patch(@CurrentViewer() viewer: AuthenticatedViewer, @Param('id') id: string, @Body() body: unknown) {
    return this.articles.patch(viewer, id, parseInput(PatchKbArticleBody, body));
  }

  @Delete('articles/:id')
  @Roles(...EDITORS)
  @HttpCode(204)
  remove(@Param('id') id: string) {
    return this.articles.remove(id);
  }

  @Put('articles/:id/translations/:locale')
  @Roles(...EDITORS)
  putTranslation(
    @CurrentViewer() viewer: AuthenticatedViewer,
    @Param('id') id: string,
    @Param('locale') locale: string,
    @Body() body: unknown,
  ) {
    return this.articles.putTranslation(
      viewer,
      id,
      localeParam(locale),
      parseInput(PutKbTranslationBody, body),
    );
  }

  @Delete('articles/:id/translations/:locale')
  @Roles(...EDITORS)
  @HttpCode(204)
  removeTranslation(@Param('id') id: string, @Param('locale') locale: string) {
    return this.articles.removeTranslation(id, localeParam(locale));
  }

  @Get('articles/:id/history')
  history(@Param('id') id: string) {
    return this.articles.history(id);
  }

  @Get('categories')
  listCategories() {
    return this.categories.list();
  }

  @Post('categories')
  @Roles(...EDITORS)
  createCategory(@Body() body: unknown) {
    return this.categories.create(parseInput(CreateKbCategoryBody, body));
  }

  @Get('categories/:id')
  getCategory(@Param('id') id: string) {
    return this.categories.get(id);
  }

  @Patch('categories/:id')
  @Roles(...EDITORS)
  patchCategory(@Param('id') id: string, @Body() body: unknown) {
    return this.categories.patch(id, parseInput(PatchKbCategoryBody, body));
  }

  @Delete('categories/:id')
  @Roles(...EDITORS)
  @HttpCode(204)
  removeCategory(@Param('id') id: string) {
    return this.categories.remove(id);
  }

  @Get('settings')
  settings() {
    return readKbSettings(this.db);
  }

  @Patch('settings')
  @Roles('admin')
  patchSettings(@Body() body: unknown) {
    return writeKbSettings(this.db, parseInput(KbSettingsPatch, body));
  }

  @Get('deflection')
  @Roles(...EDITORS)
  deflectionReport(@Query('days') days?: string) {
    return this.deflection.report(days === undefined ? 30 : Number(days));
  }
}
