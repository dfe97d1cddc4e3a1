import { z } from 'zod';
import { keyText, labelText } from './text.js';

/**
 * Custom fields: what an admin defines on `/api/admin/custom-fields`, and the values agents set
 * on tickets (`PATCH /api/tickets/:id { customFields }`) and contacts. Values are checked
 * against their definition by the API (custom-field-values.ts); here only the shapes.
 */

export const CUSTOM_FIELD_ENTITIES = ['ticket', 'contact'] as const;
export type CustomFieldEntity = (typeof CUSTOM_FIELD_ENTITIES)[number];

export const CUSTOM_FIELD_TYPES = ['text', 'number', 'select', 'multiselect', 'date', 'checkbox'] as const;
export type CustomFieldType = (typeof CUSTOM_FIELD_TYPES)[number];

/** Types whose value is one or several of the field's options. */
export const CHOICE_FIELD_TYPES: readonly CustomFieldType[] = ['select', 'multiselect'];

/** A key appears in query strings (`cf.<key>`) and rule conditions (`customFields.<key>`): plain snake case. */
export const CUSTOM_FIELD_KEY = /^[a-z][a-z0-9_]{0,39}$/;

const key = z
  .string()
  .regex(CUSTOM_FIELD_KEY, 'must be 1–40 lowercase letters, digits or _, starting with a letter');
const label = labelText().trim().min(1, 'must not be empty').max(120, 'must be at most 120 characters');
const options = z
  .array(labelText().trim().min(1, 'must not be empty').max(100, 'must be at most 100 characters'))
  .max(200)
  .refine((list) => new Set(list).size === list.length, 'must not repeat an option');

function checkOptions(
  field: { type?: CustomFieldType; options?: string[] },
  ctx: z.RefinementCtx,
  type: CustomFieldType | undefined,
) {
  if (!type) return;
  const choice = CHOICE_FIELD_TYPES.includes(type);
  if (choice && !field.options?.length)
    ctx.addIssue({ code: 'custom', message: `a ${type} field needs at least one option`, path: ['options'] });
  if (!choice && field.options?.length)
    ctx.addIssue({ code: 'custom', message: `a ${type} field takes no options`, path: ['options'] });
}

/** `POST /api/admin/custom-fields`. */
export const CreateCustomFieldBody = z
  .strictObject({
    entity: z.enum(CUSTOM_FIELD_ENTITIES),
    key,
    label,
    type: z.enum(CUSTOM_FIELD_TYPES),
    options: options.optional(),
    requiredToSolve: z.boolean().default(false),
    order: z.number().int().min(0).max(1_000_000).default(0),
  })
  .superRefine((f, ctx) => {
    checkOptions(f, ctx, f.type);
    if (f.requiredToSolve && f.entity !== 'ticket')
      ctx.addIssue({
        code: 'custom',
        message: 'only ticket fields can be required to solve',
        path: ['requiredToSolve'],
      });
  });
export type CreateCustomFieldBody = z.infer<typeof CreateCustomFieldBody>;

/** `PATCH /api/admin/custom-fields/:id`: entity, key and type stay (stored values depend on them). */
export const PatchCustomFieldBody = z
  .strictObject({
    label: label.optional(),
    options: options.optional(),
    requiredToSolve: z.boolean().optional(),
    order: z.number().int().min(0).max(1_000_000).optional(),
  })
  .refine((b) => Object.keys(b).length > 0, { message: 'at least one field must be given' });
export type PatchCustomFieldBody = z.infer<typeof PatchCustomFieldBody>;

export interface CustomFieldView {
  id: string;
  entity: CustomFieldEntity;
  key: string;
  label: string;
  type: CustomFieldType;
  options: string[];
  requiredToSolve: boolean;
  order: number;
}

/** A stored value: text, select and date (YYYY-MM-DD) are strings, multiselect a list of options. */
export type CustomFieldValue = string | number | boolean | string[];
export type CustomFieldValues = Record<string, CustomFieldValue>;

/** What a PATCH sends: a value per key, `null` to clear it; checked against the definitions by the API. */
export const CustomFieldValuesInput = z
  .record(keyText().max(40), z.unknown())
  .refine((r) => Object.keys(r).length <= 100, 'at most 100 fields at once');
