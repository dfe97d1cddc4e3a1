import { Body, Controller, Get, Param, Patch, Post } from '@nestjs/common';
import { CreateOrganizationBody, PatchOrganizationBody } from '@switchboard/contracts';
import { Roles } from '../auth/auth.guard.js';
import { parseInput } from '../common/validation.js';
import { OrganizationsService } from './organizations.service.js';

/** Admins define organizations; every agent may list them (the contacts screen filters by them). */
@Controller('admin/organizations')
export class OrganizationsController {
  constructor(private readonly organizations: OrganizationsService) {}

  @Get()
  async list() {
    return { items: await this.organizations.list() };
  }

  @Post()
  @Roles('admin')
  create(@Body() body: unknown) {
    return this.organizations.create(parseInput(CreateOrganizationBody, body));
  }

  @Patch(':id')
  @Roles('admin')
  patch(@Param('id') id: string, @Body() body: unknown) {
    return this.organizations.patch(id, parseInput(PatchOrganizationBody, body));
  }
}
