// niet-gevonden.js - the screen for an address that is no screen of openifzo.
import { h } from '../dom.js';

export const title = 'Pagina niet gevonden';

export function render(main) {
  main.append(
    h('h1', { class: 'utrecht-heading-1' }, title),
    h('p', { class: 'utrecht-paragraph' }, 'Op dit adres staat geen pagina. Misschien is de link verouderd of is het adres verkeerd getypt.'),
    h('p', { class: 'utrecht-paragraph' }, h('a', { class: 'utrecht-link', href: '/' }, 'Naar de startpagina')),
  );
}
