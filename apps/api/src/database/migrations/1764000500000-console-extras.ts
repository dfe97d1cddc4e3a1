import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Agent console extras: canned replies managed by admins, and settings an admin edits
 * (the customer's hold message template). Mentions live in `messages.meta.mentions`.
 */
export class ConsoleExtras1764000500000 implements MigrationInterface {
  name = 'ConsoleExtras1764000500000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE canned_replies (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        title text NOT NULL,
        body text NOT NULL,
        created_by uuid REFERENCES users (id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE UNIQUE INDEX ux_canned_replies_title ON canned_replies (lower(title));

      CREATE TABLE app_settings (
        key text PRIMARY KEY,
        value jsonb NOT NULL,
        updated_by uuid REFERENCES users (id) ON DELETE SET NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      );

      -- The replies the console shipped with, so a new install has some to start from.
      INSERT INTO canned_replies (title, body) VALUES
        ('Greeting', E'Hi {{contact.first_name}},\\n\\nThanks for getting in touch. '),
        ('Looking into it', E'Hi {{contact.first_name}},\\n\\nI''m looking into this now and will get back to you shortly. Your reference is #{{ticket.number}}.\\n\\n{{agent.name}}'),
        ('Need more details', E'Hi {{contact.first_name}},\\n\\nCould you tell me a little more so I can help? For example, when did this start and what did you see?\\n\\n{{agent.name}}'),
        ('Resolved', E'Hi {{contact.first_name}},\\n\\nThis should now be fixed. Reply to this message if anything is still wrong.\\n\\n{{agent.name}}');
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE app_settings, canned_replies;`);
  }
}
