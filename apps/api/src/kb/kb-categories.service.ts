import { Injectable } from '@nestjs/common';
import type { CreateKbCategoryBody, KbCategoryView, PatchKbCategoryBody } from '@switchboard/contracts';
import { conflict, notFound } from '@switchboard/domain';
import { Db } from '../common/db.js';
import { isUuid } from '../common/validation.js';

interface CategoryRow {
  id: string;
  slug: string;
  position: number;
  names: Record<string, string>;
}

const toView = (r: CategoryRow): KbCategoryView => ({
  id: r.id,
  slug: r.slug,
  position: r.position,
  names: r.names,
});

const isUniqueViolation = (err: unknown) => (err as { code?: string }).code === '23505';

/** Categories group articles; each has a name per locale and one slug for every locale's URL. */
@Injectable()
export class KbCategoriesService {
  constructor(private readonly db: Db) {}

  async list(): Promise<{ items: KbCategoryView[] }> {
    const rows = await this.db.query<CategoryRow>(`SELECT * FROM kb_categories ORDER BY position, slug`);
    return { items: rows.map(toView) };
  }

  async get(id: string): Promise<KbCategoryView> {
    if (!isUuid(id)) throw notFound('category not found');
    const [row] = await this.db.query<CategoryRow>(`SELECT * FROM kb_categories WHERE id = $1`, [id]);
    if (!row) throw notFound('category not found');
    return toView(row);
  }

  async create(input: CreateKbCategoryBody): Promise<KbCategoryView> {
    try {
      const [row] = await this.db.query<CategoryRow>(
        `INSERT INTO kb_categories (slug, names, position) VALUES ($1, $2, $3) RETURNING *`,
        [input.slug, JSON.stringify(input.names), input.position],
      );
      return toView(row);
    } catch (err) {
      if (isUniqueViolation(err)) throw conflict(`slug: a category "${input.slug}" exists`);
      throw err;
    }
  }

  async patch(id: string, input: PatchKbCategoryBody): Promise<KbCategoryView> {
    const current = await this.get(id);
    try {
      const [row] = await this.db.query<CategoryRow>(
        `UPDATE kb_categories SET slug = $2, names = $3, position = $4, updated_at = now() WHERE id = $1 RETURNING *`,
        [
          id,
          input.slug ?? current.slug,
          JSON.stringify(input.names ?? current.names),
          input.position ?? current.position,
        ],
      );
      return toView(row);
    } catch (err) {
      if (isUniqueViolation(err)) throw conflict(`slug: a category "${input.slug}" exists`);
      throw err;
    }
  }

  /** Its articles stay, without a category. */
  async remove(id: string): Promise<void> {
    await this.get(id);
    await this.db.query(`DELETE FROM kb_categories WHERE id = $1`, [id]);
  }
}
