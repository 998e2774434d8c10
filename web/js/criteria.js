// criteria.js - which hard criteria an indication has per care type, mirroring
// src/core/criteria.h (seed 004): klinisch/tbs, verblijf/BW and ambulant each their own set.
// The API checks the same rules (ifzo_indication_criteria_check); this table only decides
// which fields the form shows, so that the form has exactly the fields of the care type.

/** Criterion key, Dutch label, code list, and the top-level care types it applies to. */
export const CRITERIA = Object.freeze([
  { name: 'arrondissement', label: 'Arrondissement van de leefomgeving', list: 'arrondissement', roots: ['KLIN', 'VBW', 'AMB'] },
  { name: 'geslacht', label: 'Geslacht', list: 'geslacht', roots: ['KLIN', 'VBW', 'AMB'] },
  { name: 'dsm_hoofdgroep', label: 'DSM-hoofdgroep', list: 'dsm_hoofdgroep', roots: ['KLIN'] },
  { name: 'verstandelijke_vermogens', label: 'Verstandelijke vermogens', list: 'verstandelijke_vermogens', roots: ['KLIN'] },
  { name: 'zedendelict', label: 'Zedendelict', list: 'ja_nee', roots: ['KLIN'] },
  { name: 'zorgsetting', label: 'Zorgsetting', list: 'zorgsetting', roots: ['KLIN'] },
  { name: 'verblijfsintensiteit', label: 'Verblijfsintensiteit', list: 'verblijfsintensiteit', roots: ['KLIN'] },
  { name: 'middel', label: 'Middel (bij een aan een middel gebonden stoornis)', list: 'middel', roots: ['KLIN'] },
  { name: 'aard_zorgvraag', label: 'Aard van de zorgvraag', list: 'aard_zorgvraag', roots: ['KLIN', 'VBW', 'AMB'] },
  { name: 'dominante_zorgvraag', label: 'Dominante zorgvraag', list: 'dominante_zorgvraag', roots: ['VBW', 'AMB'] },
  { name: 'bijkomende_problematiek', label: 'Bijkomende problematiek', list: 'bijkomende_problematiek', roots: ['VBW', 'AMB'] },
  { name: 'bereik', label: 'Bereik', list: 'bereik', roots: ['VBW', 'AMB'] },
  { name: 'outreach', label: 'Outreach (specifieke outreachende aanpak of bemoeizorg)', list: 'outreach', roots: ['VBW', 'AMB'] },
]);

/** The DSM main group with which 'middel' applies (aan een middel gebonden stoornissen). */
export const DSM_MIDDEL = '04';

/** KLIN, VBW or AMB for any zorgtype code (a child names its parent), null when unknown. */
export function rootOf(lists, zorgtype) {
  const e = lists.zorgtype?.entries.find((x) => x.code === zorgtype);
  if (!e) return null;
  return e.parent ? e.parent : e.code;
}

const AARD_COLUMN = { KLIN: 'klinisch', VBW: 'verblijf', AMB: 'ambulant' };

/** The criteria of a care type, each with the codes allowed for it. */
export function criteriaFor(lists, zorgtype) {
  const root = rootOf(lists, zorgtype);
  if (!root) return [];
  return CRITERIA.filter((c) => c.roots.includes(root)).map((c) => {
    let entries = lists[c.list]?.entries ?? [];
    if (c.name === 'aard_zorgvraag') entries = entries.filter((e) => e[AARD_COLUMN[root]] !== false);
    return { ...c, entries };
  });
}

/** Whether age is a hard criterion (KLIN and VBW, not AMB). */
export const ageApplies = (lists, zorgtype) => ['KLIN', 'VBW'].includes(rootOf(lists, zorgtype));
