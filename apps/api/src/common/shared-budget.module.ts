import { Global, Module } from '@nestjs/common';
import { SHARED_BUDGET } from '@switchboard/channel-kit';
import { SharedRequestBudget } from './shared-request-budget.js';

/**
 * Request budgets counted for the whole deployment. Global, so API token auth and the channel
 * libraries (through the kit's SHARED_BUDGET port) share one counter store and one Redis client.
 */
@Global()
@Module({
  providers: [SharedRequestBudget, { provide: SHARED_BUDGET, useExisting: SharedRequestBudget }],
  exports: [SharedRequestBudget, SHARED_BUDGET],
})
export class SharedBudgetModule {}
