import { Injectable } from '@nestjs/common';
import type {
  CreateCustomFieldBody,
  CustomFieldEntity,
  CustomFieldView,
  PatchCustomFieldBody,
} from '@switchboard/contracts';
import { conflict, invalid, notFound } from '@switchboard/domain';
import { Db, type Sql } from '../common/db.js';
import { isUuid } from '../common/validation.js';

interface FieldRow {
  id: string;
  entity: CustomFieldEntity;
  key: string;
  label: string;
  type: CustomFieldView['type'];
  options: string[];
  required_to_solve: boolean;
  sort_order: number;
}

const toView = (r: FieldRow): CustomFieldView => ({
  id: r.id,
  entity: r.entity,
  key: r.key,
  label: r.label,
  type: r.type,
  options: r.options ?? [],
  requiredToSolve: r.required_to_solve,
  order: r.sort_order,
});

const ORDER = 'ORDER BY entity, sort_order, lower(label), id';

/** The definitions of one entity's fields, in the admin's order, inside any transaction. */
export async function fieldDefinitions(sql: Sql, entity: CustomFieldEntity): Promise<CustomFieldView[]> {
  const rows = await sql.query<FieldRow>(`SELECT * FROM custom_fields WHERE entity = $1 ${ORDER}`, [entity]);
  return rows.map(toView);
}

/** The admin-defined custom fields of tickets and contacts. */
@Injectable()
export class CustomFieldStore {
  constructor(private readonly db: Db) {}

  async list(entity?: CustomFieldEntity): Promise<CustomFieldView[]> {
    const rows = await this.db.query<FieldRow>(
      `SELECT * FROM custom_fields ${entity ? 'WHERE entity = $1' : ''} ${ORDER}`,
      entity ? [entity] : [],
    );
    return rows.map(toView);
  }

  definitions(entity: CustomFieldEntity): Promise<CustomFieldView[]> {
    return fieldDefinitions(this.db, entity);
  }

  async create(input: CreateCustomFieldBody): Promise<CustomFieldView> {
    const [row] = await this.db.query<FieldRow>(
      `INSERT INTO custom_fields (entity, key, label, type, options, required_to_solve, sort_order)
       VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (entity, key) DO NOTHING RETURNING *`,
      [
        input.entity,
        input.key,
        input.label,
        input.type,
        JSON.stringify(input.options ?? []),
        input.requiredToSolve,
        input.order,
      ],
    );
    if (!row) throw conflict(`key: a ${input.entity} field "${input.key}" already exists`);
    return toView(row);
  }

  async update(id: string, input: PatchCustomFieldBody): Promise<CustomFieldView> {
    const field = await this.get(id);
    const choice = field.type === 'select' || field.type === 'multiselect';
    if (input.options !== undefined && !choice)
      throw invalid(`options: a ${field.type} field takes no options`);
    if (input.options !== undefined && choice && input.options.length === 0)
      throw invalid(`options: a ${field.type} field needs at least one option`);
    if (input.requiredToSolve && field.entity !== 'ticket')
      throw invalid('requiredToSolve: only ticket fields can be required to solve');
    const [row] = await this.db.query<FieldRow>(
      `UPDATE custom_fields SET label = $2, options = $3, required_to_solve = $4, sort_order = $5, updated_at = now()
        WHERE id = $1 RETURNING *`,
      [
        id,
        input.label ?? field.label,
        JSON.stringify(input.options ?? field.options),
        input.requiredToSolve ?? field.requiredToSolve,
        input.order ?? field.order,
      ],
    );
    return toView(row);
  }

  /** Removes the definition; stored values stay in the rows but no longer show, filter or block solving. */
  async remove(id: string): Promise<void> {
    await this.get(id);
    await this.db.query(`DELETE FROM custom_fields WHERE id = $1`, [id]);
  }

  async get(id: string): Promise<CustomFieldView> {
    if (!isUuid(id)) throw notFound('custom field not found');
    const [row] = await this.db.query<FieldRow>(`SELECT * FROM custom_fields WHERE id = $1`, [id]);
    if (!row) throw notFound('custom field not found');
    return toView(row);
  }
}
