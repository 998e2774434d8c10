-- The placement workflow (issue 6, docs/workflow.md): placement requests, referral attempts,
-- the provider's reactions, cancellations, placement decisions, and one append-only event
-- table from which every later view (timeline, capacity monitor) can be computed.
-- plaatsingsverzoek and toeleidingspoging are mutable and versioned (If-Match); every change
-- to a request or one of its attempts raises the request's version in the same transaction,
-- so one version guards the whole request. Reactions, cancellations and decisions are
-- written once and never changed (UNIQUE keeps them single). A stored matching proposal
-- will be linked later by a column `voorstel_id` on plaatsingsverzoek (issue 5).
-- Number 0006: given by the lead (0005 belongs to another branch).
CREATE TABLE plaatsingsverzoek (
    id {{ID}},
    indicatie_id BIGINT NOT NULL REFERENCES indicatie (id),
    justitiabele_id BIGINT NOT NULL REFERENCES justitiabele (id),
    plaatser_organisatie_id BIGINT NOT NULL REFERENCES organisation (id),
    zorgtype TEXT NOT NULL,
    zorgtitel TEXT NOT NULL,
    titel_start TEXT,
    titel_eind TEXT,
    status TEXT NOT NULL,
    aangemaakt_op TEXT NOT NULL,
    startdatum TEXT,
    einddatum TEXT,
    mutatiereden TEXT NOT NULL DEFAULT '',
    meldingsdatum TEXT,
    einde_te_laat INTEGER NOT NULL DEFAULT 0 CHECK (einde_te_laat IN (0, 1)),
    version INTEGER NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX plaatsingsverzoek_indicatie ON plaatsingsverzoek (indicatie_id);
CREATE INDEX plaatsingsverzoek_status ON plaatsingsverzoek (status);

CREATE TABLE toeleidingspoging (
    id {{ID}},
    verzoek_id BIGINT NOT NULL REFERENCES plaatsingsverzoek (id),
    zorglocatie_id BIGINT NOT NULL REFERENCES zorglocatie (id),
    status TEXT NOT NULL,
    parallel INTEGER NOT NULL CHECK (parallel IN (0, 1)),
    aanmelddatum TEXT NOT NULL,
    verlengd INTEGER NOT NULL DEFAULT 0 CHECK (verlengd IN (0, 1)),
    version INTEGER NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX toeleidingspoging_verzoek ON toeleidingspoging (verzoek_id);
CREATE INDEX toeleidingspoging_status ON toeleidingspoging (status);

CREATE TABLE reactie (
    id {{ID}},
    poging_id BIGINT NOT NULL UNIQUE REFERENCES toeleidingspoging (id),
    code TEXT NOT NULL,
    accepteert INTEGER NOT NULL CHECK (accepteert IN (0, 1)),
    toelichting TEXT NOT NULL,
    datum TEXT NOT NULL,
    created_at TEXT NOT NULL
);

CREATE TABLE annulering (
    id {{ID}},
    poging_id BIGINT NOT NULL UNIQUE REFERENCES toeleidingspoging (id),
    op_verzoek TEXT NOT NULL,
    reden TEXT NOT NULL,
    motivatie TEXT NOT NULL,
    datum TEXT NOT NULL,
    created_at TEXT NOT NULL
);

CREATE TABLE plaatsingsbesluit (
    id {{ID}},
    verzoek_id BIGINT NOT NULL UNIQUE REFERENCES plaatsingsverzoek (id),
    poging_id BIGINT NOT NULL REFERENCES toeleidingspoging (id),
    besluitnummer TEXT NOT NULL UNIQUE,
    zorglocatie_id BIGINT NOT NULL REFERENCES zorglocatie (id),
    zorgtype TEXT NOT NULL,
    verwachte_startdatum TEXT NOT NULL,
    besluitdatum TEXT NOT NULL,
    created_at TEXT NOT NULL
);

-- Every step, append-only: what (stap, statuses, date, code), on which request, attempt and
-- location, by whom (user, role, organisation), when (at) and why (tekst: toelichting or
-- motivatie). Start and end of care are rows here (stap start_zorg, einde_zorg,
-- correctie_einde_zorg, intrekking_einde_zorg with datum and mutatiereden).
CREATE TABLE plaatsing_gebeurtenis (
    id {{ID}},
    verzoek_id BIGINT NOT NULL REFERENCES plaatsingsverzoek (id),
    poging_id BIGINT REFERENCES toeleidingspoging (id),
    zorglocatie_id BIGINT REFERENCES zorglocatie (id),
    stap TEXT NOT NULL,
    status_van TEXT NOT NULL,
    status_naar TEXT NOT NULL,
    datum TEXT,
    code TEXT NOT NULL,
    tekst TEXT NOT NULL,
    te_laat INTEGER NOT NULL CHECK (te_laat IN (0, 1)),
    user_id BIGINT,
    username TEXT NOT NULL,
    role TEXT NOT NULL,
    organisation_id BIGINT,
    at TEXT NOT NULL
);
CREATE INDEX plaatsing_gebeurtenis_verzoek ON plaatsing_gebeurtenis (verzoek_id);
CREATE INDEX plaatsing_gebeurtenis_locatie ON plaatsing_gebeurtenis (zorglocatie_id);
