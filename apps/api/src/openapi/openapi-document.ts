import type { OpenAPIObject } from '@nestjs/swagger';
import * as contracts from '@switchboard/contracts';
import { z } from 'zod';

type Method = 'get' | 'post' | 'patch' | 'put' | 'delete';
interface Route {
  method: Method;
  path: string;
  summary: string;
  body?: z.ZodType;
  query?: z.ZodType;
  auth?: 'bearer' | 'apiKey' | 'none';
  tag: string;
}

const ROUTES: Route[] = [
  { method: 'get', path: '/api/health', summary: 'Service and database health', auth: 'none', tag: 'system' },
  { method: 'post', path: '/api/auth/login', summary: 'Log in; returns a bearer token', body: contracts.LoginBody, auth: 'none', tag: 'auth' },
  { method: 'post', path: '/api/auth/logout', summary: 'End this session', tag: 'auth' },
  { method: 'get', path: '/api/auth/me', summary: 'The logged-in user', tag: 'auth' },
  { method: 'post', path: '/api/auth/password', summary: 'Change password (ends all sessions)', body: contracts.ChangePasswordBody, tag: 'auth' },
  { method: 'get', path: '/api/tickets', summary: 'Tickets the caller may see, newest change first', query: contracts.TicketListQuery, tag: 'tickets' },
  { method: 'get', path: '/api/tickets/{id}', summary: 'One ticket with its contact', tag: 'tickets' },
  { method: 'get', path: '/api/tickets/{id}/messages', summary: 'Timeline: messages, notes and events', tag: 'tickets' },
  { method: 'post', path: '/api/tickets/{id}/messages', summary: 'Reply to the customer or add an internal note', body: contracts.PostMessageBody, tag: 'tickets' },
  { method: 'post', path: '/api/tickets/{id}/attachments', summary: 'Upload a file (JSON, base64) to send with an email reply as attachmentIds; 413 over the attachment limit', body: contracts.UploadAttachmentBody, tag: 'tickets' },
  { method: 'get', path: '/api/email/messages/{messageId}/attachments/{index}', summary: 'Download a file of an email message, received or sent', tag: 'tickets' },
  { method: 'patch', path: '/api/tickets/{id}', summary: 'Change status, priority, assignee, team or tags', body: contracts.PatchTicketBody, tag: 'tickets' },
  { method: 'post', path: '/api/tickets/{id}/hold', summary: 'Put on hold with a hold note', body: contracts.HoldBody, tag: 'tickets' },
  { method: 'post', path: '/api/tickets/{id}/resume', summary: 'End a hold', tag: 'tickets' },
  { method: 'post', path: '/api/tickets/{id}/transfer', summary: 'Transfer with a handoff note', body: contracts.TransferBody, tag: 'tickets' },
  { method: 'post', path: '/api/tickets/{id}/handoff/ack', summary: 'Acknowledge a handoff', tag: 'tickets' },
  { method: 'get', path: '/api/contacts/{id}', summary: 'A contact with identities and tickets', tag: 'contacts' },
  { method: 'get', path: '/api/users', summary: 'Active colleagues', tag: 'directory' },
  { method: 'get', path: '/api/teams', summary: 'Teams', tag: 'directory' },
  { method: 'post', path: '/api/admin/users', summary: 'Create a user (admin)', body: contracts.CreateUserBody, tag: 'admin' },
  { method: 'post', path: '/api/admin/users/{id}/disable', summary: 'Disable a user and end their sessions (admin)', tag: 'admin' },
  { method: 'post', path: '/api/admin/teams', summary: 'Create a team (admin)', body: contracts.CreateTeamBody, tag: 'admin' },
  { method: 'get', path: '/api/admin/users', summary: 'Every user with role, teams, status and last sign-in (admin)', tag: 'admin' },
  { method: 'patch', path: '/api/admin/users/{id}', summary: 'Change name, role, teams (replaces memberships) or active; 409 when an admin would demote or disable themselves or the last active admin (admin)', body: contracts.PatchUserBody, tag: 'admin' },
  { method: 'post', path: '/api/admin/users/{id}/reset-password', summary: "Set a password, or generate one returned once; ends the user's sessions (admin)", body: contracts.ResetPasswordBody, tag: 'admin' },
  { method: 'get', path: '/api/admin/teams', summary: 'Teams with their active member counts (admin)', tag: 'admin' },
  { method: 'patch', path: '/api/admin/teams/{id}', summary: 'Rename a team (admin)', body: contracts.PatchTeamBody, tag: 'admin' },
  { method: 'post', path: '/api/admin/channel-accounts', summary: 'Create a channel account (admin); the API kind returns its key once', body: contracts.CreateChannelAccountBody, tag: 'admin' },
  { method: 'get', path: '/api/admin/channel-accounts', summary: 'Channel accounts, without credentials, with the webhook URL of webhook channels (admin)', tag: 'admin' },
  { method: 'post', path: '/api/admin/channel-accounts/{id}/test', summary: "Call the provider with the account's credentials: `{ ok, detail }` or `{ ok: false, reason }` in plain words (admin)", tag: 'admin' },
  { method: 'get', path: '/api/admin/email-quarantine', summary: 'Mail that could not be read, with the error (admin)', tag: 'admin' },
  { method: 'get', path: '/api/admin/email-quarantine/{id}/raw', summary: 'The quarantined mail as it arrived (.eml) (admin)', tag: 'admin' },
  { method: 'post', path: '/api/admin/email-quarantine/{id}/reimport', summary: 'Read a quarantined mail again and store it on its ticket (admin)', tag: 'admin' },
  { method: 'post', path: '/api/channels/api/{accountId}/inbound', summary: 'Inbound message through the API channel; the same externalId twice stores one message', body: contracts.ApiInboundBody, auth: 'apiKey', tag: 'channels' },
  // Console extras (#3)
  { method: 'post', path: '/api/tickets/{id}/messages/{messageId}/retry', summary: 'Send a failed outbound message again (same idempotency key)', tag: 'tickets' },
  { method: 'get', path: '/api/queues/counts', summary: 'Active tickets the caller may see: mine, unassigned, all, per team', tag: 'tickets' },
  { method: 'get', path: '/api/canned-replies', summary: 'Canned replies for the composer', tag: 'directory' },
  { method: 'post', path: '/api/admin/canned-replies', summary: 'Create a canned reply (admin)', body: contracts.CreateCannedReplyBody, tag: 'admin' },
  { method: 'patch', path: '/api/admin/canned-replies/{id}', summary: 'Edit a canned reply (admin)', body: contracts.PatchCannedReplyBody, tag: 'admin' },
  { method: 'delete', path: '/api/admin/canned-replies/{id}', summary: 'Delete a canned reply (admin)', tag: 'admin' },
  { method: 'get', path: '/api/settings/hold-template', summary: "The customer's hold message template", tag: 'directory' },
  { method: 'put', path: '/api/admin/settings/hold-template', summary: 'Change the hold message template (admin)', body: contracts.HoldTemplateBody, tag: 'admin' },
  { method: 'delete', path: '/api/admin/settings/hold-template', summary: 'Restore the built-in hold message (admin)', tag: 'admin' },
];

const ERROR = { type: 'object', properties: { statusCode: { type: 'integer' }, error: { type: 'string' }, message: { type: 'string' } } };

/** The OpenAPI document, generated from the same zod schemas that validate requests. */
export function buildOpenApiDocument(): OpenAPIObject {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const r of ROUTES) {
    const params = [...r.path.matchAll(/\{(\w+)\}/g)].map(([, name]) => ({ name, in: 'path', required: true, schema: { type: 'string' } }));
    if (r.query) {
      const schema = z.toJSONSchema(r.query, { io: 'input', unrepresentable: 'any' }) as { properties?: Record<string, unknown> };
      for (const [name, s] of Object.entries(schema.properties ?? {})) params.push({ name, in: 'query', required: false, schema: s as { type: string } });
    }
    paths[r.path] ??= {};
    paths[r.path][r.method] = {
      tags: [r.tag],
      summary: r.summary,
      security: r.auth === 'none' ? [] : r.auth === 'apiKey' ? [{ apiKey: [] }] : [{ bearer: [] }],
      parameters: params,
      ...(r.body ? { requestBody: { required: true, content: { 'application/json': { schema: z.toJSONSchema(r.body, { io: 'input', unrepresentable: 'any' }) } } } } : {}),
      responses: {
        '200': { description: 'OK' },
        '400': { description: 'Invalid input; the message names the field', content: { 'application/json': { schema: ERROR } } },
        '401': { description: 'Missing or invalid credentials', content: { 'application/json': { schema: ERROR } } },
        '404': { description: 'Not found, or not visible to the caller', content: { 'application/json': { schema: ERROR } } },
      },
    };
  }
  return {
    openapi: '3.1.0',
    info: { title: 'Switchboard API', version: '0.1.0', description: 'Omnichannel support inbox. Socket.io namespace /agents (auth: { token }) carries live events.' },
    components: {
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer' },
        apiKey: { type: 'apiKey', in: 'header', name: 'X-Api-Key' },
      },
    },
    paths: paths as OpenAPIObject['paths'],
  };
}
