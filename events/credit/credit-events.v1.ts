/** The credit context's events (信用监管), one file per type and version beside this one; this module lists them. */
import { ClassChanged } from './class-changed.v1.ts';
import { EntityListed } from './entity-listed.v1.ts';
import { ListingRemoved } from './listing-removed.v1.ts';
import { OverrideDecided } from './override-decided.v1.ts';
import { OverrideRequested } from './override-requested.v1.ts';

export { ClassChanged, EntityListed, ListingRemoved, OverrideDecided, OverrideRequested };
export const creditEvents = [EntityListed, ListingRemoved, ClassChanged, OverrideRequested, OverrideDecided] as const;
