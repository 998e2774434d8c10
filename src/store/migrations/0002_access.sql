-- Who may see what (issue 7): users with one role each, sessions shared by every server
-- instance through the database, API tokens for provider software, login throttling, the
-- second factor, and the hash-chained access log of client-identifying data.

-- functioneel beheer marks an organisation whose users must use TOTP (on for DJI by
-- default, set by the API/CLI when the organisation is created).
ALTER TABLE organisation ADD COLUMN totp_required INTEGER NOT NULL DEFAULT 0;

-- One role per user (design.md); the organisation kind must fit the role (core/access.c).
CREATE TABLE app_user (
    id {{ID}},
    organisation_id BIGINT NOT NULL REFERENCES organisation (id),
    username TEXT NOT NULL UNIQUE,
    display_name TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('indiceerder', 'plaatser', 'zorgaanbieder',
                                       'functioneel_beheer', 'beleid')),
    password_hash TEXT NOT NULL,
    must_change_password INTEGER NOT NULL DEFAULT 0,
    disabled INTEGER NOT NULL DEFAULT 0,
    -- TOTP secret (base32). totp_enabled = 0 with a secret: enrolment begun, not confirmed.
    totp_secret TEXT,
    totp_enabled INTEGER NOT NULL DEFAULT 0,
    totp_last_step BIGINT NOT NULL DEFAULT 0,
    version INTEGER NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX app_user_organisation ON app_user (organisation_id);

-- Browser sessions. The cookie holds a random token; only its SHA-256 is stored, so a
-- copy of the database does not let anyone in. Idle and absolute expiry are timestamps.
CREATE TABLE user_session (
    id {{ID}},
    token_hash TEXT NOT NULL UNIQUE,
    user_id BIGINT NOT NULL REFERENCES app_user (id),
    csrf_token TEXT NOT NULL,
    created_at TEXT NOT NULL,
    last_seen_at TEXT NOT NULL,
    idle_expires_at TEXT NOT NULL,
    expires_at TEXT NOT NULL
);
CREATE INDEX user_session_by_user ON user_session (user_id);

-- Bearer tokens for provider software, bound to one provider organisation, stored hashed.
CREATE TABLE api_token (
    id {{ID}},
    organisation_id BIGINT NOT NULL REFERENCES organisation (id),
    name TEXT NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,
    created_by TEXT NOT NULL,
    created_at TEXT NOT NULL,
    revoked_at TEXT,
    version INTEGER NOT NULL DEFAULT 1
);

-- Failed logins in a row, per account ("u:<name>", also for names that do not exist) and
-- per client address ("a:<address>").
CREATE TABLE login_throttle (
    throttle_key TEXT NOT NULL PRIMARY KEY,
    failures INTEGER NOT NULL,
    last_failure_at TEXT NOT NULL
);

-- The access log (NEN 7513 style): append-only; seq runs 1, 2, 3 ... without gaps (taken
-- from access_log_head in the appending transaction); hash = SHA-256 over prev_hash and the
-- entry's own content, so an edit, a deleted entry or a cut-off tail is detectable.
CREATE TABLE access_log (
    seq BIGINT NOT NULL PRIMARY KEY,
    at TEXT NOT NULL,
    user_id BIGINT,
    username TEXT NOT NULL,
    role TEXT NOT NULL,
    organisation_id BIGINT,
    client_id BIGINT,
    object_type TEXT NOT NULL,
    object_id BIGINT,
    action TEXT NOT NULL,
    request_id TEXT NOT NULL,
    reason TEXT,
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL
);
CREATE INDEX access_log_client ON access_log (client_id, seq);

-- One row: the last seq and hash. Updating it first serialises appenders on both engines.
CREATE TABLE access_log_head (
    id INTEGER NOT NULL PRIMARY KEY CHECK (id = 1),
    seq BIGINT NOT NULL,
    hash TEXT NOT NULL
);
INSERT INTO access_log_head (id, seq, hash)
VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');
