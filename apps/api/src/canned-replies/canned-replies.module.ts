import { Module } from '@nestjs/common';
import { CannedRepliesAdminController, CannedRepliesController } from './canned-replies.controller.js';
import { CannedReplies } from './canned-replies.service.js';

@Module({
  controllers: [CannedRepliesController, CannedRepliesAdminController],
  providers: [CannedReplies],
})
export class CannedRepliesModule {}
