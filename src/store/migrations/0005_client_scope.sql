-- Who may see a client (decisions.md §30): an indiceerder sees the clients its organisation
-- registered and those it indicated. Existing clients keep NULL (registered before scoping):
-- they are visible to an indiceerder only through an indication of its organisation.
ALTER TABLE justitiabele ADD COLUMN organisation_id BIGINT REFERENCES organisation (id);
CREATE INDEX justitiabele_organisation ON justitiabele (organisation_id);
-- The indicating organisation of the current version, to scope lists by a plain column.
CREATE INDEX indicatie_versie_organisatie ON indicatie_versie (indicerende_organisatie_id);
