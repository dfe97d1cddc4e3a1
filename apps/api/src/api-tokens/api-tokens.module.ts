import { Global, Module } from '@nestjs/common';
import { ApiTokenAuth } from './api-token-auth.js';
import { ApiTokensController } from './api-tokens.controller.js';
import { ApiTokensService } from './api-tokens.service.js';

/** API tokens for integrations. Global for ApiTokenAuth, which the app-wide AuthGuard takes. */
@Global()
@Module({
  controllers: [ApiTokensController],
  providers: [ApiTokensService, ApiTokenAuth],
  exports: [ApiTokenAuth, ApiTokensService],
})
export class ApiTokensModule {}
