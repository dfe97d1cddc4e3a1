import { readFile } from 'node:fs/promises';
import { join, resolve, sep } from 'node:path';
import {
  BadRequestException,
  Body,
  Controller,
  ForbiddenException,
  Get,
  HttpCode,
  HttpException,
  Inject,
  NotFoundException,
  Options,
  Param,
  Post,
  Req,
  Res,
  SetMetadata,
  UnauthorizedException,
} from '@nestjs/common';
import {
  CHANNEL_ACCOUNT_DIRECTORY,
  PUBLIC_ROUTE,
  WEB_CHAT_STORE,
  type ChannelAccountDirectory,
  type ChannelAccountRecord,
  type WebChatStore,
  type WebChatVisitor,
} from '@switchboard/channel-kit';
import { isUuid } from '@switchboard/contracts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { hashVisitorToken, newAccessKey, newVisitorToken, userHashMatches } from './identity-verification.js';
import { originAllowed, publicSettings, readSettings } from './web-chat-settings.js';
import { isEmail, WEB_CHAT_OPTIONS, type WebChatOptions } from './widget-bridge.js';
import { WidgetGateway } from './widget.gateway.js';

/** Only raster images are shown inline; everything else (SVG, HTML, PDF…) is a download. */
const INLINE_TYPES = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp']);

interface SessionBody {
  token?: unknown;
  name?: unknown;
  email?: unknown;
  userId?: unknown;
  userHash?: unknown;
}

/** Widgets post JSON as text/plain (a "simple" cross-origin request, no preflight); both are accepted. */
function parseBody(body: unknown): Record<string, unknown> {
  if (typeof body === 'string') {
    try {
      const parsed = JSON.parse(body) as unknown;
      if (parsed && typeof parsed === 'object') return parsed as Record<string, unknown>;
    } catch {
      throw new BadRequestException('body must be JSON');
    }
    throw new BadRequestException('body must be a JSON object');
  }
  return (body ?? {}) as Record<string, unknown>;
}

/**
 * The widget's HTTP side: settings, visitor sessions and uploads. Public routes (the visitor
 * token is the credential); each checks the page's Origin against the account's allow-list and
 * answers CORS only for allowed origins.
 */
@Controller('widget')
@SetMetadata(PUBLIC_ROUTE, true)
export class WidgetController {
  constructor(
    @Inject(CHANNEL_ACCOUNT_DIRECTORY) private readonly accounts: ChannelAccountDirectory,
    @Inject(WEB_CHAT_STORE) private readonly store: WebChatStore,
    private readonly gateway: WidgetGateway,
    @Inject(WEB_CHAT_OPTIONS) private readonly options: WebChatOptions,
  ) {}

  private async account(
    accountId: string,
    req: FastifyRequest,
    reply: FastifyReply,
  ): Promise<ChannelAccountRecord> {
    const account = isUuid(accountId) ? await this.accounts.get(accountId) : null;
    if (!account || account.kind !== 'web_chat' || !account.active)
      throw new NotFoundException('chat account not found');
    const origin = req.headers.origin;
    if (!originAllowed(readSettings(account.config), origin))
      throw new ForbiddenException('this site may not embed the chat (origin not allowed)');
    if (origin) void reply.header('access-control-allow-origin', origin).header('vary', 'Origin');
    return account;
  }

  @Options(':accountId/:what')
  @HttpCode(204)
  async preflight(
    @Param('accountId') accountId: string,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<void> {
    await this.account(accountId, req, reply);
    void reply
      .header('access-control-allow-methods', 'GET, POST')
      .header('access-control-allow-headers', 'content-type')
      .header('access-control-max-age', '600');
  }

  @Get(':accountId/settings')
  async settings(
    @Param('accountId') accountId: string,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const account = await this.account(accountId, req, reply);
    return {
      settings: publicSettings(readSettings(account.config)),
      availability: await this.gateway.availabilityOf(account),
    };
  }

  /**
   * Starts or resumes a visitor. A token from localStorage resumes that visitor; a user id with
   * a correct HMAC links the visitor to that user of the host site (a wrong one is refused). An
   * email or name is stored for replies and never used to find earlier conversations.
   */
  @Post(':accountId/session')
  @HttpCode(200)
  async session(
    @Param('accountId') accountId: string,
    @Body() raw: unknown,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const account = await this.account(accountId, req, reply);
    const settings = readSettings(account.config);
    const body = parseBody(raw) as SessionBody;
    if (!(await this.gateway.sessionAllowed(req.ip)))
      throw new HttpException(
        {
          statusCode: 429,
          error: 'Too Many Requests',
          message: 'too many chat sessions from this address; try again in a minute',
        },
        429,
      );

    let userId: string | null = null;
    if (body.userId !== undefined && body.userId !== null) {
      if (typeof body.userId !== 'string' || !body.userId || body.userId.length > 200)
        throw new BadRequestException('userId must be text');
      if (!settings.identitySecret)
        throw new BadRequestException(
          'userId: identity verification is not configured for this chat account',
        );
      if (
        typeof body.userHash !== 'string' ||
        !userHashMatches(settings.identitySecret, body.userId, body.userHash)
      )
        throw new UnauthorizedException('userHash does not match userId');
      userId = body.userId;
    }
    if (body.email !== undefined && body.email !== '' && body.email !== null && !isEmail(body.email))
      throw new BadRequestException('email is not a valid address');
    const email = isEmail(body.email) ? body.email.trim().toLowerCase() : null;
    const name = typeof body.name === 'string' && body.name.trim() ? body.name.trim().slice(0, 120) : null;

    let token = typeof body.token === 'string' && body.token.length <= 200 ? body.token : null;
    let visitor: WebChatVisitor | null = token
      ? await this.store.visitorByToken(account.id, hashVisitorToken(token))
      : null;
    // A token of a verified user is not reused anonymously or by another user (a shared computer after logout).
    if (visitor?.external_user_id && visitor.external_user_id !== userId) visitor = null;
    if (visitor) {
      if (name || email || userId)
        visitor = await this.store.updateVisitor(visitor.id, { name, email, externalUserId: userId });
    } else {
      token = newVisitorToken();
      visitor = await this.store.createVisitor(account.id, hashVisitorToken(token), req.ip ?? null, {
        name,
        email,
        externalUserId: userId,
      });
    }
    return {
      token,
      visitor: {
        id: visitor.id,
        name: visitor.name,
        email: visitor.email,
        verified: !!visitor.external_user_id,
      },
      settings: publicSettings(settings),
      availability: await this.gateway.availabilityOf(account),
    };
  }

  /** An upload as JSON `{ token, filename, contentType, data: base64 }`; sent later with a message. */
  @Post(':accountId/attachments')
  @HttpCode(201)
  async upload(
    @Param('accountId') accountId: string,
    @Body() raw: unknown,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const account = await this.account(accountId, req, reply);
    const body = parseBody(raw);
    const visitor =
      typeof body.token === 'string'
        ? await this.store.visitorByToken(account.id, hashVisitorToken(body.token))
        : null;
    if (!visitor) throw new UnauthorizedException('the visitor token is invalid');
    if (typeof body.data !== 'string' || typeof body.filename !== 'string')
      throw new BadRequestException('filename and data (base64) are required');
    const bytes = Buffer.from(body.data, 'base64');
    const limit = this.gateway.limits.maxAttachmentBytes;
    if (bytes.length === 0) throw new BadRequestException('data: the file is empty');
    if (bytes.length > limit)
      throw new HttpException(
        {
          statusCode: 413,
          error: 'Payload Too Large',
          message: `the file is larger than ${Math.floor(limit / 1024)} KB`,
        },
        413,
      );
    const contentType =
      typeof body.contentType === 'string' && /^[\w.+-]+\/[\w.+-]+$/.test(body.contentType)
        ? body.contentType.toLowerCase()
        : 'application/octet-stream';
    const saved = await this.gateway.saveUpload(
      visitor,
      { filename: body.filename, contentType, bytes },
      newAccessKey(),
    );
    if (!saved)
      throw new HttpException(
        { statusCode: 429, error: 'Too Many Requests', message: 'too many uploads; try again in a moment' },
        429,
      );
    return saved;
  }

  /** Serves an upload to whoever holds its capability URL (shown only in the conversation). */
  @Get('attachments/:id/:key')
  async download(
    @Param('id') id: string,
    @Param('key') key: string,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const file = await this.store.attachmentByKey(id, key);
    if (!file) throw new NotFoundException('attachment not found');
    const root = resolve(this.options.dataDir);
    const path = resolve(join(root, file.storageKey));
    if (!path.startsWith(root + sep)) throw new NotFoundException('attachment not found');
    const bytes = await readFile(path).catch(() => null);
    if (!bytes) throw new NotFoundException('attachment not found');
    const inline = INLINE_TYPES.has(file.contentType);
    const safeName = file.filename.replace(/["\\\r\n]/g, '_');
    await reply
      .header('content-type', inline ? file.contentType : 'application/octet-stream')
      .header(
        'content-disposition',
        `${inline ? 'inline' : 'attachment'}; filename="${safeName.replace(/[^\x20-\x7e]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(safeName)}`,
      )
      .header('x-content-type-options', 'nosniff')
      .header('content-security-policy', "default-src 'none'; sandbox")
      .header('cross-origin-resource-policy', 'cross-origin')
      .header('cache-control', 'private, max-age=86400')
      .send(bytes);
  }
}
