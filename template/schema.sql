-- The packed-files half of a Parley template: what the packer writes and the bootstrap reads.
-- Runtime tables (the hub's data) are created by template/migrations/, never here, so an
-- upgrade can replace every row of these tables without touching a byte of runtime data.
--
-- The bootstrap reads these tables with its own small reader of the SQLite file format, so they
-- stay plain rowid tables (no WITHOUT ROWID) and JSON is stored as text.

-- The standard SQLite Archive table: `sqlite3 parley.db -Ax` extracts a complete workspace.
-- Text files are stored uncompressed (sz = length(data)) so code_modules.source_code is plain text;
-- jars are zlib-compressed only when that is smaller, as the sqlar format prescribes.
CREATE TABLE sqlar(
    name  TEXT PRIMARY KEY,  -- path inside the workspace, '/'-separated, never absolute, never '..'
    mode  INT,               -- unix mode, e.g. 0100644
    mtime INT,               -- seconds since 1970
    sz    INT,               -- original size in bytes
    data  BLOB               -- content, zlib-compressed when smaller than sz
);

-- One row per packed file: which module it belongs to and what the bootstrap does with it.
CREATE TABLE module_files(
    path          TEXT PRIMARY KEY,  -- = sqlar.name
    module_name   TEXT NOT NULL,     -- 'store', 'server', ..., 'bootstrap', 'readme', a jar's artifact id
    kind          TEXT NOT NULL,     -- java | resource | migration | doc | bootstrap | build | library
    resource_name TEXT,              -- for resources and migrations: the name on the class path
    sha256        TEXT NOT NULL,     -- lower-case hex of the uncompressed content
    size          INTEGER NOT NULL
);

-- A sentence about each module, shown by `--list` and in code_modules.description.
CREATE TABLE module_info(
    module_name TEXT PRIMARY KEY,
    description TEXT NOT NULL
);

-- The runtime jars exactly as Maven resolved them. A --lean template keeps these rows but not the
-- jars themselves; the bootstrap then finds them in a local Maven repository or through JBang.
CREATE TABLE libraries(
    path        TEXT PRIMARY KEY,    -- 'lib/<group path>/<artifact>/<version>/<artifact>-<version>.jar'
    group_id    TEXT NOT NULL,
    artifact_id TEXT NOT NULL,
    version     TEXT NOT NULL,
    sha256      TEXT NOT NULL,
    size        INTEGER NOT NULL
);

-- product, format, schema_version, template_version, template_created_at, build_hash,
-- main_class, cli_class, java_release, lean; the signature: manifest (what is signed: every packed
-- file's path, sha256 and size and the metadata above), manifest_signature (Ed25519, base64) and
-- signer_key (X.509, base64); in a live database, trusted_signer (the signer --upgrade accepts).
CREATE TABLE metadata(
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

-- The per-module view users know:
--   sqlite3 parley.db "SELECT source_code FROM code_modules WHERE module_name='bootstrap'" > Bootstrap.java
CREATE VIEW code_modules AS
SELECT f.module_name                                               AS module_name,
       f.path                                                      AS path,
       f.kind                                                      AS kind,
       CASE WHEN f.kind <> 'library' THEN CAST(s.data AS TEXT) END AS source_code,
       f.sha256                                                    AS sha256,
       (SELECT value FROM metadata WHERE key = 'template_version') AS version,
       i.description                                               AS description,
       f.size                                                      AS size
FROM module_files f
JOIN sqlar s ON s.name = f.path
LEFT JOIN module_info i ON i.module_name = f.module_name;
