-- The contracted care offer (providers, contracts, locations, offer per care type), the
-- clients (justitiabelen) and their indications with versions, the catalog version the
-- matching index watches, and an optional imported postcode table (ifzo import geo).
-- Hard-criteria sets are kept as text "name=code,code;..." (core/criteria.h): bit positions
-- are only stable for one build, codes are stable for ever.

-- One row. Raised by one in the same transaction as every change to zorgaanbieder,
-- contract, zorglocatie or zorgaanbod, so that a reader can tell whether its index is stale.
CREATE TABLE catalog (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    version BIGINT NOT NULL
);
INSERT INTO catalog (id, version) VALUES (1, 0);

CREATE TABLE zorgaanbieder (
    id {{ID}},
    naam TEXT NOT NULL,
    agb TEXT NOT NULL UNIQUE,
    toelating INTEGER NOT NULL CHECK (toelating IN (0, 1)),
    -- the organisation whose zorgaanbieder users maintain this provider's locations and offer
    organisation_id BIGINT REFERENCES organisation (id),
    version INTEGER NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

CREATE TABLE contract (
    id {{ID}},
    zorgaanbieder_id BIGINT NOT NULL REFERENCES zorgaanbieder (id),
    zorgtype TEXT NOT NULL,
    geldig_van TEXT NOT NULL,
    geldig_tot TEXT,
    version INTEGER NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX contract_zorgaanbieder ON contract (zorgaanbieder_id);

CREATE TABLE zorglocatie (
    id {{ID}},
    zorgaanbieder_id BIGINT NOT NULL REFERENCES zorgaanbieder (id),
    naam TEXT NOT NULL,
    agb TEXT NOT NULL UNIQUE,
    adres TEXT NOT NULL,
    postcode TEXT NOT NULL,
    plaats TEXT NOT NULL,
    arrondissement TEXT NOT NULL,
    lat DOUBLE PRECISION NOT NULL,
    lon DOUBLE PRECISION NOT NULL,
    beveiligingsniveau TEXT NOT NULL,
    landelijke_functie INTEGER NOT NULL CHECK (landelijke_functie IN (0, 1)),
    version INTEGER NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX zorglocatie_zorgaanbieder ON zorglocatie (zorgaanbieder_id);

CREATE TABLE zorgaanbod (
    id {{ID}},
    zorglocatie_id BIGINT NOT NULL REFERENCES zorglocatie (id),
    zorgtype TEXT NOT NULL,
    criteria TEXT NOT NULL,
    leeftijd_min INTEGER NOT NULL,
    leeftijd_max INTEGER NOT NULL,
    capaciteit INTEGER NOT NULL,
    bezet INTEGER NOT NULL,
    wachtlijst INTEGER NOT NULL,
    wachttijd_dagen INTEGER NOT NULL,
    opnamestop INTEGER NOT NULL CHECK (opnamestop IN (0, 1)),
    opnamestop_van TEXT,
    opnamestop_tot TEXT,
    bijgewerkt_op TEXT NOT NULL,
    version INTEGER NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    UNIQUE (zorglocatie_id, zorgtype)
);

-- Confidential: client-identifying data.
CREATE TABLE justitiabele (
    id {{ID}},
    achternaam TEXT NOT NULL,
    voornamen TEXT NOT NULL,
    geboortedatum TEXT NOT NULL,
    bsn TEXT NOT NULL UNIQUE,
    geslacht TEXT NOT NULL,
    postcode TEXT NOT NULL,
    version INTEGER NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX justitiabele_achternaam ON justitiabele (achternaam);

-- An indication: its identity, client and current version; `version` (If-Match) is raised on
-- every change, also when the change made a new indicatie_versie.
CREATE TABLE indicatie (
    id {{ID}},
    justitiabele_id BIGINT NOT NULL REFERENCES justitiabele (id),
    huidige_versie INTEGER NOT NULL,
    status TEXT NOT NULL,
    zorgtype TEXT NOT NULL,
    version INTEGER NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX indicatie_justitiabele ON indicatie (justitiabele_id);

-- Every version of an indication; old versions stay readable (status 'vervangen').
CREATE TABLE indicatie_versie (
    indicatie_id BIGINT NOT NULL REFERENCES indicatie (id),
    versie INTEGER NOT NULL,
    status TEXT NOT NULL,
    indicerende_organisatie_id BIGINT REFERENCES organisation (id),
    zorgtype TEXT NOT NULL,
    criteria TEXT NOT NULL,
    zorgtitel TEXT NOT NULL,
    titel_start TEXT,
    titel_eind TEXT,
    beveiligingsniveau TEXT NOT NULL,
    urgentie TEXT NOT NULL,
    aanmelddatum TEXT NOT NULL,
    onderbouwing TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (indicatie_id, versie)
);

-- Postcode table imported with `ifzo import geo`; when it has rows, lookups prefer it to the
-- compiled-in table.
CREATE TABLE geo_pc4 (
    pc4 INTEGER PRIMARY KEY,
    gemeente TEXT NOT NULL,
    arrondissement TEXT NOT NULL,
    lat DOUBLE PRECISION NOT NULL,
    lon DOUBLE PRECISION NOT NULL
);
