import { Module } from '@nestjs/common';
import { RoutingModule } from '../routing/routing.module.js';
import { AuthModule } from '../auth/auth.module.js';
import { PeopleController } from './people.controller.js';
import { PeopleService } from './people.service.js';

@Module({
  imports: [AuthModule, RoutingModule],
  controllers: [PeopleController],
  providers: [PeopleService],
  exports: [PeopleService],
})
export class PeopleModule {}
