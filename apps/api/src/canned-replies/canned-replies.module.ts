import { Module } from '@nestjs/common';
import { CannedRepliesAdminController, CannedRepliesController } from './canned-replies.controller.js';

@Module({
  controllers: [CannedRepliesController, CannedRepliesAdminController],
})
export class CannedRepliesModule {}
