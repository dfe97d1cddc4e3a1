import { Controller, Get } from '@nestjs/common';
import { PeopleService } from './people.service.js';

/** Names of everyone, disabled people included, so old tickets and events never show "someone". */
@Controller('people')
export class PeopleNamesController {
  constructor(private readonly people: PeopleService) {}

  @Get('names')
  async names() {
    return { items: await this.people.listNames() };
  }
}
