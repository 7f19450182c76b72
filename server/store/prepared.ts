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
