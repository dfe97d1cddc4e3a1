import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module.js';
import { EventsModule } from '../events/events.module.js';
import { RoutingModule } from '../routing/routing.module.js';
import { TicketsModule } from '../tickets/tickets.module.js';
import { AgentConnections } from './agent-connections.js';
import { AgentsGateway } from './agents.gateway.js';

/** The agents' socket namespace. The widget bridge comes from the web chat module (see AppModule). */
@Module({
  imports: [AuthModule, EventsModule, RoutingModule, TicketsModule],
  providers: [AgentsGateway, AgentConnections],
  exports: [AgentsGateway, AgentConnections],
})
export class RealtimeModule {}
