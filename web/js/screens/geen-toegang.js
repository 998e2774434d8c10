// geen-toegang.js - a screen of another role: say so, instead of an empty or broken page.
import { h } from '../dom.js';

export const title = 'Geen toegang';

export function render(main) {
  main.append(
    h('h1', { class: 'utrecht-heading-1' }, title),
    h('p', { class: 'utrecht-paragraph' }, 'Dit onderdeel hoort niet bij uw rol. Kies een onderdeel uit het menu.'),
  );
}
