import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { CreateRuleBody, PatchRuleBody, RulePreviewBody } from '@switchboard/contracts';
import { Roles } from '../auth/auth.guard.js';
import { Db } from '../common/db.js';
import { parseInput } from '../common/validation.js';
import { RulePreview } from './rule-preview.js';
import { requireKnownTicketFields, ruleCustomFields } from '../custom-fields/known-field-keys.js';
import { RuleStore } from './rule-store.js';

/** Admins manage the ordered automation rules and read what each one did. */
@Controller('admin/rules')
@Roles('admin')
export class RulesController {
  constructor(
    private readonly rules: RuleStore,
    private readonly previews: RulePreview,
    private readonly db: Db,
  ) {}

  @Get()
  async list() {
    return { items: await this.rules.list() };
  }

  @Post()
  async create(@Body() body: unknown) {
    const input = parseInput(CreateRuleBody, body);
    await requireKnownTicketFields(this.db, ruleCustomFields(input.conditions));
    return this.rules.create(input);
  }

  /** Declared before `:id` routes so "preview" is never read as a rule id. */
  @Post('preview')
  @HttpCode(200)
  preview(@Body() body: unknown) {
    return this.previews.preview(parseInput(RulePreviewBody, body).conditions);
  }

  @Patch(':id')
  async update(@Param('id') id: string, @Body() body: unknown) {
    const input = parseInput(PatchRuleBody, body);
    await requireKnownTicketFields(this.db, ruleCustomFields(input.conditions));
    return this.rules.update(id, input);
  }

  @Delete(':id')
  @HttpCode(204)
  async remove(@Param('id') id: string) {
    await this.rules.remove(id);
  }

  @Get(':id/runs')
  async runs(@Param('id') id: string) {
    return { items: await this.rules.runs(id) };
  }
}
