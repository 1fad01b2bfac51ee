// A person's consents for release and after it: their CV shared with employers (cv_sharing) and
// being followed up after release (follow_up). One live consent per purpose; withdrawal ends it on
// a day, and from that day it no longer counts. Other modules ask `hasConsent` before they act.
import type { Db } from '../../db/database.ts';
import type { ConsentPurpose } from '../../db/schema.ts';
import * as repo from './reintegration.repo.ts';

/**
 * Whether the person consented to the purpose: without a day, whether a consent is live now (not
 * withdrawn); with a day ('YYYY-MM-DD'), whether one was given on or before it and not withdrawn on
 * or before it (a follow-up's consent before release: pass the release day).
 */
export async function hasConsent(
  db: Db,
  inmateId: string,
  purpose: ConsentPurpose,
  onDate?: string,
): Promise<boolean> {
  return repo.consentOn(db, inmateId, purpose, onDate ?? null);
}
