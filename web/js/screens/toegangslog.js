// toegangslog.js - functioneel beheer: who read or wrote the data of one client (GET
// /api/audit?client=), newest last as the hash chain runs. Reading it is logged as well.
import { get } from '../api.js';
import { ROLE_LABELS } from '../session.js';
import { alert, form, heading, messageOf, para, stamp, table } from '../ui.js';

export const title = 'Toegangslog';

// The actions and object types of the access log (decision 14 and the scope branch's 32).
const ACTIONS = {
  read: 'ingezien', read_version: 'versie ingezien', read_versions: 'versies ingezien', list: 'in een lijst gezien',
  create: 'aangemaakt', update: 'gewijzigd', finalize: 'definitief gemaakt',
};
const OBJECTS = { justitiabele: 'justitiabele', indicatie: 'indicatiestelling', access_log: 'toegangslog' };

export async function render(main, { query, navigate }) {
  const client = query.get('client') ?? '';
  main.append(heading(title),
    para('Het toegangslog legt vast wie gegevens van een justitiabele inzag of wijzigde. Vul het nummer van de justitiabele in.'),
    form('toegangslog', [
      { name: 'client', label: 'Nummer van de justitiabele', value: client, required: true, inputmode: 'numeric' },
    ], 'Toon toegangslog', async (v) => {
      navigate(`/beheer/toegangslog?client=${encodeURIComponent(v.client)}`);
    }));
  if (!client) return;
  try {
    const page = await get(`/api/audit?client=${encodeURIComponent(client)}&limit=1000`);
    main.append(table(`Toegang tot justitiabele ${client}`, [
      { label: 'Moment (UTC)', value: (r) => stamp(r.at) },
      { label: 'Gebruiker', value: (r) => r.username },
      { label: 'Rol', value: (r) => ROLE_LABELS[r.role] ?? r.role },
      { label: 'Handeling', value: (r) => ACTIONS[r.action] ?? r.action },
      { label: 'Gegeven', value: (r) => `${OBJECTS[r.object_type] ?? r.object_type}${r.object_id ? ` ${r.object_id}` : ''}` },
      { label: 'Reden', value: (r) => r.reason ?? '' },
    ], page.items, 'Geen toegang vastgelegd voor deze justitiabele.'));
  } catch (e) {
    main.append(alert('error', messageOf(e)));
  }
}
