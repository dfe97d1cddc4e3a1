import { Controller, Get } from '@nestjs/common';
import { Roles } from '../auth/auth.guard.js';
import { Db } from '../common/db.js';

/** What the demo channels "sent": the built-in recorder that stands in for a provider or a callback URL. */
@Controller('admin/demo-deliveries')
@Roles('admin')
export class DemoDeliveriesController {
  constructor(private readonly db: Db) {}

  @Get()
  async list() {
    const rows = await this.db.query<{
      message_id: string;
      channel_account_id: string;
      channel_kind: string;
      to_address: string;
      text: string;
      created_at: Date;
    }>(`SELECT * FROM demo_deliveries ORDER BY created_at DESC LIMIT 200`);
    return {
      items: rows.map((r) => ({
        messageId: r.message_id,
        channelAccountId: r.channel_account_id,
        channelKind: r.channel_kind,
        to: r.to_address,
        text: r.text,
        recordedAt: r.created_at.toISOString(),
      })),
    };
  }
}
