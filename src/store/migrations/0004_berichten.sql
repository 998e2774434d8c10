-- FZ messages received from provider software (issue 9). One row per (afzender,
-- berichtcode, identificatie): the identification is unique per sender and message type
-- (retourcode 9056). The row is claimed (retour NULL) before the records are applied and
-- gets the retour XML when processing ends, so that a resend of the same message
-- (same inhoud_hash) is answered with the identical retour and changes nothing.
-- Number 0004: 0002 and 0003 are taken by other branches.
CREATE TABLE bericht (
    id {{ID}},
    afzender TEXT NOT NULL,
    berichtcode TEXT NOT NULL,
    identificatie TEXT NOT NULL,
    inhoud_hash TEXT NOT NULL,
    ontvangen_op TEXT NOT NULL,
    verwerkt_op TEXT,
    retour TEXT,
    version INTEGER NOT NULL DEFAULT 1,
    UNIQUE (afzender, berichtcode, identificatie)
);
