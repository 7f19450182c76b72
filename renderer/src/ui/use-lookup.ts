// Reference data as lookups (municipality, organisation, user by id) and the organisation's time zone, rebuilt only when reference data changes.
import { useMemo } from 'react';
import type { Municipality, Organisation, Reference, User } from '../../../shared/index.js';
import { useConsole } from './store-access.js';

export interface Lookup {
  municipality: ReadonlyMap<string, Municipality>;
  organisation: ReadonlyMap<string, Organisation>;
  user: ReadonlyMap<string, User>;
  /** The signed-in user's organisation's zone, else the region's; undefined = this computer's. */
  timeZone: string | undefined;
}

const byId = <T extends { id: string }>(rows: readonly T[] | undefined) => new Map((rows ?? []).map((r) => [r.id, r]));

export function buildLookup(reference: Reference | null, user: User | null): Lookup {
  const organisation = byId(reference?.organisations);
  const own = user ? organisation.get(user.organisationId) : undefined;
  return {
    municipality: byId(reference?.municipalities),
    organisation,
    user: byId(reference?.users),
    timeZone: own?.timezone || reference?.region.timezone || undefined,
  };
}

export function useLookup(): Lookup {
  const reference = useConsole((s) => s.reference);
  const user = useConsole((s) => s.user);
  return useMemo(() => buildLookup(reference, user), [reference, user]);
}
