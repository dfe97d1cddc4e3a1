import { Module } from '@nestjs/common';
import { ChannelPortsModule } from '../channel-ports/channel-ports.module.js';
import { PeopleModule } from '../people/people.module.js';
import { AdminAccountsRepository } from './admin-accounts.repository.js';
import { AdminController } from './admin.controller.js';

@Module({
  imports: [ChannelPortsModule, PeopleModule],
  controllers: [AdminController],
  providers: [AdminAccountsRepository],
})
export class AdminModule {}
