import { expect } from '@jest/globals';
import { waitFor, type TestApp } from './test-app.js';

/** What the channel specs check of a stored message: its delivery and where it went. */
export interface StoredMessage {
  delivery_state: string;
  delivery_error: string | null;
  external_id: string | null;
  channel: string;
  channel_account_id: string;
  identity_id: string;
  meta: Record<string, any>;
}

export async function storedMessage(t: TestApp, id: string): Promise<StoredMessage> {
  const row = await t.db.one<StoredMessage>(
    `SELECT delivery_state, delivery_error, external_id, channel, channel_account_id, identity_id, meta
       FROM messages WHERE id = $1`,
    [id],
  );
  if (!row) throw new Error(`no message ${id}`);
  return row;
}

/** Waits for the outbound dispatcher to bring a message to `state`, and returns it then. */
export function waitForDeliveryState(
  t: TestApp,
  id: string,
  state: string,
  timeoutMs = 15_000,
): Promise<StoredMessage> {
  return waitFor(
    async () => {
      const message = await storedMessage(t, id);
      return message.delivery_state === state ? message : null;
    },
    timeoutMs,
    `message ${id} to be ${state}`,
  );
}

/** The ticket an inbound message with this provider id landed on. */
export async function ticketOfExternalId(t: TestApp, externalId: string): Promise<string> {
  const row = await t.db.one<{ ticket_id: string }>(`SELECT ticket_id FROM messages WHERE external_id = $1`, [
    externalId,
  ]);
  if (!row) throw new Error(`no message stored for ${externalId}`);
  return row.ticket_id;
}

/** An agent's reply through the API as the console sends it; returns the new message's id. */
export async function postReply(t: TestApp, token: string, ticketId: string, body: string): Promise<string> {
  const res = await t.request('POST', `/api/tickets/${ticketId}/messages`, {
    token,
    body: { kind: 'reply', body },
  });
  expect(res.status).toBe(201);
  return res.body.id;
}
