import { Module } from '@nestjs/common';
import { CustomFieldStore } from './custom-field-store.js';
import { CustomFieldsAdminController, CustomFieldsController } from './custom-fields.controller.js';

/** Custom fields of tickets and contacts: definitions here; values are written by the tickets and contacts modules. */
@Module({
  controllers: [CustomFieldsAdminController, CustomFieldsController],
  providers: [CustomFieldStore],
  exports: [CustomFieldStore],
})
export class CustomFieldsModule {}
