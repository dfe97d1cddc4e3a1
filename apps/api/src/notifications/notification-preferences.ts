import { Injectable } from '@nestjs/common';
import {
  NOTIFICATION_KINDS,
  type NotificationKind,
  type NotificationPreferencesBody,
  type NotificationPreferencesView,
} from '@switchboard/contracts';
import { Db } from '../common/db.js';

/** Each agent's choice, per kind, of the bell and the email; both on until they say otherwise. */
@Injectable()
export class NotificationPreferences {
  constructor(private readonly db: Db) {}

  async get(userId: string): Promise<NotificationPreferencesView> {
    const rows = await this.db.query<{ kind: NotificationKind; in_app: boolean; email: boolean }>(
      `SELECT kind, in_app, email FROM notification_preferences WHERE user_id = $1`,
      [userId],
    );
    const view = Object.fromEntries(
      NOTIFICATION_KINDS.map((kind) => [kind, { inApp: true, email: true }]),
    ) as NotificationPreferencesView;
    for (const r of rows) if (r.kind in view) view[r.kind] = { inApp: r.in_app, email: r.email };
    return view;
  }

  async set(userId: string, input: NotificationPreferencesBody): Promise<NotificationPreferencesView> {
    const entries = Object.entries(input).filter(([, v]) => v) as Array<
      [NotificationKind, { inApp: boolean; email: boolean }]
    >;
    if (entries.length)
      await this.db.query(
        `INSERT INTO notification_preferences (user_id, kind, in_app, email)
         SELECT $1, kind, in_app, email FROM unnest($2::text[], $3::boolean[], $4::boolean[]) AS v(kind, in_app, email)
         ON CONFLICT (user_id, kind) DO UPDATE SET in_app = EXCLUDED.in_app, email = EXCLUDED.email`,
        [userId, entries.map(([k]) => k), entries.map(([, v]) => v.inApp), entries.map(([, v]) => v.email)],
      );
    return this.get(userId);
  }
}
