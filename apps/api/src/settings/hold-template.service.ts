import { Injectable } from '@nestjs/common';
import type { HoldTemplateView } from '@switchboard/contracts';
import { Db } from '../common/db.js';
import { customerDateFormat } from '../tickets/hold-date-format.js';
import { readSetting, writeSetting } from './app-settings.js';

const KEY = 'hold.customer_template';

/** The customer message sent when a ticket goes on hold; `null` means the built-in text. */
@Injectable()
export class HoldTemplate {
  constructor(private readonly db: Db) {}

  async get(): Promise<HoldTemplateView> {
    const { value, isDefault } = await readSetting(this.db, KEY);
    return { template: value, isDefault, customerDateFormat: await customerDateFormat(this.db) };
  }

  async set(template: string | null, changedBy: string): Promise<void> {
    await writeSetting(this.db, KEY, template, changedBy);
  }
}
