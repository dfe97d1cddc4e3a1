import { Module } from '@nestjs/common';
import { RoutingModule } from '../routing/routing.module.js';
import { AuthModule } from '../auth/auth.module.js';
import { TicketWriterModule } from '../tickets/ticket-writer.module.js';
import { PeopleNamesController } from './people-names.controller.js';
import { PeopleController } from './people.controller.js';
import { PeopleService } from './people.service.js';

@Module({
  imports: [AuthModule, TicketWriterModule, RoutingModule],
  controllers: [PeopleController, PeopleNamesController],
  providers: [PeopleService],
  exports: [PeopleService],
})
export class PeopleModule {}
