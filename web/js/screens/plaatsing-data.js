// plaatsing-data.js - what the workflow screens of plaatser and zorgaanbieder share (not a
// screen): the Dutch names of the statuses and timeline steps of docs/workflow.md, the names
// of care locations (one list call per page, cached like the code lists), a client's name,
// the cancel dialog with the two cancellation lists, the small status badges, and the
// timeline table (the placer's whole request, the provider's own referrals).
//
// Why one module: the worklist, the request, the inbox and the referral all show the same
// statuses and locations; a status named differently on two screens confuses the user.
import { api, get } from '../api.js';
import { labelOf } from '../codelists.js';
import { h } from '../dom.js';
import { ROLE_LABELS } from '../session.js';
import {
  date, etag, field, form, para, stamp, table,
} from '../ui.js';

/** Status of a placement request (plaatsingsverzoek). */
export const VERZOEK_STATUS = Object.freeze({
  open: 'Open',
  besloten: 'Plaatsingsbesluit genomen',
  geplaatst: 'Geplaatst',
  zorg_beeindigd: 'Zorg beëindigd',
  ingetrokken: 'Ingetrokken',
});

/** Status of a referral attempt (toeleidingspoging). */
export const POGING_STATUS = Object.freeze({
  aangemeld: 'Aangemeld, wacht op reactie',
  geaccepteerd: 'Geaccepteerd',
  afgewezen: 'Afgewezen',
  geannuleerd: 'Geannuleerd',
});

/** Steps of the timeline (store_plaatsing_stap.stap). */
export const STAP = Object.freeze({
  aanmaken: 'Plaatsingsverzoek aangemaakt',
  voorstel: 'Voorstel gemaakt',
  aanmelden: 'Aangemeld bij zorglocatie',
  accepteren: 'Aanmelding geaccepteerd',
  afwijzen: 'Aanmelding afgewezen',
  verlengen: 'Reactietermijn verlengd',
  annuleren: 'Toeleidingspoging geannuleerd',
  besluiten: 'Plaatsingsbesluit genomen',
  start_zorg: 'Start zorg gemeld',
  einde_zorg: 'Einde zorg gemeld',
  correctie_einde_zorg: 'Einde zorg gecorrigeerd',
  intrekking_einde_zorg: 'Melding einde zorg ingetrokken',
});

/** The code list a timeline step's code belongs to. */
export const STAP_CODELIST = Object.freeze({
  accepteren: 'reactiemogelijkheid',
  afwijzen: 'reactiemogelijkheid',
  annuleren: 'annuleringsreden',
  einde_zorg: 'mutatiereden',
  correctie_einde_zorg: 'mutatiereden',
  intrekking_einde_zorg: 'mutatiereden',
});

/** A status badge: text always (never colour alone), a modifier class for the look. */
export function badge(text, kind = 'neutral') {
  return h('span', { class: `utrecht-badge-status ifzo-badge ifzo-badge--${kind}` }, text);
}

/** The 'termijn verstreken' mark of an overdue referral. */
export const overdueBadge = () => badge('Termijn verstreken', 'danger');

export const clientName = (c) => `${c.achternaam}${c.voornamen ? `, ${c.voornamen}` : ''}`;

let locationsPending = null;

/**
 * Every care location and provider by id ({locaties: Map, aanbieders: Map}): two list calls
 * per page load instead of one call per row of a work list.
 */
export function offerNames() {
  if (!locationsPending) {
    locationsPending = Promise.all([
      get('/api/zorglocaties?limit=1000&sort=naam'),
      get('/api/zorgaanbieders?limit=1000&sort=naam'),
    ]).then(([locs, provs]) => ({
      locaties: new Map(locs.items.map((l) => [l.id, l])),
      aanbieders: new Map(provs.items.map((p) => [p.id, p])),
    }));
    locationsPending.catch(() => { locationsPending = null; });
  }
  return locationsPending;
}

/** 'Locatie (Aanbieder)' for a location id, or 'locatie <id>' when unknown. */
export function locationLabel(names, id) {
  const l = names.locaties.get(id);
  if (!l) return `locatie ${id}`;
  const p = names.aanbieders.get(l.zorgaanbieder_id);
  return p && p.naam !== l.naam ? `${l.naam} (${p.naam})` : l.naam;
}

/** The reply term of a care type (its own or its parent's), from the zorgtype code list. */
export function replyTerm(lists, zorgtype) {
  const e = lists.zorgtype?.entries.find((x) => x.code === zorgtype);
  if (!e) return null;
  const p = e.parent ? lists.zorgtype.entries.find((x) => x.code === e.parent) : null;
  const days = e.reply_days ?? p?.reply_days;
  const max = e.reply_max_days ?? p?.reply_max_days;
  const kind = e.reply_kind ?? p?.reply_kind;
  return days ? { days, max: max ?? days, kind } : null;
}

/**
 * The cancel dialog (a native <dialog>: focus stays inside, Escape closes, focus returns to
 * the button that opened it). 'Annuleren op verzoek' chooses the list: Zorgaanbieder (ZA) or
 * Plaatser (PL) reasons of annuleringsreden; a reason with needs_motivation makes the
 * motivation required. withdraw: preset to PL12 "Intrekken plaatsingsverzoek door
 * verwijzer", which ends the whole request.
 */
export function cancelDialog(lists, { verzoek, poging, withdraw = false, onDone }) {
  const id = withdraw ? 'intrekken' : `annuleren-${poging.id}`;
  const titleId = `${id}-titel`;
  const groups = lists.annuleren_op_verzoek?.entries ?? [];
  const reasons = lists.annuleringsreden?.entries ?? [];
  const dlg = h('dialog', { class: 'ifzo-dialog', 'aria-labelledby': titleId, id: `${id}-dialoog` });
  const close = h('button', { class: 'utrecht-button utrecht-button--secondary-action', type: 'button' }, 'Terug');
  close.addEventListener('click', () => dlg.close());
  const f = form(id, [
    field(id, {
      name: 'op_verzoek', label: 'Annuleren op verzoek van', type: 'select', required: true,
      empty: 'Kies…', options: groups, value: withdraw ? 'PL' : '',
    }),
    field(id, { name: 'reden', label: 'Reden', type: 'select', required: true, empty: 'Kies eerst op verzoek van wie…', options: [] }),
    field(id, {
      name: 'motivatie', label: 'Motivatie', type: 'textarea',
      hint: 'Verplicht bij "Te betwisten, vanwege" en "Alle bovenstaande annuleringen zijn ontoereikend, vanwege".',
    }),
  ], withdraw ? 'Plaatsingsverzoek intrekken' : 'Toeleidingspoging annuleren', async (v) => {
    await api('POST', `/api/toeleidingspogingen/${poging.id}/annulering`, {
      body: { op_verzoek: v.op_verzoek, reden: v.reden, ...(v.motivatie ? { motivatie: v.motivatie } : {}) },
      ifMatch: etag(verzoek.version),
    });
    dlg.close();
    onDone(v);
  }, [close]);
  const op = f.querySelector('[name="op_verzoek"]');
  const reden = f.querySelector('[name="reden"]');
  const motivatie = f.querySelector('[name="motivatie"]');
  const motivatieLabel = f.querySelector(`label[for="${motivatie.id}"]`);
  const syncMotivation = () => {
    const r = reasons.find((x) => x.code === reden.value);
    const needed = Boolean(r?.needs_motivation);
    // aria-required, not required: the browser would mark the empty field invalid before
    // the user did anything; the API's Dutch message is the one field error.
    motivatie.removeAttribute('required');
    if (needed) motivatie.setAttribute('aria-required', 'true');
    else motivatie.removeAttribute('aria-required');
    motivatieLabel.textContent = needed ? 'Motivatie (verplicht bij deze reden)' : 'Motivatie (niet verplicht)';
  };
  const fill = () => {
    const keep = reden.value;
    const list = reasons.filter((r) => r.group === op.value);
    reden.replaceChildren(h('option', { value: '' }, list.length ? 'Kies…' : 'Kies eerst op verzoek van wie…'),
      ...list.map((r) => h('option', { value: r.code, selected: r.code === keep }, r.label)));
    syncMotivation();
  };
  op.addEventListener('change', fill);
  reden.addEventListener('change', syncMotivation);
  fill();
  if (withdraw) {
    reden.value = 'PL12';
    syncMotivation();
  }
  dlg.append(h('h2', { class: 'utrecht-heading-2', id: titleId },
    withdraw ? 'Plaatsingsverzoek intrekken' : 'Toeleidingspoging annuleren'),
  para(withdraw
    ? 'Met "Intrekken plaatsingsverzoek door verwijzer" eindigt het hele plaatsingsverzoek; alle lopende aanmeldingen worden geannuleerd.'
    : `Aanmelding ${poging.id}: kies op wiens verzoek u annuleert en de reden.`), f);
  return dlg;
}

/** A button that opens a dialog (appended to holder) and gives the focus back on close. */
export function dialogButton(label, holder, makeDialog, { kind = 'secondary', accessibleName = null } = {}) {
  const b = h('button', { class: `utrecht-button utrecht-button--${kind}-action`, type: 'button', 'aria-label': accessibleName }, label);
  b.addEventListener('click', () => {
    const dlg = makeDialog();
    holder.replaceChildren(dlg);
    dlg.addEventListener('close', () => { dlg.remove(); b.focus(); });
    dlg.showModal();
    dlg.querySelector('select, input, textarea')?.focus();
  });
  return b;
}

/** The reaction of an attempt in words: the option's label and the text. */
export function reactionText(lists, p) {
  if (!p.reactie) return '';
  return `${labelOf(lists, 'reactiemogelijkheid', p.reactie.code)}${p.reactie.toelichting ? ` — ${p.reactie.toelichting}` : ''}`;
}

/** The cancellation of an attempt in words. */
export function cancellationText(lists, p) {
  if (!p.annulering) return '';
  const who = labelOf(lists, 'annuleren_op_verzoek', p.annulering.op_verzoek);
  return `Op verzoek van ${who.toLowerCase()}: ${labelOf(lists, 'annuleringsreden', p.annulering.reden)}${p.annulering.motivatie ? ` — ${p.annulering.motivatie}` : ''}`;
}

/** A status of the request or of an attempt ('-': none yet). */
const statusLabel = (s) => (!s || s === '-' ? '—' : VERZOEK_STATUS[s] ?? POGING_STATUS[s] ?? s);

/** The timeline step's code in words (reaction, cancellation reason, mutatiereden, number). */
function stepCode(lists, e) {
  if (!e.code) return '';
  const list = STAP_CODELIST[e.stap];
  return list ? labelOf(lists, list, e.code) : e.code;
}

/**
 * The timeline as a table, oldest step first: when, what, the location, the reason, who (a
 * provider gets no user names of other organisations: then the role only) and which
 * organisation, and the change of status.
 */
export function timelineTable(caption, lists, names, items, empty = 'Nog geen stappen.') {
  return table(caption, [
    { label: 'Moment (UTC)', value: (e) => stamp(e.at) },
    { label: 'Stap', value: (e) => STAP[e.stap] ?? e.stap },
    { label: 'Datum', value: (e) => date(e.datum) },
    { label: 'Zorglocatie', value: (e) => (e.zorglocatie_id ? locationLabel(names, e.zorglocatie_id) : '') },
    { label: 'Reden of code', value: (e) => stepCode(lists, e) },
    { label: 'Toelichting', value: (e) => e.tekst ?? '' },
    { label: 'Door', value: (e) => (e.username ? `${e.username} (${ROLE_LABELS[e.role] ?? e.role})` : ROLE_LABELS[e.role] ?? e.role) },
    { label: 'Organisatie', value: (e) => e.organisation_name ?? '' },
    { label: 'Status', value: (e) => (e.status_van === e.status_naar ? statusLabel(e.status_naar) : `${statusLabel(e.status_van)} → ${statusLabel(e.status_naar)}`) },
  ], items, empty);
}
