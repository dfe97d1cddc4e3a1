import { Injectable } from '@nestjs/common';
import type { ContactPreferencesPort, CustomerActivityPort, IdentityRef } from '@switchboard/channel-kit';
import { Db } from '../common/db.js';

/** Opt-out per identity (STOP/START) and the customer's last message per account (24-hour windows). */
@Injectable()
export class ContactPreferencesService implements ContactPreferencesPort, CustomerActivityPort {
  constructor(private readonly db: Db) {}

  async setOptOut(identity: IdentityRef, keyword: string): Promise<void> {
    await this.db.query(
      `UPDATE contact_identities SET opted_out_at = COALESCE(opted_out_at, now()), opted_out_keyword = $3 WHERE kind = $1 AND address = $2`,
      [identity.kind, identity.address, keyword.slice(0, 40)],
    );
  }

  async clearOptOut(identity: IdentityRef): Promise<void> {
    await this.db.query(
      `UPDATE contact_identities SET opted_out_at = NULL, opted_out_keyword = NULL WHERE kind = $1 AND address = $2`,
      [identity.kind, identity.address],
    );
  }

  async isOptedOut(identity: IdentityRef): Promise<boolean> {
    const row = await this.db.one<{ opted_out_at: Date | null }>(
      `SELECT opted_out_at FROM contact_identities WHERE kind = $1 AND address = $2`,
      [identity.kind, identity.address],
    );
    return !!row?.opted_out_at;
  }

  async lastCustomerMessageAt(channelAccountId: string, identity: IdentityRef): Promise<Date | null> {
    const row = await this.db.one<{ at: Date | null }>(
      `SELECT max(m.created_at) AS at FROM contact_identities i JOIN messages m ON m.identity_id = i.id
        WHERE i.kind = $2 AND i.address = $3 AND m.channel_account_id = $1 AND m.direction = 'in'`,
      [channelAccountId, identity.kind, identity.address],
    );
    return row?.at ? new Date(row.at) : null;
  }
}
