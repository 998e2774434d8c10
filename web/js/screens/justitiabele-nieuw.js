// justitiabele-nieuw.js - registering a new client (POST /api/justitiabelen).
import { api } from '../api.js';
import { form, heading } from '../ui.js';
import { clientBody, clientFields } from './justitiabele-form.js';

export const title = 'Nieuwe justitiabele';

export async function render(main, { navigate }) {
  main.append(heading(title), form('justitiabele', await clientFields(), 'Opslaan', async (v) => {
    const created = await api('POST', '/api/justitiabelen', { body: clientBody(v) });
    navigate(`/justitiabelen/${created.id}?nieuw=1`);
  }));
}
