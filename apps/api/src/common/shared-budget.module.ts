import { Global, Module } from '@nestjs/common';
import { SHARED_BUDGET } from '@switchboard/channel-kit';
import { SharedCounterStore } from './shared-counter-store.js';
import { SharedRequestBudget } from './shared-request-budget.js';

/**
 * Request budgets and attempt limits counted for the whole deployment. Global, so API token auth,
 * sign-in limits and the channel libraries (through the kit's SHARED_BUDGET port) share one
 * counter store and one Redis client.
 */
@Global()
@Module({
  providers: [
    SharedCounterStore,
    SharedRequestBudget,
    { provide: SHARED_BUDGET, useExisting: SharedRequestBudget },
  ],
  exports: [SharedCounterStore, SharedRequestBudget, SHARED_BUDGET],
})
export class SharedBudgetModule {}
