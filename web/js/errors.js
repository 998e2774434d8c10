// errors.js - every error code the API can answer, in the Dutch the user reads.
//
// Why one table of data: the API's messages are written for API clients and software
// vendors; the screens need one consistent sentence per code, and the branches that add
// codes (access, offer, workflow, messages) extend this table in one place. A test
// (tests/web/errors.test.mjs) reads every api_error(...) and core_fail(...) code in src/
// and fails when one is missing here, so a new code cannot reach users untranslated.

/** Dutch text per API error code (the `error.code` of an error body). */
export const ERROR_MESSAGES = Object.freeze({
  // HTTP and input (src/api/server.c, input.c, static.c)
  body_required: 'Het verzoek had geen inhoud, terwijl die wel nodig is.',
  body_too_large: 'Wat u verstuurt is te groot.',
  internal: 'Er ging iets mis in openifzo. Probeer het later opnieuw; blijft het misgaan, neem dan contact op met functioneel beheer.',
  invalid: 'De gegevens zijn niet geldig.',
  invalid_body: 'Het verzoek heeft niet de verwachte vorm.',
  invalid_if_match: 'De versie van het gegeven ontbreekt of is ongeldig. Laad de pagina opnieuw.',
  invalid_path: 'Dit adres is niet toegestaan.',
  invalid_query: 'De zoekvraag is niet geldig.',
  invalid_type: 'Een veld heeft de verkeerde soort waarde.',
  malformed_json: 'Het verzoek kon niet worden gelezen.',
  method_not_allowed: 'Deze handeling is hier niet mogelijk.',
  not_found: 'Wat u zoekt bestaat niet (meer).',
  precondition_required: 'De versie van het gegeven ontbreekt. Laad de pagina opnieuw.',
  unavailable: 'openifzo is tijdelijk niet bereikbaar. Probeer het over een minuut opnieuw.',
  access_log_unavailable:
    'De toegang tot deze gegevens kan nu niet worden vastgelegd; daarom worden ze niet getoond. Probeer het later opnieuw.',
  unsupported_media_type: 'Het verzoek heeft een vorm die openifzo niet accepteert.',
  duplicate: 'Dit bestaat al.',
  version_conflict: 'Iemand anders heeft dit intussen gewijzigd. Laad de pagina opnieuw en voer uw wijziging nog eens in.',

  // Access: login, sessions, rights (access issue)
  unauthenticated: 'U bent niet (meer) ingelogd. Log opnieuw in.',
  session_required: 'U bent niet (meer) ingelogd. Log opnieuw in.',
  invalid_credentials: 'De gebruikersnaam of het wachtwoord klopt niet.',
  invalid_token: 'Het toegangstoken is ongeldig of verlopen.',
  totp_required: 'Vul de code uit uw authenticator-app in.',
  totp_invalid: 'De code uit uw authenticator-app klopt niet. Probeer de volgende code.',
  totp_enrolment_required: 'Stel eerst de tweede factor in: scan de QR-code met uw authenticator-app en vul de code in.',
  totp_already_enabled: 'Inloggen met een authenticator-app staat al aan.',
  too_many_attempts: 'Te veel pogingen. Wacht even en probeer het dan opnieuw.',
  csrf_invalid: 'Uw sessie is verlopen of de pagina is te oud. Laad de pagina opnieuw.',
  forbidden: 'U hebt geen toegang tot dit onderdeel.',
  password_change_required: 'Kies eerst een nieuw wachtwoord.',
  wrong_password: 'Het huidige wachtwoord klopt niet.',
  cannot_disable_self: 'U kunt uw eigen account niet uitzetten.',
  not_a_provider: 'Deze organisatie is geen zorgaanbieder.',
  unknown_organisation: 'Deze organisatie bestaat niet.',
  invalid_display_name: 'Vul een geldige naam in.',
  invalid_username: 'De gebruikersnaam mag alleen kleine letters, cijfers, punten en streepjes bevatten.',
  invalid_password: 'Dit wachtwoord is niet toegestaan.',
  password_is_username: 'Het wachtwoord mag niet gelijk zijn aan de gebruikersnaam.',
  password_too_short: 'Het wachtwoord is te kort.',
  role_not_allowed: 'Deze rol past niet bij deze organisatie.',
  unknown_role: 'Deze rol bestaat niet.',

  // Fields (core rules: src/core/*)
  required: 'Dit veld is verplicht.',
  too_long: 'Deze tekst is te lang.',
  invalid_name: 'Vul een geldige naam in.',
  invalid_text: 'Deze tekst bevat tekens die niet zijn toegestaan.',
  invalid_date: 'Vul een geldige datum in (dd-mm-jjjj).',
  in_future: 'Deze datum mag niet in de toekomst liggen.',
  end_before_start: 'De einddatum ligt vóór de begindatum.',
  invalid_bsn: 'Dit is geen geldig burgerservicenummer.',
  invalid_agb: 'Dit is geen geldige AGB-code.',
  invalid_postcode: 'Vul een geldige postcode in, bijvoorbeeld 1234 AB.',
  unknown_postcode: 'Deze postcode is niet bekend.',
  unknown_code: 'Kies een waarde uit de lijst.',
  unknown_criterion: 'Dit criterium bestaat niet.',
  out_of_range: 'Deze waarde valt buiten de toegestane grenzen.',
  max_below_min: 'Het maximum is lager dan het minimum.',
  single_value: 'Hier is maar één waarde toegestaan.',
  not_allowed: 'Deze waarde is hier niet toegestaan.',
  not_applicable: 'Dit veld hoort niet bij deze zorgsoort.',
  incomplete: 'Niet alle verplichte gegevens zijn ingevuld.',
  invalid_state: 'Dit kan niet in de huidige status.',
  invalid_status: 'Kies concept of definitief.',
  unknown_reference: 'Het genoemde object bestaat niet.',
  not_own_organisation: 'Een indicatie wordt gesteld namens uw eigen organisatie; kies geen andere indicerende organisatie.',
  status_onbekend: 'Kies een geldige status van de melding (eerste melding, correctie of intrekking).',
  mutatiereden_ontbreekt: 'Kies de reden van het einde van de zorg.',
  mutatiereden_onbekend: 'Deze reden van het einde van de zorg bestaat niet.',
  einddatum_in_toekomst: 'De einddatum mag niet in de toekomst liggen.',

  // Matching (issue 5, src/core/match*.c): missing on main after the match merge, added here
  duplicate_id: 'Het zorgaanbod bevat een dubbele zorgaanbieder, locatie of aanbod. Neem contact op met functioneel beheer.',
  not_considered: 'Deze locatie heeft geen aanbod voor dit zorgtype.',
  out_of_memory: 'openifzo heeft onvoldoende geheugen om dit uit te voeren. Probeer het later opnieuw.',

  // Placement workflow (issue 6: src/core/plaatsing.h, src/api/plaatsing.c)
  indicatie_niet_definitief: 'Een plaatsingsverzoek kan alleen voor een definitieve indicatiestelling worden gemaakt.',
  plaatser_ontbreekt: 'Een plaatsingsverzoek hoort bij een plaatsende organisatie.',
  verzoek_niet_open: 'Dit plaatsingsverzoek is niet meer open.',
  zorglocatie_ontbreekt: 'Kies een zorglocatie.',
  locatie_al_aangemeld: 'Bij deze zorglocatie loopt al een toeleidingspoging.',
  poging_loopt_al: 'Er loopt al een toeleidingspoging. Annuleer die eerst, of meld uitdrukkelijk parallel aan.',
  reactie_al_gegeven: 'Op deze aanmelding is al gereageerd of zij is geannuleerd.',
  reactiemogelijkheid_onbekend: 'Kies precies één van de reactiemogelijkheden.',
  toelichting_ongeldig: 'De toelichting is te lang of bevat ongeldige tekens.',
  poging_niet_aangemeld: 'De termijn kan alleen worden verlengd zolang een reactie uitstaat.',
  al_verlengd: 'De reactietermijn is al een keer verlengd.',
  verlenging_niet_mogelijk: 'Voor deze soort zorg kan de reactietermijn niet worden verlengd.',
  poging_al_geannuleerd: 'Deze toeleidingspoging is al geannuleerd.',
  op_verzoek_onbekend: "Kies bij 'Annuleren op verzoek' Zorgaanbieder of Plaatser.",
  annuleringsreden_onbekend: "Kies een reden die bij 'Annuleren op verzoek' hoort.",
  motivatie_ongeldig: 'De motivatie is te lang of bevat ongeldige tekens.',
  motivatie_ontbreekt: 'Bij deze reden is een motivatie verplicht.',
  poging_niet_geaccepteerd: 'Een plaatsingsbesluit volgt alleen op een geaccepteerde aanmelding.',
  andere_poging_open: 'Er loopt nog een andere toeleidingspoging. Annuleer die eerst.',
  besluitnummer_ongeldig: "Het plaatsingsbesluitnummer bestaat uit 1 tot 40 letters, cijfers, '-', '/' of '.'.",
  zorgtype_ongeldig: 'De zorgsoort van het besluit moet passen bij de indicatiestelling.',
  verwachte_startdatum_ongeldig: 'Vul de verwachte startdatum in.',
  verzoek_niet_besloten: 'De start van de zorg volgt op een plaatsingsbesluit en wordt één keer gemeld.',
  startdatum_ongeldig: 'Vul de startdatum in.',
  startdatum_in_toekomst: 'De startdatum mag niet in de toekomst liggen.',
  startdatum_buiten_titel: 'De startdatum valt buiten de looptijd van de forensische titel.',
  verzoek_niet_geplaatst: "Einde zorg kan alleen worden gemeld als de status 'geplaatst' is.",
  geen_einde_zorg: 'Er is geen gemelde einddatum om in te trekken.',
  geen_eerdere_melding: 'Er is geen eerdere melding einde zorg om te corrigeren.',
  melding_ingetrokken: 'De melding einde zorg is ingetrokken en kan niet meer worden gecorrigeerd; meld het einde opnieuw.',
  einddatum_voor_start: 'De einddatum ligt voor de startdatum van de zorg.',
  einddatum_buiten_titel: 'De einddatum valt buiten de looptijd van de forensische titel.',
  mutatiereden_anders: 'Een correctie heeft dezelfde mutatiereden als de eerste melding.',
  niet_laatste_einddatum: 'Alleen de laatst gemelde einddatum kan worden gecorrigeerd.',
  // matching proposals and the referral from a proposal (issue 5, issue 6 item 2)
  modus_onbekend: 'Kies de modus regulier, overbrugging of second best.',
  postcode_onbekend: 'De postcode van de justitiabele is onbekend: er kan niet worden gematcht.',
  indicatie_niet_matchbaar: 'Met deze indicatiestelling kan niet worden gematcht.',
  voorstel_vereist: 'Een aanmelding gaat uit van een opgeslagen voorstel: kies het voorstel.',
  voorstel_onbekend: 'Dit plaatsingsverzoek heeft geen voorstel met dit volgnummer.',
  weging_onvolledig: 'Leg bij elk van de 10 zachte criteria de afweging vast.',
  weging_ongeldig: 'De afweging is te lang of bevat ongeldige tekens (maximaal 2000 tekens).',
  weging_onbekend: 'De weging kent alleen de zachte criteria 01 tot en met 10.',
  afwijking_vereist: 'Deze locatie staat niet in het voorstel: geef een contra-indicatie of reden met een toelichting.',
  contra_indicatie_onbekend: 'Kies een contra-indicatie of reden uit de lijst.',
  contra_indicatie_dubbel: 'Elke contra-indicatie mag maar één keer voorkomen.',
  afwijking_toelichting_ontbreekt: 'Licht de afwijking van het voorstel toe.',
  afwijking_toelichting_ongeldig: 'De toelichting is te lang of bevat ongeldige tekens (maximaal 2000 tekens).',
  // the placement letter
  geen_besluit: 'Er is nog geen plaatsingsbesluit, dus ook geen plaatsingsbrief.',

  // Match performance (src/core/match_index.c: match_index_explain)
  stale_index: 'Het zorgaanbod is intussen gewijzigd. Vraag het voorstel opnieuw op.',
  // the capacity monitor (src/api/monitor.c)
  monitor_periode_onbekend: 'Kies als periode week, maand, kwartaal of jaar.',
  monitor_indeling_onbekend: 'Deze indeling is voor dit cijfer niet mogelijk.',
  monitor_bereik_ongeldig: 'De begindatum ligt na de einddatum.',
  monitor_bereik_te_groot: 'Het gekozen bereik heeft te veel perioden. Kies een kortere periode of een grovere indeling (bijvoorbeeld maand in plaats van week).',
  // FZ message transport (issue 9)
  token_required: 'Berichten worden uitgewisseld met een API-token van de zorgaanbieder.',
  message_in_progress: 'Dit bericht wordt op dit moment al verwerkt. Stuur het later opnieuw.',
  message_not_processed: 'Het bericht kon nu niet worden verwerkt; er is niets vastgelegd. Stuur het opnieuw.',
});

/** The text when a code is unknown and the server sent no message. */
export const GENERIC_MESSAGE = 'Er ging iets mis. Probeer het opnieuw.';

/** The text when the server could not be reached at all. */
export const NETWORK_MESSAGE = 'openifzo is niet bereikbaar. Controleer uw verbinding en probeer het opnieuw.';

/**
 * The Dutch text for an API error: the table's text for a known code, else the server's
 * own (Dutch) message, else a generic sentence.
 * @param {{code?: string, message?: string}|null|undefined} error the body's `error` member
 */
export function messageFor(error) {
  const code = error && typeof error.code === 'string' ? error.code : '';
  if (Object.hasOwn(ERROR_MESSAGES, code)) return ERROR_MESSAGES[code];
  if (error && typeof error.message === 'string' && error.message.trim() !== '') return error.message;
  return GENERIC_MESSAGE;
}
