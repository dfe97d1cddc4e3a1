import type { OpenAPIObject } from '@nestjs/swagger';
import { ApiError } from '@switchboard/contracts';
import { z } from 'zod';
import { API_ROUTES, type ApiRoute, type RouteAuth, type RouteReply } from './api-routes.js';

type JsonSchema = Record<string, unknown>;

/** Requests are described as the client sends them (defaults optional), responses as the API writes them. */
function requestSchema(schema: z.ZodType): JsonSchema {
  return withoutDialect(z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }));
}

function responseSchema(schema: z.ZodType): JsonSchema {
  return withoutDialect(z.toJSONSchema(schema, { io: 'output', unrepresentable: 'any' }));
}

/** OpenAPI 3.1 schemas are JSON Schema already; the per-schema `$schema` line is noise there. */
function withoutDialect(schema: JsonSchema): JsonSchema {
  const { $schema: _dialect, ...rest } = schema;
  return rest;
}

const SECURITY: Record<RouteAuth, Array<Record<string, string[]>>> = {
  bearer: [{ bearer: [] }],
  apiKey: [{ apiKey: [] }],
  twilioSignature: [{ twilioSignature: [] }],
  metaSignature: [{ metaSignature: [] }],
  telegramSecret: [{ telegramSecret: [] }],
  none: [],
};

const ERROR_CONTENT = { 'application/json': { schema: responseSchema(ApiError) } };

function success(reply: RouteReply): Record<string, unknown> {
  if (reply.status === 204) return { '204': { description: 'Done; no body' } };
  if ('redirect' in reply)
    return {
      [reply.status]: { description: reply.redirect, headers: { Location: { schema: { type: 'string' } } } },
    };
  if ('content' in reply)
    return {
      [reply.status]: {
        description: reply.description,
        content: { [reply.content]: { schema: { type: 'string', format: 'binary' } } },
      },
    };
  const content: Record<string, unknown> = { 'application/json': { schema: responseSchema(reply.json) } };
  if (reply.alsoCsv) content['text/csv'] = { schema: { type: 'string' } };
  return {
    [reply.status]: { description: reply.description ?? (reply.status === 201 ? 'Created' : 'OK'), content },
  };
}

function parameters(route: ApiRoute): unknown[] {
  const params: unknown[] = [...route.path.matchAll(/\{(\w+)\}/g)].map(([, name]) => ({
    name,
    in: 'path',
    required: true,
    schema: { type: 'string' },
  }));
  if (route.query) {
    const schema = requestSchema(route.query) as {
      properties?: Record<string, unknown>;
      required?: string[];
    };
    for (const [name, s] of Object.entries(schema.properties ?? {}))
      params.push({ name, in: 'query', required: schema.required?.includes(name) ?? false, schema: s });
  }
  if (route.auth === 'apiKey')
    params.push({ name: 'X-Api-Key', in: 'header', required: true, schema: { type: 'string' } });
  return params;
}

function operation(route: ApiRoute): Record<string, unknown> {
  const errors: Record<string, unknown> = {
    '400': { description: 'Invalid input; the message names the field', content: ERROR_CONTENT },
    '404': { description: 'Not found, or not visible to the caller', content: ERROR_CONTENT },
  };
  if (route.auth !== 'none')
    errors['401'] = { description: 'Missing or invalid credentials', content: ERROR_CONTENT };
  if (route.auth === 'bearer')
    errors['403'] = { description: 'The role may not do this', content: ERROR_CONTENT };
  return {
    tags: [route.tag],
    summary: route.summary,
    operationId: `${route.method}${route.path.replace(/\{(\w+)\}/g, 'By_$1').replace(/[^A-Za-z0-9_]+/g, '_')}`,
    security: SECURITY[route.auth],
    parameters: parameters(route),
    ...(route.body
      ? {
          requestBody: {
            required: true,
            content: { 'application/json': { schema: requestSchema(route.body) } },
          },
        }
      : {}),
    responses: { ...success(route.reply), ...errors },
  };
}

/** The OpenAPI document, generated from the same zod schemas that validate requests and type responses. */
export function buildOpenApiDocument(routes: readonly ApiRoute[] = API_ROUTES): OpenAPIObject {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    paths[route.path] ??= {};
    paths[route.path][route.method] = operation(route);
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Switchboard API',
      version: '0.1.0',
      description:
        'Omnichannel support inbox. Socket.io namespace /agents (auth: { token }) carries live events; /widget serves chat visitors.',
    },
    components: {
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer' },
        apiKey: { type: 'apiKey', in: 'header', name: 'X-Api-Key' },
        twilioSignature: {
          type: 'apiKey',
          in: 'header',
          name: 'X-Twilio-Signature',
          description: "HMAC-SHA1 of the URL and form fields with the account's auth token",
        },
        metaSignature: {
          type: 'apiKey',
          in: 'header',
          name: 'X-Hub-Signature-256',
          description: 'HMAC-SHA256 of the body with the Meta app secret',
        },
        telegramSecret: {
          type: 'apiKey',
          in: 'header',
          name: 'X-Telegram-Bot-Api-Secret-Token',
          description: 'The secret set with setWebhook',
        },
      },
    },
    paths: paths as OpenAPIObject['paths'],
  };
}
