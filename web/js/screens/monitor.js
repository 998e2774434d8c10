// monitor.js - the capacity monitor for beleid and functioneel beheer (issue 10): a filter
// bar, per figure a bar chart of the totals per period with the same figures as a table (the
// chart's text alternative), a CSV download, and the occupancy per location.
//
// Why plain SVG: a bar per period is all the charts need; no library, nothing inline (the
// CSP forbids inline style and script; SVG presentation attributes are neither). Counts of
// fewer than 5 clients arrive as "<5" from the API and are drawn as an empty outlined bar.
import { get } from '../api.js';
import { codelists } from '../codelists.js';
import { h } from '../dom.js';
import { alert, form, heading, heading2, link, messageOf, para, table } from '../ui.js';

export const title = 'Capaciteitsmonitor';

const SVG = 'http://www.w3.org/2000/svg';
function s(tag, attrs = {}, ...children) {
  const el = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  for (const c of children) el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  return el;
}

const FIGURES = [
  { route: 'instroom', title: 'Instroom (start zorg)', per: 'zorgtype' },
  { route: 'doorstroom', title: 'Doorstroom naar een volgende plaatsing', per: 'code' },
  { route: 'uitstroom', title: 'Uitstroom per mutatiereden', per: 'code' },
  { route: 'reacties', title: 'Reacties per reactiemogelijkheid', per: 'code' },
  { route: 'reactietermijnen', title: 'Reacties binnen en buiten de termijn', per: 'code' },
  { route: 'annuleringen', title: 'Annuleringen per reden', per: 'code' },
  { route: 'plaatsingen-regio', title: 'Plaatsingen binnen en buiten de regio', per: 'code' },
  { route: 'plaatsingen-soort', title: 'Plaatsingen regulier, overbrugging of second best', per: 'code' },
  { route: 'late-meldingen', title: 'Meldingen einde zorg op tijd en te laat', per: 'code' },
];

const FILTERS = ['periode', 'van', 'tot', 'zorgtype', 'beveiligingsniveau', 'arrondissement'];

const countOf = (v) => (typeof v === 'number' ? v : 0);
const shown = (v) => (v === null || v === undefined ? '—' : String(v));

/** A bar chart of one value per period; described by the table with id tableId. */
function barChart(name, labels, values, tableId) {
  const w = 640, hgt = 200, pad = 28;
  const max = Math.max(5, ...values.map(countOf));
  const bw = (w - pad) / Math.max(1, labels.length);
  const titleId = `grafiek-${name}`;
  const svg = s('svg', {
    viewBox: `0 0 ${w} ${hgt + 40}`, role: 'img', class: 'ifzo-chart',
    'aria-labelledby': titleId, 'aria-describedby': tableId, 'data-bars': labels.length,
  }, s('title', { id: titleId }, `Staafdiagram: ${name} per periode`));
  svg.append(s('line', { x1: pad, y1: hgt, x2: w, y2: hgt, stroke: '#333' }));
  svg.append(s('text', { x: 0, y: 12, 'font-size': 11, fill: '#333' }, String(max)));
  labels.forEach((label, i) => {
    const v = values[i];
    const x = pad + i * bw + 2;
    const bh = typeof v === 'number' ? (v / max) * (hgt - 10) : (4 / max) * (hgt - 10);
    const bar = typeof v === 'number'
      ? s('rect', { x, y: hgt - bh, width: Math.max(1, bw - 4), height: bh, fill: '#154273', class: 'ifzo-bar' })
      : s('rect', {
        x, y: hgt - bh, width: Math.max(1, bw - 4), height: bh, fill: 'none', stroke: '#154273',
        'stroke-dasharray': '3 2', class: 'ifzo-bar',
      });
    bar.append(s('title', {}, `${label}: ${shown(v)}`));
    svg.append(bar);
    if (labels.length <= 16 || i % Math.ceil(labels.length / 16) === 0) {
      svg.append(s('text', { x, y: hgt + 14, 'font-size': 10, fill: '#333' }, label));
    }
  });
  return h('figure', { class: 'ifzo-figure' }, svg);
}

function query(params) {
  const q = new URLSearchParams();
  for (const k of FILTERS) if (params[k]) q.set(k, params[k]);
  return q;
}

async function figure(spec, params) {
  const q = query(params);
  q.set('per', spec.per);
  const data = await get(`/api/monitor/${spec.route}?${q}`);
  const cats = data.categorieen ?? [];
  const tableId = `tabel-${spec.route}`;
  const labels = data.rijen.map((r) => r.periode);
  const csv = new URLSearchParams(q);
  csv.set('formaat', 'csv');
  const t = table(`${spec.title} per periode`, [
    { label: 'Periode', value: (r) => r.periode },
    ...cats.map((c) => ({ label: c.omschrijving ?? c.code, value: (r) => shown(r.waarden[c.code]) })),
    { label: 'Totaal', value: (r) => shown(r.totaal) },
  ], [...data.rijen, { ...data.totaal, periode: 'Totaal' }]);
  t.id = tableId;
  return h('section', { class: 'ifzo-monitor-figure', 'aria-labelledby': `kop-${spec.route}` },
    h('h2', { class: 'utrecht-heading-2', id: `kop-${spec.route}` }, spec.title),
    barChart(spec.title, labels, data.rijen.map((r) => r.totaal), tableId),
    t,
    para(link(`/api/monitor/${spec.route}?${csv}`, `Download ${spec.title.toLowerCase()} als CSV`)));
}

async function wachttijden(params) {
  const data = await get(`/api/monitor/wachttijden?${query(params)}`);
  const rows = [];
  for (const r of [...data.rijen, { ...data.totaal, periode: 'Totaal' }]) {
    for (const [fase, f] of Object.entries(r.fasen)) rows.push({ periode: r.periode, fase, ...f });
  }
  return h('section', { class: 'ifzo-monitor-figure' },
    heading2('Wachttijden vanaf het plaatsingsverzoek'),
    table('Wachttijden per periode en fase (dagen)', [
      { label: 'Periode', value: (r) => r.periode },
      { label: 'Tot', value: (r) => ({ aanmelding: 'eerste aanmelding', acceptatie: 'acceptatie', start: 'start zorg' }[r.fase] ?? r.fase) },
      { label: 'Aantal', value: (r) => shown(r.aantal) },
      { label: 'Mediaan', value: (r) => shown(r.mediaan_dagen) },
      { label: '80e percentiel', value: (r) => shown(r.p80_dagen) },
      { label: 'Norm (werkdagen)', value: (r) => shown(r.norm_werkdagen) },
      { label: 'Binnen de norm (%)', value: (r) => shown(r.binnen_norm_procent) },
    ], rows));
}

async function bezetting(params, locationNames) {
  const q = query(params);
  q.set('per', 'zorglocatie');
  const data = await get(`/api/monitor/bezetting?${q}`);
  const locations = await locationNames;
  const last = data.rijen[data.rijen.length - 1];
  const cats = data.categorieen ?? [];
  const name = (code) => locations.get(code) ?? `Locatie ${code}`;
  const csv = new URLSearchParams(q);
  csv.set('formaat', 'csv');
  return h('section', { class: 'ifzo-monitor-figure', 'aria-labelledby': 'kop-bezetting' },
    h('h2', { class: 'utrecht-heading-2', id: 'kop-bezetting' }, 'Bezetting per locatie'),
    barChart('Bezette plaatsen', data.rijen.map((r) => r.periode), data.rijen.map((r) => r.totaal), 'tabel-bezetting'),
    Object.assign(table(`Bezetting op ${last ? last.periode : 'de peildatum'}`, [
      { label: 'Locatie', value: (c) => name(c.code) },
      { label: 'Bezet', value: (c) => shown(last?.waarden[c.code]) },
      { label: 'Capaciteit', value: (c) => shown(data.capaciteit[c.code]) },
      { label: 'Bezettingsgraad (%)', value: (c) => shown(last?.bezettingsgraad[c.code]) },
    ], cats), { id: 'tabel-bezetting' }),
    para(link(`/api/monitor/bezetting?${csv}`, 'Download de bezetting als CSV')));
}

export async function render(main, { query: address, navigate }) {
  const params = Object.fromEntries(FILTERS.map((k) => [k, address.get(k) ?? '']));
  if (!params.periode) params.periode = 'maand';
  // Everything the screen reads is fetched at once, not one answer after the other: the
  // figures do not wait for the filter's code lists or the location names.
  const locs = get('/api/zorglocaties').catch(() => null); // names are a convenience; ids remain
  const locationNames = locs.then((l) => new Map((l?.items ?? []).map((x) => [String(x.id), x.naam])));
  const figures = Promise.all([
    bezetting(params, locationNames), wachttijden(params),
    ...FIGURES.map((spec) => figure(spec, params))]);
  figures.catch(() => {}); // awaited below, where a failure becomes the screen's alert
  const lists = await codelists().catch(() => ({}));
  const opts = (name) => (lists[name]?.entries ?? lists[name] ?? []).map((e) => ({ code: e.code, label: e.label }));
  main.append(heading(title),
    para('Geaggregeerde cijfers uit de vastgelegde stappen van het plaatsingsproces. Een aantal van 1 tot 4 justitiabelen staat er als "<5"; soms is een tweede cel verborgen, zodat het niet uit een totaal volgt.'),
    form('monitor-filter', [
      { name: 'periode', label: 'Periode', type: 'select', required: true, value: params.periode, options: [
        { code: 'week', label: 'Week' }, { code: 'maand', label: 'Maand' },
        { code: 'kwartaal', label: 'Kwartaal' }, { code: 'jaar', label: 'Jaar' }] },
      { name: 'van', label: 'Van', type: 'date', value: params.van },
      { name: 'tot', label: 'Tot en met', type: 'date', value: params.tot },
      { name: 'zorgtype', label: 'Zorgtype', type: 'select', value: params.zorgtype, options: opts('zorgtype'), empty: 'Alle' },
      { name: 'beveiligingsniveau', label: 'Beveiligingsniveau', type: 'select', value: params.beveiligingsniveau, options: opts('beveiligingsniveau'), empty: 'Alle' },
      { name: 'arrondissement', label: 'Arrondissement', type: 'select', value: params.arrondissement, options: opts('arrondissement'), empty: 'Alle' },
    ], 'Toon cijfers', async (v) => {
      const q = new URLSearchParams();
      for (const k of FILTERS) if (v[k]) q.set(k, v[k]);
      navigate(`/monitor?${q}`);
    }));
  try {
    main.append(...await figures);
  } catch (e) {
    main.append(alert('error', messageOf(e)));
  }
}
