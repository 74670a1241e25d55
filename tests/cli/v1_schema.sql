-- The schema-1 DDL (src/store/schema.c, migration 1), as a version-1 praxis
-- wrote it: the oldest store a newer praxis must migrate (t_migrate, t_readonly).
CREATE TABLE node (
 nid INTEGER PRIMARY KEY CHECK (nid > 0),
 type TEXT NOT NULL CHECK (type IN ('practice', 'article')),
 title TEXT NOT NULL CHECK (title <> ''),
 subtitle TEXT, country TEXT, city TEXT,
 population INTEGER CHECK (population IS NULL OR population >= 0),
 language TEXT NOT NULL, author TEXT, body TEXT,
 ident TEXT NOT NULL,
 created TEXT NOT NULL, updated TEXT NOT NULL);
CREATE INDEX node_ident ON node (ident);
CREATE TABLE node_term (
 nid INTEGER NOT NULL REFERENCES node (nid) ON DELETE CASCADE,
 kind TEXT NOT NULL CHECK (kind IN ('theme', 'label', 'relation')),
 pos INTEGER NOT NULL, value TEXT NOT NULL,
 PRIMARY KEY (nid, kind, pos)) WITHOUT ROWID;
CREATE INDEX node_term_value ON node_term (kind, value);
CREATE TABLE section (
 nid INTEGER NOT NULL REFERENCES node (nid) ON DELETE CASCADE,
 pos INTEGER NOT NULL,
 key TEXT NOT NULL CHECK (key IN ('summary', 'solution', 'collaboration', 'impact', 'transfer')),
 heading TEXT NOT NULL, text TEXT NOT NULL,
 PRIMARY KEY (nid, pos)) WITHOUT ROWID;
CREATE TABLE revision (
 rev INTEGER PRIMARY KEY,
 nid INTEGER NOT NULL REFERENCES node (nid),
 at TEXT NOT NULL, doc TEXT NOT NULL);
CREATE INDEX revision_nid ON revision (nid, rev);
PRAGMA user_version = 1;
