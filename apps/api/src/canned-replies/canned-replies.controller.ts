import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { CreateCannedReplyBody, PatchCannedReplyBody, type CannedReplyView } from '@switchboard/contracts';
import { conflict, notFound } from '@switchboard/domain';
import { CurrentViewer, Roles } from '../auth/auth.guard.js';
import type { AuthenticatedViewer } from '../auth/auth.service.js';
import { Db } from '../common/db.js';
import { isUuid, parseInput } from '../common/validation.js';

const UNIQUE_VIOLATION = '23505';
const COLUMNS = `id, title, body, updated_at AS "updatedAt"`;

function titleTaken(err: unknown): never {
  if ((err as { code?: string }).code === UNIQUE_VIOLATION) throw conflict('title: a canned reply with this title exists');
  throw err;
}

/** Every agent reads canned replies in the composer. */
@Controller('canned-replies')
export class CannedRepliesController {
  constructor(private readonly db: Db) {}

  @Get()
  async list(): Promise<{ items: CannedReplyView[] }> {
    return { items: await this.db.query<CannedReplyView>(`SELECT ${COLUMNS} FROM canned_replies ORDER BY lower(title)`) };
  }
}

/** Admins write them. */
@Controller('admin/canned-replies')
@Roles('admin')
export class CannedRepliesAdminController {
  constructor(private readonly db: Db) {}

  @Post()
  async create(@CurrentViewer() viewer: AuthenticatedViewer, @Body() body: unknown): Promise<CannedReplyView> {
    const input = parseInput(CreateCannedReplyBody, body);
    return this.db
      .one<CannedReplyView>(`INSERT INTO canned_replies (title, body, created_by) VALUES ($1, $2, $3) RETURNING ${COLUMNS}`, [input.title, input.body, viewer.userId])
      .then((row) => row!, titleTaken);
  }

  @Patch(':id')
  async update(@Param('id') id: string, @Body() body: unknown): Promise<CannedReplyView> {
    if (!isUuid(id)) throw notFound('canned reply not found');
    const input = parseInput(PatchCannedReplyBody, body);
    const row = await this.db
      .one<CannedReplyView>(
        `UPDATE canned_replies SET title = COALESCE($2, title), body = COALESCE($3, body), updated_at = now() WHERE id = $1 RETURNING ${COLUMNS}`,
        [id, input.title ?? null, input.body ?? null],
      )
      .catch(titleTaken);
    if (!row) throw notFound('canned reply not found');
    return row;
  }

  @Delete(':id')
  @HttpCode(204)
  async remove(@Param('id') id: string): Promise<void> {
    if (!isUuid(id)) throw notFound('canned reply not found');
    const rows = await this.db.query(`DELETE FROM canned_replies WHERE id = $1 RETURNING id`, [id]);
    if (rows.length === 0) throw notFound('canned reply not found');
  }
}
