// A region's own finished appeals as labelled lines for retraining the classifier: the citizen's text and the category the operators settled on.
import type { Kysely } from 'kysely';
import { Category, type Status } from '../../shared/domain.js';
import type { LabelledAppeal } from '../../shared/classifier/dataset.js';
import type { Database } from '../store/schema.js';

/**
 * Only appeals whose work is done: by then an operator has triaged them and an executor has acted on the
 * category, so it is confirmed. A declined appeal's category was never checked by anyone doing the work.
 */
export const EXPORTED_STATUSES: readonly Status[] = ['answered', 'closed'];

export interface ExportOptions {
  /** Only this region's appeals (a server can hold several). */
  regionId?: string | null;
  /** Rows read per query: a regional store holds about a million appeals a year. */
  pageSize?: number;
}

export interface ExportTally {
  exported: number;
  /** Rows whose category is not one of ours (e.g. written by an older version); left out, not guessed. */
  skipped: number;
}

/**
 * Yields the labelled appeals in id order, a page at a time, and returns the tally. The text is the
 * citizen's original: that is what the classifier is asked about when a call comes in, not an operator's
 * subject line.
 */
export async function* labelledAppeals(db: Kysely<Database>, options: ExportOptions = {}): AsyncGenerator<LabelledAppeal, ExportTally> {
  const pageSize = options.pageSize ?? 1000;
  const tally: ExportTally = { exported: 0, skipped: 0 };
  let after = '';
  for (;;) {
    let query = db
      .selectFrom('appeals')
      .select(['id', 'original_text', 'category'])
      .where('status', 'in', EXPORTED_STATUSES)
      .where('category', 'is not', null)
      .where('id', '>', after)
      .orderBy('id')
      .limit(pageSize);
    if (options.regionId) query = query.where('region_id', '=', options.regionId);
    const rows = await query.execute();
    for (const row of rows) {
      const category = Category.safeParse(row.category);
      if (!category.success || row.original_text.trim() === '') {
        tally.skipped++;
        continue;
      }
      tally.exported++;
      yield { text: row.original_text, category: category.data };
    }
    if (rows.length < pageSize) return tally;
    after = rows[rows.length - 1]!.id;
  }
}
