// Opens the local database as one of the page's first acts: IndexedDB opens while the rest of the console's code loads.
import { db } from './db.js';

// a failure shows where the data is first read (Dexie keeps the outcome of this open for every later query)
db.open().catch(() => undefined);
