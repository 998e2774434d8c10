// mijn-aanbieder.js - the zorgaanbieder records whose locations and offer the logged-in
// user's organisation maintains (zorgaanbieder.organisation_id, decision of the offer issue).
import { get } from '../api.js';

export async function ownProviders(session) {
  const page = await get(`/api/zorgaanbieders?organisation_id=${session.user.organisation_id}&sort=naam`);
  return page.items.filter((p) => p.organisation_id === session.user.organisation_id);
}
