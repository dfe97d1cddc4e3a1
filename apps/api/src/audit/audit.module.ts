import { Global, Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { AuditLogController } from './audit-log.controller.js';
import { AuditLog } from './audit-log.service.js';
import { AuditInterceptor } from './audit.interceptor.js';

/** The append-only audit log: written for every audited request by one interceptor, read by admins. */
@Global()
@Module({
  controllers: [AuditLogController],
  providers: [AuditLog, { provide: APP_INTERCEPTOR, useClass: AuditInterceptor }],
  exports: [AuditLog],
})
export class AuditModule {}
