// Builds demo appeals' append-only histories cheaply: one reusable step buffer, shared frozen change records, fast ISO instants.
import { STATUSES, type AppealEvent, type Status } from '../../shared/index.js';

export interface Actor {
  id: string | null;
  name: string;
  device: string | null;
}

export type Changes = Record<string, [unknown, unknown]>;

const MAX_STEPS = 16;
const DAY = 86_400_000;
const HOUR = 3_600_000;
const MINUTE = 60_000;

/**
 * The steps of one appeal's life, reused from appeal to appeal (generation is synchronous and a
 * hundred thousand appeals would otherwise allocate a million short-lived step objects).
 */
export class HistoryBuilder {
  count = 0;
  status: Status = 'new';
  private readonly actions: string[] = new Array<string>(MAX_STEPS).fill('');
  private readonly delays = new Float64Array(MAX_STEPS);
  private readonly actors: Actor[] = new Array<Actor>(MAX_STEPS);
  private readonly changes: Changes[] = new Array<Changes>(MAX_STEPS);
  private readonly reasons: Array<string | null> = new Array<string | null>(MAX_STEPS).fill(null);
  private readonly reacts = new Uint8Array(MAX_STEPS);
  readonly times = new Float64Array(MAX_STEPS);

  reset(): void {
    this.count = 0;
    this.status = 'new';
  }

  add(action: string, delay: number, actor: Actor, changes: Changes, reason: string | null = null, reacts = false): void {
    const i = this.count++;
    this.actions[i] = action;
    this.delays[i] = delay;
    this.actors[i] = actor;
    this.changes[i] = changes;
    this.reasons[i] = reason;
    this.reacts[i] = reacts ? 1 : 0;
  }

  /** A status change; `extra` adds fields that change with it (then the record is the appeal's own). */
  transition(to: Status, delay: number, actor: Actor, reason: string | null, extra: Changes | null = null, reacts = false): void {
    const changes = extra === null ? statusChange(this.status, to) : { status: [this.status, to] as [unknown, unknown], ...extra };
    this.add('appeal.transition', delay, actor, changes, reason, reacts);
    this.status = to;
  }

  /**
   * Lays the steps out from `start`, squeezed proportionally into `budget` ms when they would run past
   * it, strictly increasing; returns when the citizen first heard back, or null.
   */
  schedule(start: number, budget: number): number | null {
    let total = 0;
    for (let i = 0; i < this.count; i++) total += this.delays[i] as number;
    const scale = total > budget ? budget / total : 1;
    let at = start;
    let firstReaction: number | null = null;
    for (let i = 0; i < this.count; i++) {
      at = Math.max(at + 1, Math.floor(at + (this.delays[i] as number) * scale));
      this.times[i] = at;
      if (firstReaction === null && this.reacts[i] === 1) firstReaction = at;
    }
    return firstReaction;
  }

  get first(): number {
    return this.times[0] as number;
  }

  get last(): number {
    return this.times[this.count - 1] as number;
  }

  /** Appends the scheduled steps as events; returns the next free event number. */
  emit(events: AppealEvent[], appealId: string, eventNo: number): number {
    let n = eventNo;
    for (let i = 0; i < this.count; i++) {
      const actor = this.actors[i] as Actor;
      events.push({
        id: `ev-${pad(++n, 7)}`,
        appealId,
        action: this.actions[i] as string,
        actorId: actor.id,
        actorName: actor.name,
        deviceId: actor.device,
        changes: this.changes[i] as Changes,
        reason: this.reasons[i] as string | null,
        at: iso(this.times[i] as number),
      });
    }
    return n;
  }
}

const STATUS_INDEX = new Map<Status, number>(STATUSES.map((s, i) => [s, i]));
const STATUS_CHANGES: Changes[][] = STATUSES.map((from) => STATUSES.map((to) => freeze({ status: [from, to] })));

/** Status-only change records are shared and frozen: the same object for every appeal. */
export function statusChange(from: Status, to: Status): Changes {
  return (STATUS_CHANGES[STATUS_INDEX.get(from) as number] as Changes[])[STATUS_INDEX.get(to) as number] as Changes;
}

export function freeze(changes: Changes): Changes {
  for (const pair of Object.values(changes)) Object.freeze(pair);
  return Object.freeze(changes);
}

/** A cache of shared change records under small integer keys. */
export class SharedChanges {
  private readonly records = new Map<number, Changes>();

  get(key: number, build: () => Changes): Changes {
    let record = this.records.get(key);
    if (record === undefined) {
      record = freeze(build());
      this.records.set(key, record);
    }
    return record;
  }
}

const ZEROS = ['', '0', '00', '000', '0000', '00000', '000000', '0000000'];

export function pad(n: number, width: number): string {
  const text = String(n);
  return text.length >= width ? text : (ZEROS[width - text.length] as string) + text;
}

const dayPrefixes = new Map<number, number[]>();

/**
 * `Date#toISOString` for integer milliseconds, built from character codes: several times faster, and the
 * result is one flat string rather than a rope of concatenated pieces (the generator keeps about a million).
 */
export function iso(ms: number): string {
  const day = Math.floor(ms / DAY);
  let p = dayPrefixes.get(day);
  if (p === undefined) {
    const text = new Date(day * DAY).toISOString();
    p = Array.from({ length: 11 }, (_, i) => text.charCodeAt(i));
    dayPrefixes.set(day, p);
  }
  let rest = ms - day * DAY;
  const h = Math.floor(rest / HOUR);
  rest -= h * HOUR;
  const m = Math.floor(rest / MINUTE);
  rest -= m * MINUTE;
  const s = Math.floor(rest / 1000);
  const ms3 = rest - s * 1000;
  return String.fromCharCode(
    p[0] as number, p[1] as number, p[2] as number, p[3] as number, 45, p[5] as number, p[6] as number, 45,
    p[8] as number, p[9] as number, 84,
    48 + Math.floor(h / 10), 48 + (h % 10), 58, 48 + Math.floor(m / 10), 48 + (m % 10), 58,
    48 + Math.floor(s / 10), 48 + (s % 10), 46,
    48 + Math.floor(ms3 / 100), 48 + (Math.floor(ms3 / 10) % 10), 48 + (ms3 % 10), 90,
  );
}
