// aanmelding.js - one referral for the zorgaanbieder it is addressed to: the reaction with
// exactly one of the 22 reactiemogelijkheden ("Aanmelding accepteren" accepts, every other
// option declines with that reason) plus an optional text; the request for a longer reply
// term (clinical care only, once); and after the placement decision for this referral the
// start of care, the end of care with its mutatiereden, its correction and its withdrawal
// (FZ825 rules: docs/workflow.md); and the course of this provider's referrals for the request
// (the timeline, restricted by the server to its own attempts).
//
// The If-Match of every step is the version of the placement request (the ETag of the
// request and of each of its attempts), read with the request.
import { api, get } from '../api.js';
import { codelists, labelOf } from '../codelists.js';
import { h } from '../dom.js';
import {
  alert, dataList, date, etag, form, heading, heading2, link, para,
} from '../ui.js';
import {
  badge, locationLabel, offerNames, overdueBadge, POGING_STATUS, reactionText, replyTerm,
  timelineTable, VERZOEK_STATUS, cancellationText,
} from './plaatsing-data.js';

export const title = 'Aanmelding';

const DONE = {
  gereageerd: 'Uw reactie is verstuurd.',
  verlengd: 'De reactietermijn is verlengd.',
  gestart: 'De start van de zorg is gemeld.',
  beeindigd: 'Het einde van de zorg is gemeld.',
  gecorrigeerd: 'De einddatum is gecorrigeerd.',
  ingetrokken: 'De melding van het einde van de zorg is ingetrokken.',
};

export async function render(main, { params, query, navigate }) {
  const id = encodeURIComponent(params.id);
  const [p, lists, names] = await Promise.all([get(`/api/toeleidingspogingen/${id}`), codelists(), offerNames()]);
  const [v, timeline] = await Promise.all([
    get(`/api/plaatsingsverzoeken/${p.verzoek_id}`), get(`/api/plaatsingsverzoeken/${p.verzoek_id}/tijdlijn`)]);
  const here = `/aanmeldingen/${p.id}`;
  const step = (path, body, done) => async () => {
    await api('POST', path, { body, ifMatch: etag(v.version) });
    navigate(`${here}?${done}=1`);
  };

  main.append(heading(`Aanmelding ${p.id}`),
    para(`${locationLabel(names, p.zorglocatie_id)} · ${labelOf(lists, 'zorgtype', v.zorgtype)} · `, badge(POGING_STATUS[p.status] ?? p.status)),
    para(link('/aanmeldingen', 'Terug naar alle aanmeldingen')));
  for (const [k, text] of Object.entries(DONE)) if (query.get(k)) main.append(alert('ok', text));
  main.append(dataList([
    ['Plaatsingsverzoek', String(v.id)],
    ['Zorgtype', labelOf(lists, 'zorgtype', v.zorgtype)],
    ['Forensische titel', v.zorgtitel ? labelOf(lists, 'zorgtitel', v.zorgtitel) : '—'],
    ['Looptijd titel', v.titel_start ? `${date(v.titel_start)} t/m ${date(v.titel_eind)}` : '—'],
    ['Zorglocatie', locationLabel(names, p.zorglocatie_id)],
    ['Aangemeld op', date(p.aanmelddatum)],
    ['Reageren vóór', p.termijn ? h('span', {}, date(p.termijn), p.verlengd ? ' (verlengd)' : '', p.te_laat ? [' ', overdueBadge()] : null) : '—'],
    ['Status', POGING_STATUS[p.status] ?? p.status],
    ['Reactie', reactionText(lists, p) || '—'],
    ['Annulering', cancellationText(lists, p) || '—'],
  ]));
  main.append(heading2('Verloop'), timelineTable('Uw aanmeldingen voor dit plaatsingsverzoek, oudste stap eerst', lists, names, timeline.items));

  if (p.status === 'aangemeld') {
    main.append(heading2('Reageren'), form('reactie', [
      {
        name: 'reactie', label: 'Reactie', type: 'select', required: true, empty: 'Kies…',
        options: lists.reactiemogelijkheid.entries.map((e) => ({ code: e.code, label: `${e.code}. ${e.label}` })),
        hint: '"Aanmelding accepteren" accepteert; elke andere keuze wijst de aanmelding af met die reden.',
      },
      { name: 'toelichting', label: 'Toelichting', type: 'textarea' },
    ], 'Reactie versturen', async (f) => {
      await step(`/api/toeleidingspogingen/${id}/reactie`, { reactie: f.reactie, ...(f.toelichting ? { toelichting: f.toelichting } : {}) }, 'gereageerd')();
    }));
    const term = replyTerm(lists, v.zorgtype);
    if (!p.verlengd && term && term.max > term.days) {
      const ext = form('verlenging', [para(`Hebt u meer tijd nodig? De termijn kan één keer worden verlengd tot ${term.max} ${term.kind ?? 'dagen'}.`)],
        'Reactietermijn verlengen', step(`/api/toeleidingspogingen/${id}/verlenging`, undefined, 'verlengd'));
      ext.querySelector('button[type="submit"]').className = 'utrecht-button utrecht-button--secondary-action';
      main.append(heading2('Reactietermijn verlengen'), ext);
    }
  }

  const b = v.besluit;
  if (!b || b.poging_id !== p.id) return;
  main.append(heading2('Plaatsingsbesluit'), dataList([
    ['Besluitnummer', b.besluitnummer],
    ['Verwachte startdatum', date(b.verwachte_startdatum)],
    ['Status van de plaatsing', VERZOEK_STATUS[v.status] ?? v.status],
    ['Start zorg', v.startdatum ? date(v.startdatum) : '—'],
    ['Einde zorg', v.einddatum ? `${date(v.einddatum)} — ${labelOf(lists, 'mutatiereden', v.mutatiereden)}${v.einde_te_laat ? ' (te laat gemeld)' : ''}` : '—'],
  ]), para(h('a', { class: 'utrecht-link ifzo-brief', href: `/api/plaatsingsverzoeken/${v.id}/brief`, type: 'application/pdf' }, `Plaatsingsbrief ${b.besluitnummer} (PDF)`)));

  const ep = `/api/plaatsingsverzoeken/${v.id}/einde-zorg`;
  if (v.status === 'besloten') {
    main.append(heading2('Start zorg melden'), form('start', [
      { name: 'startdatum', label: 'Startdatum', type: 'date', required: true, hint: 'Niet in de toekomst en binnen de looptijd van de titel.' },
    ], 'Start zorg melden', async (f) => step(`/api/plaatsingsverzoeken/${v.id}/start-zorg`, { startdatum: f.startdatum }, 'gestart')()));
  } else if (v.status === 'geplaatst') {
    main.append(heading2('Einde zorg melden'), form('einde', [
      { name: 'einddatum', label: 'Einddatum', type: 'date', required: true, hint: 'Niet in de toekomst, niet vóór de start en binnen de looptijd van de titel. Later dan 10 dagen na de einddatum gemeld telt als te laat.' },
      { name: 'mutatiereden', label: 'Reden einde zorg (mutatiereden)', type: 'select', required: true, empty: 'Kies…', options: lists.mutatiereden.entries },
    ], 'Einde zorg melden', async (f) => step(ep, { status: 1, einddatum: f.einddatum, mutatiereden: f.mutatiereden }, 'beeindigd')()));
  } else if (v.status === 'zorg_beeindigd') {
    main.append(heading2('Einddatum corrigeren'), para('Alleen de laatst gemelde einddatum kan worden gecorrigeerd, met dezelfde mutatiereden.'),
      form('correctie', [
        { name: 'einddatum', label: 'Nieuwe einddatum', type: 'date', required: true, value: v.einddatum },
        { name: 'mutatiereden', label: 'Reden einde zorg (mutatiereden)', type: 'select', required: true, value: v.mutatiereden, options: lists.mutatiereden.entries },
      ], 'Correctie melden', async (f) => step(ep, {
        status: 2, einddatum: f.einddatum, mutatiereden: f.mutatiereden, corrigeert: v.einddatum,
      }, 'gecorrigeerd')()),
      heading2('Melding einde zorg intrekken'),
      form('intrekking', [para('Was het einde van de zorg ten onrechte gemeld? Na intrekking is de status weer geplaatst.')],
        'Melding einde zorg intrekken', step(ep, { status: 3 }, 'ingetrokken')));
  }
}
