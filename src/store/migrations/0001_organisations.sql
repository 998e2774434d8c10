-- Organisations that take part in the chain: indicating bodies, placers, care providers
-- and DJI. Users (a later migration) each belong to one.
CREATE TABLE organisation (
    id {{ID}},
    name TEXT NOT NULL UNIQUE,
    kind TEXT NOT NULL,
    version INTEGER NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
