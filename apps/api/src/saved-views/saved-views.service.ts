import { Injectable } from '@nestjs/common';
import {
  SavedViewFilters,
  isUuid,
  type CreateSavedViewBody,
  type PatchSavedViewBody,
  type SavedViewView,
} from '@switchboard/contracts';
import { forbidden, notFound, type Viewer } from '@switchboard/domain';
import { Db } from '../common/db.js';
import { TicketQueries, ticketListWhere } from '../tickets/ticket-queries.js';
import { TICKET_FROM } from '../tickets/ticket-rows.js';

interface SavedViewRow {
  id: string;
  owner_id: string;
  name: string;
  shared: boolean;
  filters: unknown;
  sort: 'updated' | 'due';
}

const COLUMNS = 'id, owner_id, name, shared, filters, sort';

/** Sharing reaches every agent, so it is a supervisor's or an admin's call. */
const maySharedViews = (viewer: Viewer) => viewer.role === 'supervisor' || viewer.role === 'admin';

/**
 * Own views always; a shared view only by the one who shared it, or an admin (another supervisor
 * renaming or deleting it would change everyone's sidebar behind its owner's back).
 */
const mayEdit = (viewer: Viewer, row: SavedViewRow) =>
  row.owner_id === viewer.userId || (row.shared && viewer.role === 'admin');

/**
 * Saved views: a name, the ticket list's filters and sort. Each is read through the list's own
 * WHERE builder, visibility included, so a view's count is what its list shows the caller.
 */
@Injectable()
export class SavedViews {
  constructor(
    private readonly db: Db,
    private readonly tickets: TicketQueries,
  ) {}

  async list(viewer: Viewer): Promise<SavedViewView[]> {
    const rows = await this.db.query<SavedViewRow>(
      `SELECT ${COLUMNS} FROM saved_views WHERE owner_id = $1 OR shared ORDER BY shared, lower(name), id`,
      [viewer.userId],
    );
    return Promise.all(rows.map((row) => this.toView(viewer, row)));
  }

  async create(viewer: Viewer, body: CreateSavedViewBody): Promise<SavedViewView> {
    if (body.shared && !maySharedViews(viewer))
      throw forbidden('shared: only supervisors and admins may share a view');
    await this.tickets.customFieldsMatch(body.filters.customFields); // 400 for a field that does not exist
    const row = await this.db.one<SavedViewRow>(
      `INSERT INTO saved_views (owner_id, name, shared, filters, sort) VALUES ($1, $2, $3, $4, $5)
       RETURNING ${COLUMNS}`,
      [viewer.userId, body.name, body.shared, JSON.stringify(body.filters), body.sort],
    );
    return this.toView(viewer, row!);
  }

  async patch(viewer: Viewer, id: string, body: PatchSavedViewBody): Promise<SavedViewView> {
    const row = await this.editable(viewer, id);
    if (body.shared && !maySharedViews(viewer))
      throw forbidden('shared: only supervisors and admins may share a view');
    await this.tickets.customFieldsMatch(body.filters?.customFields);
    const updated = await this.db.one<SavedViewRow>(
      `UPDATE saved_views
          SET name = COALESCE($2, name), shared = COALESCE($3, shared),
              filters = COALESCE($4::jsonb, filters), sort = COALESCE($5, sort), updated_at = now()
        WHERE id = $1 RETURNING ${COLUMNS}`,
      [
        row.id,
        body.name ?? null,
        body.shared ?? null,
        body.filters ? JSON.stringify(body.filters) : null,
        body.sort ?? null,
      ],
    );
    return this.toView(viewer, updated!);
  }

  async remove(viewer: Viewer, id: string): Promise<void> {
    const row = await this.editable(viewer, id);
    await this.db.query(`DELETE FROM saved_views WHERE id = $1`, [row.id]);
  }

  /** 404 for a view the caller cannot see (someone's personal one), 403 for one they may only use. */
  private async editable(viewer: Viewer, id: string): Promise<SavedViewRow> {
    const row = isUuid(id)
      ? await this.db.one<SavedViewRow>(
          `SELECT ${COLUMNS} FROM saved_views WHERE id = $1 AND (owner_id = $2 OR shared)`,
          [id, viewer.userId],
        )
      : null;
    if (!row) throw notFound('saved view not found');
    if (!mayEdit(viewer, row))
      throw forbidden('only the one who shared this view, or an admin, may change or delete it');
    return row;
  }

  private async toView(viewer: Viewer, row: SavedViewRow): Promise<SavedViewView> {
    // Stored filters were valid when saved; parsing again drops anything a later version renamed.
    const filters = SavedViewFilters.catch({}).parse(row.filters);
    // A field deleted since the view was saved matches no ticket (its list answers 400 naming it).
    const customFieldsMatch = await this.tickets.customFieldsMatch(filters.customFields).catch(() => null);
    const params: unknown[] = [];
    const where =
      customFieldsMatch === null
        ? ['FALSE']
        : ticketListWhere(viewer, { ...filters, customFieldsMatch }, params);
    const count = await this.db.one<{ n: string }>(
      `SELECT count(*) AS n FROM ${TICKET_FROM} WHERE ${where.join(' AND ')}`,
      params,
    );
    return {
      id: row.id,
      name: row.name,
      shared: row.shared,
      ownerId: row.owner_id,
      filters,
      sort: row.sort,
      count: Number(count?.n ?? 0),
      editable: mayEdit(viewer, row),
    };
  }
}
