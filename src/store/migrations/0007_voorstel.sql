-- Matching proposals (issue 5 item 7) and the referral made from one (issue 6 item 2).
-- A proposal is written once and never changed: what the placer saw must read back exactly
-- as it was shown, also after the offer changed. So the rendered JSON text (inhoud) is kept
-- verbatim next to the columns it was computed from (indication version, criteria, mode,
-- option, catalog version, peildatum, who and when). volgnummer counts per request; UNIQUE
-- makes two proposals created at the same moment get different numbers or a retry.
-- The locations the proposal put forward (uitkomst voorgesteld) are rows of
-- voorstel_locatie, so the referral rule "not proposed needs a justification" is a lookup.
-- Contra-indications recorded on the client live in justitiabele_contra_indicatie (codes of
-- data/codelists/contra_indicatie.tsv); they are shown in a proposal, never filtered on.
-- Number 0007: given by the lead (session 2).
CREATE TABLE voorstel (
    id {{ID}},
    verzoek_id BIGINT NOT NULL REFERENCES plaatsingsverzoek (id),
    volgnummer INTEGER NOT NULL,
    indicatie_id BIGINT NOT NULL REFERENCES indicatie (id),
    indicatie_versie INTEGER NOT NULL,
    zorgtype TEXT NOT NULL,
    criteria TEXT NOT NULL,
    modus TEXT NOT NULL,
    buiten_regio INTEGER NOT NULL CHECK (buiten_regio IN (0, 1)),
    catalogus_versie BIGINT NOT NULL,
    peildatum TEXT NOT NULL,
    aantal_voorgesteld INTEGER NOT NULL,
    aangemaakt_door BIGINT,
    aangemaakt_door_naam TEXT NOT NULL,
    aangemaakt_op TEXT NOT NULL,
    inhoud TEXT NOT NULL,
    UNIQUE (verzoek_id, volgnummer)
);

CREATE TABLE voorstel_locatie (
    voorstel_id BIGINT NOT NULL REFERENCES voorstel (id),
    zorglocatie_id BIGINT NOT NULL,
    uitkomst TEXT NOT NULL,
    rang INTEGER NOT NULL,
    PRIMARY KEY (voorstel_id, zorglocatie_id)
);

-- The referral's link to its proposal, the justification when the location was not proposed,
-- and the weighing of the 10 soft criteria (one row per zacht_criterium code).
ALTER TABLE toeleidingspoging ADD COLUMN voorstel_id BIGINT REFERENCES voorstel (id);
ALTER TABLE toeleidingspoging ADD COLUMN afwijking_code TEXT NOT NULL DEFAULT '';
ALTER TABLE toeleidingspoging ADD COLUMN afwijking_tekst TEXT NOT NULL DEFAULT '';

CREATE TABLE poging_weging (
    poging_id BIGINT NOT NULL REFERENCES toeleidingspoging (id),
    code TEXT NOT NULL,
    tekst TEXT NOT NULL,
    PRIMARY KEY (poging_id, code)
);

CREATE TABLE justitiabele_contra_indicatie (
    justitiabele_id BIGINT NOT NULL REFERENCES justitiabele (id),
    code TEXT NOT NULL,
    created_at TEXT NOT NULL,
    PRIMARY KEY (justitiabele_id, code)
);
