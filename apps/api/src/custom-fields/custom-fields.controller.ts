import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { CreateCustomFieldBody, CUSTOM_FIELD_ENTITIES, PatchCustomFieldBody } from '@switchboard/contracts';
import { z } from 'zod';
import { Roles } from '../auth/auth.guard.js';
import { parseInput } from '../common/validation.js';
import { CustomFieldStore } from './custom-field-store.js';

const ListQuery = z.strictObject({ entity: z.enum(CUSTOM_FIELD_ENTITIES).optional() });

/** Admins define the custom fields of tickets and contacts. */
@Controller('admin/custom-fields')
@Roles('admin')
export class CustomFieldsAdminController {
  constructor(private readonly fields: CustomFieldStore) {}

  @Get()
  async list(@Query() query: unknown) {
    return { items: await this.fields.list(parseInput(ListQuery, query).entity) };
  }

  @Post()
  create(@Body() body: unknown) {
    return this.fields.create(parseInput(CreateCustomFieldBody, body));
  }

  @Get(':id')
  get(@Param('id') id: string) {
    return this.fields.get(id);
  }

  @Patch(':id')
  update(@Param('id') id: string, @Body() body: unknown) {
    return this.fields.update(id, parseInput(PatchCustomFieldBody, body));
  }

  @Delete(':id')
  @HttpCode(204)
  async remove(@Param('id') id: string) {
    await this.fields.remove(id);
  }
}

/** Every agent reads the definitions: the ticket and contact panels show and edit the fields. */
@Controller('custom-fields')
export class CustomFieldsController {
  constructor(private readonly fields: CustomFieldStore) {}

  @Get()
  async list(@Query() query: unknown) {
    return { items: await this.fields.list(parseInput(ListQuery, query).entity) };
  }
}
