-- The provider's mailbox for outgoing FZ821 messages (issue 9, docs/berichten.md §transport).
-- An FZ821 is not stored: every toeleidingspoging at one of a provider's locations IS an
-- FZ821 to that provider, sequence number = the attempt's id. So the referral transaction
-- (store/plaatsing.c) writes nothing for the mailbox and a referral can never be committed
-- without its message. Only the acknowledgement is stored: a row here means the provider's
-- software confirmed receipt and the message is not delivered again.
-- Number 0008: given by the lead.
CREATE TABLE bericht_ontvangst (
    poging_id BIGINT NOT NULL PRIMARY KEY REFERENCES toeleidingspoging (id),
    organisation_id BIGINT NOT NULL REFERENCES organisation (id),
    token_id BIGINT,
    ontvangen_op TEXT NOT NULL
);

-- Stale claims (src/msg/msg.c): when the process that claimed an incoming message died
-- before its retour was stored, another process takes the claim over after a timeout. The
-- claim's time is kept apart from the first receipt (ontvangen_op); NULL = ontvangen_op.
ALTER TABLE bericht ADD COLUMN geclaimd_op TEXT;
CREATE INDEX toeleidingspoging_zorglocatie ON toeleidingspoging (zorglocatie_id);
