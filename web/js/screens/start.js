// start.js - the start screen: what openifzo is, for whoever opens it.
import { h } from '../dom.js';

export const title = 'Start';

export function render(main) {
  main.append(
    h('h1', { class: 'utrecht-heading-1' }, 'Welkom bij openifzo'),
    h('p', { class: 'utrecht-paragraph utrecht-paragraph--lead' },
      'openifzo ondersteunt het plaatsen van justitiabelen in de forensische zorg: van indicatiestelling via plaatsingsverzoek en reactie van de zorgaanbieder tot start en einde van de zorg.'),
    h('p', { class: 'utrecht-paragraph' },
      'Indiceerders, plaatsers, zorgaanbieders en functioneel beheerders werken hier ieder met de gegevens die bij hun rol horen. Elke inzage in gegevens van cliënten wordt vastgelegd.'),
    h('p', { class: 'utrecht-paragraph' },
      'Wilt u weten welke versie hier draait en of alles werkt? Bekijk ',
      h('a', { class: 'utrecht-link', href: '/over' }, 'de gegevens van deze omgeving'),
      '.'),
  );
}
