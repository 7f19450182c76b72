// Queries built and compiled once per database handle and then run with other values: the push path's small lookups.
import type { Compilable, CompiledQuery, Kysely, QueryResult } from 'kysely';
import type { Database } from './schema.js';

/** Stands for the i-th parameter while the query is built; Kysely binds any object as a value. */
class Slot {
  constructor(readonly index: number) {}
}

interface Template {
  query: CompiledQuery;
  /** For each bound value of the compiled query: the caller's parameter it stands for, or the constant itself. */
  values: ReadonlyArray<Slot | { constant: unknown }>;
}

/**
 * Kysely's builder and compiler cost more per call than SQLite takes to answer a lookup by primary key, and a push
 * makes several of those per mutation. A query whose SQL text does not depend on its values (no IN lists, no
 * optional clauses, no undefined columns) is built once per database handle — the root handle or one transaction, so
 * once per run of mutations — with placeholders for its parameters, and each call binds the values in their place.
 */
export class PreparedQuery<P extends readonly unknown[], O> {
  private readonly templates = new WeakMap<Kysely<Database>, Template>();

  constructor(
    private readonly arity: P['length'],
    private readonly build: (db: Kysely<Database>, ...params: P) => Compilable<O>,
  ) {}

  async execute(db: Kysely<Database>, ...params: P): Promise<QueryResult<O>> {
    const template = this.templates.get(db) ?? this.compile(db);
    const parameters = template.values.map((v) => (v instanceof Slot ? params[v.index] : v.constant));
    return db.executeQuery<O>({ ...template.query, parameters } as CompiledQuery<O>);
  }

  async rows(db: Kysely<Database>, ...params: P): Promise<O[]> {
    return (await this.execute(db, ...params)).rows;
  }

  async first(db: Kysely<Database>, ...params: P): Promise<O | undefined> {
    return (await this.execute(db, ...params)).rows[0];
  }

  private compile(db: Kysely<Database>): Template {
    const slots = Array.from({ length: this.arity }, (_, i) => new Slot(i));
    // the slots are placeholders for the parameters' values while the query is built; they are never sent
    const query = this.build(db, ...(slots as unknown as P)).compile();
    const values = query.parameters.map((p) => (p instanceof Slot ? p : { constant: p }));
    const seen = new Set(values.filter((v) => v instanceof Slot).map((v) => v.index));
    if (seen.size !== this.arity) throw new Error(`prepared query binds ${seen.size} of its ${this.arity} parameters: ${query.sql}`);
    const template = { query, values };
    this.templates.set(db, template);
    return template;
  }
}

/** Row counts whose compiled insert is kept; a push loop's runs come in a handful of sizes. */
const KEPT_ROW_COUNTS = 64;

/**
 * A multi-row insert into fixed columns, compiled once per dialect and row count. The push loop writes its change
 * rows, history lines and recorded results this way, a few hundred rows per run, where Kysely's parsing of every
 * value of every row cost more than SQLite's insert. A column a row leaves undefined is written as null.
 */
export class RowsInsert<T extends keyof Database & string> {
  private readonly compiled = new Map<string, CompiledQuery>();

  constructor(
    private readonly table: T,
    private readonly columns: ReadonlyArray<keyof Database[T] & string>,
  ) {}

  async execute(db: Kysely<Database>, dialect: string, rows: ReadonlyArray<Database[T]>): Promise<void> {
    if (rows.length === 0) return;
    const key = `${dialect}:${rows.length}`;
    let query = this.compiled.get(key);
    if (!query) {
      const blank = Object.fromEntries(this.columns.map((c) => [c, null]));
      // eslint-disable-next-line @typescript-eslint/no-explicit-any -- Kysely cannot relate a generic table name to its columns
      query = (db as Kysely<any>).insertInto(this.table).values(rows.map(() => blank)).compile() as CompiledQuery;
      if (query.parameters.length !== rows.length * this.columns.length) throw new Error(`insert into ${this.table} compiled to ${query.parameters.length} values`);
      if (this.compiled.size >= KEPT_ROW_COUNTS) this.compiled.clear();
      this.compiled.set(key, query);
    }
    const parameters: unknown[] = [];
    for (const row of rows) for (const column of this.columns) parameters.push(row[column] ?? null);
    await db.executeQuery({ ...query, parameters });
  }
}
