// The console's bundled address directory (renderer/src/ui/intake/region-directory.json) is the demo region's directory from server/seed; OTKLIK_WRITE_DIRECTORY=1 regenerates it.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { abbreviateStreet, directorySettlements, SETTLEMENT_ABBREVIATION } from '../server/seed/directory.js';

const FILE = fileURLToPath(new URL('../renderer/src/ui/intake/region-directory.json', import.meta.url));

/** What the console needs to complete an address: names as written in an address, grouped by settlement. */
function expectedDirectory() {
  return {
    note: 'Generated from server/seed/directory.ts by test/hotline-directory.test.ts (OTKLIK_WRITE_DIRECTORY=1); do not edit.',
    settlements: directorySettlements().map((s) => ({
      id: s.id,
      municipalityId: s.municipalityId,
      name: s.name,
      label: `${SETTLEMENT_ABBREVIATION[s.kind]} ${s.name}`,
      streets: s.streets.map(abbreviateStreet),
    })),
  };
}

describe('the bundled region directory', () => {
  if (process.env.OTKLIK_WRITE_DIRECTORY === '1') writeFileSync(FILE, JSON.stringify(expectedDirectory(), null, 1) + '\n');

  it('matches the demo region the server seeds, settlement by settlement and street by street', () => {
    expect(JSON.parse(readFileSync(FILE, 'utf8'))).toEqual(expectedDirectory());
  });

  it('writes streets the way addresses abbreviate them', () => {
    const { settlements } = expectedDirectory();
    const berezovka = settlements.find((s) => s.name === 'Берёзовка');
    expect(berezovka?.label).toBe('с. Берёзовка');
    expect(berezovka?.streets).toContain('ул. Ленина');
  });
});
