// `npm run seed`: fills an empty store with the demo data set (flags and environment as for the server).
import { configFromCli } from '../config.js';
import { Store } from '../store/store.js';
import { DEMO_OPTIONS, insertDemo, loadGenerator } from './demo.js';

async function main(): Promise<void> {
  const config = configFromCli(process.argv.slice(2), process.env);
  const store = await Store.open({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    if (!(await store.isEmpty())) {
      process.stdout.write(`${JSON.stringify({ event: 'seed-skipped', reason: 'the store already has data' })}\n`);
      return;
    }
    const generateDemo = await loadGenerator();
    const inserted = await insertDemo(store, generateDemo(DEMO_OPTIONS()));
    process.stdout.write(`${JSON.stringify({ event: 'seeded', ...inserted })}\n`);
  } finally {
    await store.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
