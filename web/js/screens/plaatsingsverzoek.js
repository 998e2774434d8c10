// plaatsingsverzoek.js - one placement request for the plaatser: its data and status, the
// referral attempts with their reply terms (overdue marked), reactions and cancellations;
// the way to the proposal and to a referral; the cancel dialog per attempt and the
// withdrawal of the whole request; the placement decision after an acceptance, the
// placement letter (PDF) once decided; and the timeline (who, role, when, what, why).
//
// Every step sends the request's version as If-Match (the ETag of the request and of each
// attempt): two placers on one request get a version conflict, never a lost step.
import { api, get } from '../api.js';
import { codelists, labelOf } from '../codelists.js';
import { h } from '../dom.js';
import {
  alert, dataList, date, etag, form, heading, heading2, link, para, table,
} from '../ui.js';
import {
  badge, cancelDialog, cancellationText, clientName, dialogButton, locationLabel, offerNames,
  overdueBadge, POGING_STATUS, reactionText, timelineTable, VERZOEK_STATUS,
} from './plaatsing-data.js';

export const title = 'Plaatsingsverzoek';

const DONE = {
  nieuw: 'Het plaatsingsverzoek is aangemaakt.',
  aangemeld: 'De aanmelding is verstuurd naar de zorglocatie.',
  geannuleerd: 'De toeleidingspoging is geannuleerd.',
  ingetrokken: 'Het plaatsingsverzoek is ingetrokken.',
  besluit: 'Het plaatsingsbesluit is vastgelegd.',
};

export async function render(main, { params, query, navigate }) {
  const id = encodeURIComponent(params.id);
  const [v, lists, names, timeline] = await Promise.all([
    get(`/api/plaatsingsverzoeken/${id}`), codelists(), offerNames(), get(`/api/plaatsingsverzoeken/${id}/tijdlijn`)]);
  // The request carries the client's name and BSN (one round trip less than reading it).
  const client = v.justitiabele ?? await get(`/api/justitiabelen/${v.justitiabele_id}`);
  const here = `/plaatsingsverzoeken/${v.id}`;

  main.append(heading(`Plaatsingsverzoek ${v.id}`),
    para(`${clientName(client)} · ${labelOf(lists, 'zorgtype', v.zorgtype)} · status: `,
      badge(VERZOEK_STATUS[v.status] ?? v.status), v.einde_te_laat ? [' ', badge('Einde zorg te laat gemeld', 'warning')] : null),
    para(link('/werklijst', 'Terug naar de werklijst')));
  for (const [k, text] of Object.entries(DONE)) if (query.get(k)) main.append(alert('ok', text));

  main.append(dataList([
    ['Justitiabele', `${clientName(client)} (BSN ${client.bsn})`],
    ['Zorgtype', labelOf(lists, 'zorgtype', v.zorgtype)],
    ['Forensische titel', v.zorgtitel ? labelOf(lists, 'zorgtitel', v.zorgtitel) : '—'],
    ['Looptijd titel', v.titel_start ? `${date(v.titel_start)} t/m ${date(v.titel_eind)}` : '—'],
    ['Aangemaakt op', date(v.aangemaakt_op)],
    ['Status', VERZOEK_STATUS[v.status] ?? v.status],
    ['Start zorg', v.startdatum ? date(v.startdatum) : '—'],
    ['Einde zorg', v.einddatum
      ? `${date(v.einddatum)} — ${labelOf(lists, 'mutatiereden', v.mutatiereden)}${v.meldingsdatum ? `, gemeld op ${date(v.meldingsdatum)}` : ''}${v.einde_te_laat ? ' (te laat gemeld)' : ''}`
      : '—'],
  ]));

  const open = v.status === 'open';
  const dialogs = h('div');
  const cancellable = v.pogingen.filter((p) => p.status !== 'geannuleerd');
  main.append(heading2('Toeleidingspogingen'), dialogs, table('Aanmeldingen bij zorglocaties, oudste eerst', [
    { label: 'Nr.', value: (p) => String(p.id) },
    { label: 'Zorglocatie', value: (p) => locationLabel(names, p.zorglocatie_id) },
    { label: 'Aangemeld', value: (p) => `${date(p.aanmelddatum)}${p.parallel ? ' (parallel)' : ''}` },
    {
      label: 'Reactie vóór',
      value: (p) => (p.termijn ? h('span', {}, date(p.termijn), p.verlengd ? ' (verlengd)' : '', p.te_laat ? [' ', overdueBadge()] : null) : '—'),
    },
    { label: 'Status', value: (p) => POGING_STATUS[p.status] ?? p.status },
    { label: 'Reactie of annulering', value: (p) => reactionText(lists, p) || cancellationText(lists, p) },
    {
      label: 'Acties',
      value: (p) => (open && p.status !== 'geannuleerd'
        ? dialogButton('Annuleren', dialogs, () => cancelDialog(lists, {
          verzoek: v, poging: p, onDone: () => navigate(`${here}?geannuleerd=1`),
        }), { accessibleName: `Toeleidingspoging ${p.id} annuleren` })
        : ''),
    },
  ], v.pogingen, 'Nog geen aanmeldingen.'));

  // The weighing and justification recorded with each referral (decision 62), so that the choice stays traceable.
  const weighed = v.pogingen.filter((p) => p.weging || p.afwijking);
  if (weighed.length) {
    main.append(h('div', { class: 'ifzo-details-list' }, weighed.map((p) => h('details', { class: 'ifzo-details' },
      h('summary', { class: 'ifzo-details__summary' }, `Afweging bij aanmelding ${p.id}${p.voorstel ? ` (voorstel ${p.voorstel})` : ''}`),
      dataList([
        ...(lists.zacht_criterium?.entries ?? []).map((c) => [c.label, p.weging?.[c.code] ?? '—']),
        ...(p.afwijking ? [['Verantwoording buiten het voorstel',
          `${labelOf(lists, 'contra_indicatie', p.afwijking.contra_indicatie ?? p.afwijking.reden ?? '')}${p.afwijking.toelichting ? ` — ${p.afwijking.toelichting}` : ''}`]] : []),
      ])))));
  }

  if (open) {
    main.append(heading2('Aanmelden'),
      para('Maak een voorstel: het toont per locatie waarom die wel of niet past, met reistijd, capaciteit en wachtlijst. Meld vanuit het voorstel aan; een aanmelding buiten het voorstel vraagt een verantwoording.'),
      h('div', { class: 'utrecht-button-group' },
        h('a', { class: 'utrecht-button-link utrecht-button-link--html-a utrecht-button-link--primary-action', href: `${here}/voorstel` }, 'Voorstel maken of bekijken'),
        h('a', { class: 'utrecht-button-link utrecht-button-link--html-a utrecht-button-link--secondary-action', href: `${here}/aanmelden` }, 'Aanmelden bij een zorglocatie')));
    main.append(heading2('Intrekken'));
    if (cancellable.length) {
      main.append(para('Trekt de verwijzer het verzoek in, dan eindigt het plaatsingsverzoek en worden alle lopende aanmeldingen geannuleerd.'),
        dialogButton('Plaatsingsverzoek intrekken', dialogs, () => cancelDialog(lists, {
          verzoek: v, poging: cancellable[0], withdraw: true, onDone: () => navigate(`${here}?ingetrokken=1`),
        })));
    } else {
      main.append(para('Intrekken gaat via de annulering van een aanmelding ("Intrekken plaatsingsverzoek door verwijzer"); dit verzoek heeft nog geen aanmelding die geannuleerd kan worden.'));
    }
  }

  const accepted = v.pogingen.filter((p) => p.status === 'geaccepteerd');
  if (open && accepted.length) {
    main.append(heading2('Plaatsingsbesluit'), form('besluit', [
      {
        name: 'poging_id', label: 'Geaccepteerde aanmelding', type: 'select', required: true, value: String(accepted[0].id),
        options: accepted.map((p) => ({ code: String(p.id), label: `${p.id}: ${locationLabel(names, p.zorglocatie_id)}` })),
      },
      { name: 'besluitnummer', label: 'Plaatsingsbesluitnummer', required: true, autocomplete: 'off', hint: "1 tot 40 letters, cijfers, '-', '/' of '.'." },
      {
        name: 'zorgtype', label: 'Zorgtype', type: 'select', required: true, value: v.zorgtype,
        options: lists.zorgtype.entries, hint: 'Past bij de indicatiestelling.',
      },
      { name: 'verwachte_startdatum', label: 'Verwachte startdatum', type: 'date', required: true },
    ], 'Plaatsingsbesluit vastleggen', async (b) => {
      await api('POST', `/api/plaatsingsverzoeken/${id}/besluit`, {
        body: { ...b, poging_id: Number(b.poging_id) }, ifMatch: etag(v.version),
      });
      navigate(`${here}?besluit=1`);
    }));
  }

  if (v.besluit) {
    const b = v.besluit;
    main.append(heading2('Plaatsingsbesluit'), dataList([
      ['Besluitnummer', b.besluitnummer],
      ['Zorglocatie', locationLabel(names, b.zorglocatie_id)],
      ['Zorgtype', labelOf(lists, 'zorgtype', b.zorgtype)],
      ['Verwachte startdatum', date(b.verwachte_startdatum)],
      ['Besluitdatum', date(b.besluitdatum)],
    ]), para(h('a', {
      class: 'utrecht-link ifzo-brief', href: `/api/plaatsingsverzoeken/${v.id}/brief`, type: 'application/pdf',
    }, `Plaatsingsbrief ${b.besluitnummer} (PDF)`)));
  }

  main.append(heading2('Tijdlijn'), timelineTable('Alle stappen van dit plaatsingsverzoek, oudste eerst', lists, names, timeline.items));
}
