// The demo data set's shape: what the generator produces and the store inserts.
import type { Appeal, AppealEvent, Comment, Municipality, Organisation, Region, User } from '../../shared/index.js';

export interface DemoUser extends User {
  /** Plain password, documented in the README for demo logins only; the store keeps a hash. */
  password: string;
}

export interface Settlement {
  id: string;
  municipalityId: string;
  name: string;
  kind: 'город' | 'посёлок' | 'село' | 'деревня' | 'станица' | 'рабочий посёлок';
  streets: string[];
}

export interface DemoData {
  region: Region;
  municipalities: Municipality[];
  /** The region's address directory (settlements and their streets), used for addresses and hotline completion. */
  settlements: Settlement[];
  organisations: Organisation[];
  users: DemoUser[];
  appeals: Appeal[];
  comments: Comment[];
  events: AppealEvent[];
}

export interface GenerateOptions {
  /** How many appeals (1 000 for the demo, 100 000 for benchmarks). */
  appeals: number;
  /** PRNG seed: the same seed gives the same data. */
  seed: number;
  /** "Now" for the 60-day spread. */
  now: Date;
}
