import { Module } from '@nestjs/common';
import { TicketWriterModule } from '../tickets/ticket-writer.module.js';
import { ContactEraser } from './contact-erasure.js';
import { ContactExporter } from './contact-export.js';
import { PersonalDataController } from './personal-data.controller.js';
import { RetentionSweeper } from './retention-sweeper.js';
import { RetentionWorker } from './retention-worker.js';
import { StoredFileEraser } from './stored-files.js';

/** Personal data: a contact's export and erasure, and the retention policy's worker. */
@Module({
  imports: [TicketWriterModule],
  controllers: [PersonalDataController],
  providers: [ContactEraser, ContactExporter, RetentionSweeper, RetentionWorker, StoredFileEraser],
  exports: [RetentionSweeper],
})
export class PersonalDataModule {}
