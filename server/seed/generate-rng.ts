// Seeded pseudo-random numbers for the demo generator (mulberry32): the same seed always gives the same data.

export class Rng {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** Integer in [min, max], both included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('pick from an empty list');
    return items[Math.floor(this.next() * items.length)] as T;
  }

  /** Picks one of a weighted table built once with `weighted()`. */
  pickWeighted<T>(table: WeightedTable<T>): T {
    const r = this.next() * table.total;
    const { cumulative, items } = table;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((cumulative[mid] as number) > r) hi = mid;
      else lo = mid + 1;
    }
    return items[lo] as T;
  }

  /** A value spread between min and max with most mass near min (for waiting times). */
  skewed(min: number, max: number): number {
    const u = this.next();
    return min + (max - min) * u * u;
  }
}

export interface WeightedTable<T> {
  items: T[];
  cumulative: Float64Array;
  total: number;
}

/** Builds a table for `Rng.pickWeighted` from [item, weight] pairs; zero weights never come up. */
export function weighted<T>(entries: ReadonlyArray<readonly [T, number]>): WeightedTable<T> {
  const items: T[] = [];
  const cumulative = new Float64Array(entries.length);
  let total = 0;
  entries.forEach(([item, weight], i) => {
    total += weight;
    items.push(item);
    cumulative[i] = total;
  });
  if (total <= 0) throw new Error('weighted table needs a positive weight');
  return { items, cumulative, total };
}
