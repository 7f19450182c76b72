// Paged pull from 0 on PostgreSQL while three consoles write: over 10 000 changes, none skipped, none repeated, the final state exact.
import { describeHeavyPull } from './support/heavy-pull-case.js';

describeHeavyPull('postgres');
