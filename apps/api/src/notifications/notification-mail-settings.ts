import { Inject, Injectable } from '@nestjs/common';
import type { NotificationMailBody, NotificationMailView } from '@switchboard/contracts';
import { SecretBox } from '../channel-accounts/secret-box.js';
import { Db, type Sql } from '../common/db.js';

/** The mail server as the mailer uses it, with the password opened. */
export interface NotificationMailServer {
  host: string;
  port: number;
  secure: boolean;
  user: string | null;
  password: string | null;
  from: string;
  digestSeconds: number;
}

interface SettingsRow {
  host: string;
  port: number;
  secure: boolean;
  username: string | null;
  password_sealed: string | null;
  from_address: string;
  digest_seconds: number;
}

/** The admin's outbound mail setting for agents' notifications; the password is stored sealed and never returned. */
@Injectable()
export class NotificationMailSettings {
  constructor(
    private readonly db: Db,
    @Inject(SecretBox) private readonly box: SecretBox,
  ) {}

  async view(): Promise<NotificationMailView> {
    const row = await this.row(this.db);
    return {
      configured: !!row,
      host: row?.host ?? null,
      port: row?.port ?? null,
      secure: row?.secure ?? false,
      user: row?.username ?? null,
      hasPassword: !!row?.password_sealed,
      from: row?.from_address ?? null,
      digestSeconds: row?.digest_seconds ?? 60,
    };
  }

  async save(input: NotificationMailBody, userId: string): Promise<NotificationMailView> {
    // Omitted keeps the stored password (the form never has it); null removes it.
    const sealed =
      input.password === undefined ? undefined : input.password ? this.box.seal(input.password) : null;
    await this.db.query(
      `INSERT INTO notification_mail_settings (id, host, port, secure, username, password_sealed, from_address, digest_seconds, updated_by)
       VALUES (true, $1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (id) DO UPDATE SET host = $1, port = $2, secure = $3, username = $4,
         password_sealed = CASE WHEN $9 THEN notification_mail_settings.password_sealed ELSE $5 END,
         from_address = $6, digest_seconds = $7, updated_by = $8, updated_at = now()`,
      [
        input.host,
        input.port,
        input.secure,
        input.user || null,
        sealed ?? null,
        input.from,
        input.digestSeconds,
        userId,
        sealed === undefined,
      ],
    );
    return this.view();
  }

  /** The server to send through, or null while the admin has set none. */
  async server(sql: Sql): Promise<NotificationMailServer | null> {
    const row = await this.row(sql);
    if (!row) return null;
    return {
      host: row.host,
      port: row.port,
      secure: row.secure,
      user: row.username,
      password: row.password_sealed ? this.box.open<string>(row.password_sealed) : null,
      from: row.from_address,
      digestSeconds: row.digest_seconds,
    };
  }

  private async row(sql: Sql): Promise<SettingsRow | null> {
    const [row] = await sql.query<SettingsRow>(
      `SELECT host, port, secure, username, password_sealed, from_address, digest_seconds FROM notification_mail_settings`,
    );
    return row ?? null;
  }
}
