-- Generated documents and received attachments (kofu-store files.rs, the only writer). The bytes
-- are kept in the database itself: a rolled-back transaction leaves no file behind and removes
-- none, a backup of the database holds them, and every desk of a shared database reads the same
-- ones. Each file belongs to exactly one record (owner_kind, owner_id); position orders them.
CREATE TABLE files (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    owner_kind    TEXT NOT NULL,    -- 'letter', …
    owner_id      BIGINT NOT NULL,
    position      BIGINT NOT NULL,  -- 0, 1, … within the record
    name          TEXT NOT NULL,    -- safe on every file system, for saving a copy
    display_name  TEXT NOT NULL,    -- as the sender named it
    bytes         BIGINT NOT NULL,
    sha256        TEXT NOT NULL,
    content       BLOB,             -- NULL only for a file stored before this migration …
    legacy_path   TEXT,             -- … still at this path under the old files folder
    stored_at     TEXT NOT NULL,
    UNIQUE (owner_kind, owner_id, position),
    CHECK ((content IS NULL) <> (legacy_path IS NULL))
);

-- The attachments kept until now as JSON on the letter, their files in the files folder: they
-- are referenced here and moved into the database the first time they are read.
INSERT INTO files (owner_kind, owner_id, position, name, display_name, bytes, sha256, legacy_path, stored_at)
SELECT 'letter', c.id, CAST(a.key AS INTEGER),
       json_extract(a.value, '$.name'), json_extract(a.value, '$.name'),
       json_extract(a.value, '$.bytes'), json_extract(a.value, '$.sha256'),
       json_extract(a.value, '$.path'), c.at
FROM correspondence c, json_each(c.attachments) a;

ALTER TABLE correspondence DROP COLUMN attachments;
