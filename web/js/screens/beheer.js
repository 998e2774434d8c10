// beheer.js - what the functioneel_beheer screens share: the organisations (for selects
// and names), a status region for the outcome of row actions, and a row action button.
import { api, get } from '../api.js';
import { h } from '../dom.js';
import { alert, messageOf } from '../ui.js';

/** Every organisation (the API pages with after/limit). */
export async function allOrganisations() {
  const out = [];
  let after = 0;
  for (;;) {
    const page = await get(`/api/organisations?after=${after}&limit=1000`);
    out.push(...page.items);
    if (!page.next_after || page.items.length === 0) return out;
    after = page.next_after;
  }
}

/** A region at the top of a screen where the outcome of an action is announced. */
export function outcome() {
  return h('div', { class: 'ifzo-outcome' });
}

export function say(region, kind, ...content) {
  const a = alert(kind, ...content);
  a.setAttribute('tabindex', '-1');
  region.replaceChildren(a);
  a.focus();
}

/** A button in a table row that runs action(); failures land in region, in Dutch. */
export function rowButton(label, region, action, { kind = 'secondary', accessibleName = null } = {}) {
  const b = h('button', { class: `utrecht-button utrecht-button--${kind}-action`, type: 'button', 'aria-label': accessibleName }, label);
  b.addEventListener('click', async () => {
    b.disabled = true;
    try {
      await action();
    } catch (e) {
      say(region, 'error', messageOf(e));
    } finally {
      b.disabled = false;
    }
  });
  return b;
}

export { api };
