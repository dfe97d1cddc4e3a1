import { waitFor, type TestApp } from '../../test-support/test-app.js';

/** Waits until the bot runner has handled every message event of the ticket committed so far. */
export const botRunnerCaughtUp = (t: TestApp, ticketId: string, timeoutMs: number) =>
  waitFor(
    async () =>
      (
        await t.db.one<{ done: boolean }>(
          `SELECT NOT EXISTS (
             SELECT 1 FROM outbox_events o, outbox_consumers c
              WHERE c.consumer = 'bot-runner' AND o.ticket_id = $1 AND o.topic = 'message.created'
                AND (o.writer_xid IS NULL OR (o.writer_xid, o.id) > (c.handled_xid, c.handled_id))) AS done`,
          [ticketId],
        )
      )?.done,
    timeoutMs,
    'the bot runner to handle the message',
  );
