// indicatie-nieuw.js - a new indication for a client, saved as concept (POST /api/indicaties)
// by the indiceerder's organisation; making it definitive happens on the indication's screen.
import { api, get } from '../api.js';
import { codelists } from '../codelists.js';
import { form, heading, heading2, para } from '../ui.js';
import { indicationBody, indicationFields } from './indicatie-form.js';

export const title = 'Nieuwe indicatiestelling';

export async function render(main, { params, session, navigate }) {
  const [client, lists] = await Promise.all([get(`/api/justitiabelen/${encodeURIComponent(params.id)}`), codelists()]);
  main.append(heading(title),
    para(`Voor ${client.achternaam}${client.voornamen ? `, ${client.voornamen}` : ''}. De indicatiestelling wordt als concept opgeslagen.`),
    heading2('Gegevens van de indicatiestelling'),
    form('indicatie', indicationFields('indicatie', lists, { aanmelddatum: new Date().toISOString().slice(0, 10) }),
      'Concept opslaan', async (v) => {
        const body = indicationBody(v, lists, {
          justitiabele_id: client.id, indicerende_organisatie_id: session.user.organisation_id, status: 'concept',
        });
        const created = await api('POST', '/api/indicaties', { body });
        navigate(`/indicaties/${created.id}?opgeslagen=1`);
      }));
}
