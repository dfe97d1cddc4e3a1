import { Controller, Get } from '@nestjs/common';
import { DirectoryService } from './directory.service.js';

/** Colleagues and teams, for assigning and transferring: every agent may list them. */
@Controller()
export class DirectoryController {
  constructor(private readonly directory: DirectoryService) {}

  @Get('users')
  async users() {
    const items = await this.directory.users();
    return { items };
  }

  @Get('teams')
  async teams() {
    return { items: await this.directory.teams() };
  }
}
