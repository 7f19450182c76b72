// Who may see what: an organisation for most roles, the whole region for supervisors and admins.
import { REGION_ROLES, type Appeal, type User } from '../../shared/index.js';

export function hasRegionScope(user: Pick<User, 'role'>): boolean {
  return REGION_ROLES.includes(user.role);
}

export function inScope(user: User, appeal: Pick<Appeal, 'organisationId' | 'regionId'>): boolean {
  return hasRegionScope(user) ? appeal.regionId === user.regionId : appeal.organisationId === user.organisationId;
}

/** org_id of change rows that belong to a whole region rather than an appeal (reference data). */
export const REGION_WIDE_ORG = '*';

export const orgRoom = (organisationId: string) => `org:${organisationId}`;
/** Every console of the region, whatever its scope: reference-data pokes. */
export const regionWideRoom = (regionId: string) => `region-all:${regionId}`;
export const regionRoom = (regionId: string) => `region:${regionId}`;
export const userRoom = (userId: string) => `user:${userId}`;

/** The socket.io rooms a user's consoles join: pokes arrive per scope, revocations per user. */
export function roomsFor(user: User): string[] {
  const scope = hasRegionScope(user) ? regionRoom(user.regionId) : orgRoom(user.organisationId);
  return [scope, regionWideRoom(user.regionId), userRoom(user.id)];
}
