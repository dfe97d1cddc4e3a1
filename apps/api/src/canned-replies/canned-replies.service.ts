import { Injectable } from '@nestjs/common';
import type { CannedReplyView, CreateCannedReplyBody, PatchCannedReplyBody } from '@switchboard/contracts';
import { Db } from '../common/db.js';
import { conflict, notFound } from '@switchboard/domain';

const UNIQUE_VIOLATION = '23505';
const COLUMNS = `id, title, body, updated_at AS "updatedAt"`;

function titleTaken(err: unknown): never {
  if ((err as { code?: string }).code === UNIQUE_VIOLATION)
    throw conflict('title: a canned reply with this title exists');
  throw err;
}

/** Canned replies in the database; titles are unique. */
@Injectable()
export class CannedReplies {
  constructor(private readonly db: Db) {}

  list(): Promise<CannedReplyView[]> {
    return this.db.query<CannedReplyView>(`SELECT ${COLUMNS} FROM canned_replies ORDER BY lower(title)`);
  }

  create(input: CreateCannedReplyBody, createdBy: string): Promise<CannedReplyView> {
    return this.db
      .one<CannedReplyView>(
        `INSERT INTO canned_replies (title, body, created_by) VALUES ($1, $2, $3) RETURNING ${COLUMNS}`,
        [input.title, input.body, createdBy],
      )
      .then((row) => row!, titleTaken);
  }

  async update(id: string, input: PatchCannedReplyBody): Promise<CannedReplyView> {
    const row = await this.db
      .one<CannedReplyView>(
        `UPDATE canned_replies SET title = COALESCE($2, title), body = COALESCE($3, body), updated_at = now() WHERE id = $1 RETURNING ${COLUMNS}`,
        [id, input.title ?? null, input.body ?? null],
      )
      .catch(titleTaken);
    if (!row) throw notFound('canned reply not found');
    return row;
  }

  async remove(id: string): Promise<void> {
    const rows = await this.db.query(`DELETE FROM canned_replies WHERE id = $1 RETURNING id`, [id]);
    if (rows.length === 0) throw notFound('canned reply not found');
  }
}
