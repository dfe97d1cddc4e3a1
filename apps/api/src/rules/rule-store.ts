import { randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import {
  CreateRuleBody,
  type PatchRuleBody,
  type RuleAction,
  type RuleConditions,
  type RuleRunView,
  type RuleTimeCondition,
  type RuleView,
} from '@switchboard/contracts';
import { invalid, notFound } from '@switchboard/domain';
import { Db, type Sql } from '../common/db.js';
import { parseInput } from '../common/validation.js';

/** A stored rule as the engine reads it (with its webhook secret, never sent to a browser). */
export interface RuleRow {
  id: string;
  name: string;
  trigger: 'event' | 'time';
  events: string[];
  time_condition: RuleTimeCondition | null;
  conditions: RuleConditions;
  actions: RuleAction[];
  sort_order: number;
  active: boolean;
  webhook_secret: string;
  created_at: Date;
  updated_at: Date;
}

export function toRuleView(r: RuleRow): RuleView {
  return {
    id: r.id,
    name: r.name,
    trigger: r.trigger,
    ...(r.trigger === 'event' ? { events: r.events as RuleView['events'] } : {}),
    ...(r.time_condition ? { time: r.time_condition } : {}),
    conditions: r.conditions,
    actions: r.actions,
    order: r.sort_order,
    active: r.active,
    createdAt: r.created_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
  };
}

/** Active rules of a trigger, in the order they run. */
export function activeRules(sql: Sql, trigger: 'event' | 'time'): Promise<RuleRow[]> {
  return sql.query<RuleRow>(
    `SELECT * FROM rules WHERE active AND trigger = $1 ORDER BY sort_order, created_at, id`,
    [trigger],
  );
}

/** Admin CRUD of rules and their run log. */
@Injectable()
export class RuleStore {
  constructor(private readonly db: Db) {}

  async list(): Promise<RuleView[]> {
    const rows = await this.db.query<RuleRow>(`SELECT * FROM rules ORDER BY sort_order, created_at, id`);
    return rows.map(toRuleView);
  }

  async create(input: CreateRuleBody): Promise<RuleView> {
    await this.checkReferences(input.actions);
    const [row] = await this.db.query<RuleRow>(
      `INSERT INTO rules (name, trigger, events, time_condition, conditions, actions, sort_order, active, webhook_secret)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING *`,
      [
        input.name,
        input.trigger,
        input.events ?? [],
        input.time ? JSON.stringify(input.time) : null,
        JSON.stringify(input.conditions),
        JSON.stringify(input.actions),
        input.order,
        input.active,
        randomBytes(32).toString('hex'),
      ],
    );
    return toRuleView(row);
  }

  /** Merges the patch into the stored rule and checks the whole rule again, as a create would. */
  async update(id: string, patch: PatchRuleBody): Promise<RuleView> {
    const current = await this.db.one<RuleRow>(`SELECT * FROM rules WHERE id = $1`, [requireId(id)]);
    if (!current) throw notFound('rule not found');
    const view = toRuleView(current);
    const merged = parseInput(CreateRuleBody, {
      name: patch.name ?? view.name,
      trigger: view.trigger,
      events: patch.events ?? view.events,
      time: patch.time ?? view.time,
      conditions: patch.conditions ?? view.conditions,
      actions: patch.actions ?? view.actions,
      order: patch.order ?? view.order,
      active: patch.active ?? view.active,
    });
    await this.checkReferences(merged.actions);
    const [row] = await this.db.query<RuleRow>(
      `UPDATE rules SET name = $2, events = $3, time_condition = $4, conditions = $5, actions = $6,
              sort_order = $7, active = $8, updated_at = now()
        WHERE id = $1 RETURNING *`,
      [
        id,
        merged.name,
        merged.events ?? [],
        merged.time ? JSON.stringify(merged.time) : null,
        JSON.stringify(merged.conditions),
        JSON.stringify(merged.actions),
        merged.order,
        merged.active,
      ],
    );
    return toRuleView(row);
  }

  async remove(id: string): Promise<void> {
    const [row] = await this.db.query(`DELETE FROM rules WHERE id = $1 RETURNING id`, [requireId(id)]);
    if (!row) throw notFound('rule not found');
  }

  async runs(id: string, limit = 100): Promise<RuleRunView[]> {
    const rule = await this.db.one(`SELECT 1 FROM rules WHERE id = $1`, [requireId(id)]);
    if (!rule) throw notFound('rule not found');
    const rows = await this.db.query<{
      id: string;
      rule_id: string;
      ticket_id: string | null;
      ticket_number: string | null;
      event: string;
      outcome: RuleRunView['outcome'];
      reason: string | null;
      actions: unknown[];
      created_at: Date;
    }>(
      // The ticket number as agents know it, so the run log can link the ticket by the number they search for.
      `SELECT r.*, t.number AS ticket_number FROM rule_runs r LEFT JOIN tickets t ON t.id = r.ticket_id
        WHERE r.rule_id = $1 ORDER BY r.id DESC LIMIT $2`,
      [id, limit],
    );
    return rows.map((r) => ({
      id: String(r.id),
      ruleId: r.rule_id,
      ticketId: r.ticket_id,
      ticketNumber: r.ticket_number === null ? null : Number(r.ticket_number),
      event: r.event,
      outcome: r.outcome,
      reason: r.reason,
      actions: r.actions,
      createdAt: r.created_at.toISOString(),
    }));
  }

  /** Teams and agents a rule names must exist when it is saved (they may still go away later). */
  private async checkReferences(actions: RuleAction[]): Promise<void> {
    for (const [i, action] of actions.entries()) {
      if (
        action.type === 'set_team' &&
        !(await this.db.one(`SELECT 1 FROM teams WHERE id = $1`, [action.teamId]))
      )
        throw invalid(`actions.${i}.teamId: no team with this id`);
      const agentId = action.type === 'assign' && 'agentId' in action ? action.agentId : undefined;
      if (agentId && !(await this.db.one(`SELECT 1 FROM users WHERE id = $1 AND active`, [agentId])))
        throw invalid(`actions.${i}.agentId: no active user with this id`);
    }
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function requireId(id: string): string {
  if (!UUID.test(id)) throw notFound('rule not found');
  return id;
}
