-- The capacity monitor (issue 10): two derived tables kept by the store IN THE SAME
-- TRANSACTION as every plaatsing_gebeurtenis row (store/monitor.c, called from the one place
-- that appends an event), so the dashboard reads small pre-aggregated rows instead of
-- scanning the event history. Both are a function of the events alone:
-- store_monitor_rebuild() recomputes them from plaatsing_gebeurtenis, and a store test
-- checks that the rebuilt tables equal the maintained ones. They are not versioned: no user
-- edits them (docs/decisions.md 70).
-- Number 0009: given by the lead.

-- One row per placement request: the dimensions of its figures (fixed when the request is
-- made, location when it is decided) and the dates the next events are measured against.
-- justitiabele_id only links a client's consecutive placements (doorstroom); it never
-- leaves the store.
CREATE TABLE monitor_traject (
    verzoek_id BIGINT PRIMARY KEY REFERENCES plaatsingsverzoek (id),
    justitiabele_id BIGINT NOT NULL,
    zorgtype TEXT NOT NULL,
    beveiligingsniveau TEXT NOT NULL,
    arrondissement TEXT NOT NULL,
    aanvraagdatum TEXT NOT NULL,
    eerste_aanmelding TEXT,
    eerste_acceptatie TEXT,
    zorgaanbieder_id BIGINT NOT NULL DEFAULT 0,
    zorglocatie_id BIGINT NOT NULL DEFAULT 0,
    startdatum TEXT,
    einddatum TEXT,
    mutatiereden TEXT NOT NULL DEFAULT '',
    einde_te_laat INTEGER NOT NULL DEFAULT 0 CHECK (einde_te_laat IN (0, 1))
);
CREATE INDEX monitor_traject_client ON monitor_traject (justitiabele_id);

-- Counts per day, measure and dimensions: how many events of kind `maat` happened on `dag`
-- for this care type, security level, arrondissement, provider, location, `sleutel` (the
-- code: mutatiereden, reactiemogelijkheid, annuleringsreden, binnen/buiten, ...) and
-- `waarde` (whole days of a waiting or answer time; 0 for plain counts; +1/-1 for the
-- occupancy deltas). `aantal` is added to by an upsert; a corrected event subtracts.
CREATE TABLE monitor_feit (
    maat TEXT NOT NULL,
    dag TEXT NOT NULL,
    -- the labels of dag's periods (core/monitor.h), so a figure groups by one column
    week TEXT NOT NULL,
    maand TEXT NOT NULL,
    kwartaal TEXT NOT NULL,
    jaar TEXT NOT NULL,
    zorgtype TEXT NOT NULL,
    beveiligingsniveau TEXT NOT NULL,
    arrondissement TEXT NOT NULL,
    zorgaanbieder_id BIGINT NOT NULL,
    zorglocatie_id BIGINT NOT NULL,
    sleutel TEXT NOT NULL,
    waarde INTEGER NOT NULL,
    aantal BIGINT NOT NULL,
    PRIMARY KEY (maat, dag, zorgtype, beveiligingsniveau, arrondissement, zorgaanbieder_id,
                 zorglocatie_id, sleutel, waarde)
);
-- The dashboard reads one measure over a date range; the primary key serves that. The
-- per-location occupancy reads one location's deltas.
CREATE INDEX monitor_feit_locatie ON monitor_feit (maat, zorglocatie_id, dag);

-- The plain scan the bench compares against, and the rebuild, read events by step.
CREATE INDEX plaatsing_gebeurtenis_stap ON plaatsing_gebeurtenis (stap, verzoek_id);
