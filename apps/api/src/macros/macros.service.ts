import { Injectable } from '@nestjs/common';
import type {
  BulkMacroResult,
  CreateMacroBody,
  MacroAction,
  MacroView,
  PatchMacroBody,
  TicketView,
} from '@switchboard/contracts';
import { DomainError, forbidden, notFound } from '@switchboard/domain';
import type { AuthenticatedViewer } from '../auth/auth.service.js';
import { Db } from '../common/db.js';
import { isUuid } from '../common/validation.js';
import { SlaClockService } from '../sla/sla-clock.service.js';
import { TicketQueries } from '../tickets/ticket-queries.js';
import { TicketWriter } from '../tickets/ticket-writer.js';
import { applyMacroActions } from './macro-actions.js';

interface MacroRow {
  id: string;
  name: string;
  shared: boolean;
  owner_id: string;
  actions: MacroAction[];
  created_at: Date;
}

const toView = (r: MacroRow): MacroView => ({
  id: r.id,
  name: r.name,
  shared: r.shared,
  ownerId: r.owner_id,
  actions: r.actions,
  createdAt: r.created_at.toISOString(),
});

const mayShare = (viewer: AuthenticatedViewer) => viewer.role === 'supervisor' || viewer.role === 'admin';

/** Macros: personal (their owner's) or shared (everyone uses them; supervisors and admins keep them). */
@Injectable()
export class MacrosService {
  constructor(
    private readonly db: Db,
    private readonly writer: TicketWriter,
    private readonly queries: TicketQueries,
    private readonly sla: SlaClockService,
  ) {}

  async list(viewer: AuthenticatedViewer): Promise<{ items: MacroView[] }> {
    const rows = await this.db.query<MacroRow>(
      `SELECT * FROM macros WHERE shared OR owner_id = $1 ORDER BY lower(name), id`,
      [viewer.userId],
    );
    return { items: rows.map(toView) };
  }

  async get(viewer: AuthenticatedViewer, id: string): Promise<MacroView> {
    return toView(await this.usable(viewer, id));
  }

  async create(viewer: AuthenticatedViewer, input: CreateMacroBody): Promise<MacroView> {
    if (input.shared && !mayShare(viewer))
      throw forbidden('shared: only supervisors and admins share macros');
    const [row] = await this.db.query<MacroRow>(
      `INSERT INTO macros (name, owner_id, shared, actions) VALUES ($1, $2, $3, $4) RETURNING *`,
      [input.name, viewer.userId, input.shared, JSON.stringify(input.actions)],
    );
    return toView(row);
  }

  async patch(viewer: AuthenticatedViewer, id: string, input: PatchMacroBody): Promise<MacroView> {
    const macro = await this.editable(viewer, id);
    if (input.shared && !mayShare(viewer))
      throw forbidden('shared: only supervisors and admins share macros');
    const [row] = await this.db.query<MacroRow>(
      `UPDATE macros SET name = $2, shared = $3, actions = $4, updated_at = now() WHERE id = $1 RETURNING *`,
      [
        id,
        input.name ?? macro.name,
        input.shared ?? macro.shared,
        JSON.stringify(input.actions ?? macro.actions),
      ],
    );
    return toView(row);
  }

  async remove(viewer: AuthenticatedViewer, id: string): Promise<void> {
    await this.editable(viewer, id);
    await this.db.query(`DELETE FROM macros WHERE id = $1`, [id]);
  }

  /** Applies the macro to one ticket the viewer can see, atomically; 404 for a ticket they cannot. */
  async apply(viewer: AuthenticatedViewer, ticketId: string, macroId: string): Promise<TicketView> {
    const macro = await this.usable(viewer, macroId);
    return this.applyOne(viewer, ticketId, macro);
  }

  /** Applies the macro to each ticket in its own transaction: one ticket's failure leaves it unchanged and the others applied. */
  async applyBulk(
    viewer: AuthenticatedViewer,
    ticketIds: string[],
    macroId: string,
  ): Promise<BulkMacroResult> {
    const macro = await this.usable(viewer, macroId);
    const results: BulkMacroResult['results'] = [];
    for (const ticketId of [...new Set(ticketIds)]) {
      try {
        await this.applyOne(viewer, ticketId, macro);
        results.push({ ticketId, ok: true });
      } catch (err) {
        if (!(err instanceof DomainError)) throw err;
        results.push({ ticketId, ok: false, error: err.message });
      }
    }
    return { results };
  }

  private async applyOne(
    viewer: AuthenticatedViewer,
    ticketId: string,
    macro: MacroRow,
  ): Promise<TicketView> {
    if (!isUuid(ticketId) || !(await this.queries.findVisible(viewer, ticketId)))
      throw notFound('ticket not found');
    return this.writer.change(ticketId, (tx, ticket) =>
      applyMacroActions(tx, this.sla, viewer, ticket, macro.actions),
    );
  }

  private async usable(viewer: AuthenticatedViewer, id: string): Promise<MacroRow> {
    if (!isUuid(id)) throw notFound('macro not found'); // like every route: an id that is no UUID names nothing
    const [row] = await this.db.query<MacroRow>(
      `SELECT * FROM macros WHERE id = $1 AND (shared OR owner_id = $2)`,
      [id, viewer.userId],
    );
    if (!row) throw notFound('macro not found');
    return row;
  }

  private async editable(viewer: AuthenticatedViewer, id: string): Promise<MacroRow> {
    const macro = await this.usable(viewer, id);
    if (macro.shared ? !mayShare(viewer) : macro.owner_id !== viewer.userId)
      throw forbidden('only supervisors and admins change shared macros');
    return macro;
  }
}
