"""PostgreSQL's side of search, installed by this app's migrations (nothing happens on SQLite).

- the `unaccent` and `pg_trgm` extensions (created IF NOT EXISTS: the database user needs the right to
  create them — both are "trusted" extensions since PostgreSQL 13, so the database's owner may — or a
  superuser creates them once, see docs/search.md);
- the `french_unaccent` text search configuration: a copy of `french` with `unaccent` before
  `french_stem`, so « deploiement » finds « déploiement »;
- for each source (`sources.SOURCES`): a trigger that recomputes its `search_vector` (title A,
  summary and tags B, body C) whenever a row is written — by a service, the admin, a bulk insert or
  raw SQL — and remembers its words in the vocabulary; a trigger on its tags' link table and one on
  the expertises' names that make it recompute; a GIN index on the vector;
- a GIN trigram index on the vocabulary (`search_searchword`).

Everything is idempotent (CREATE OR REPLACE, IF NOT EXISTS, DROP … IF EXISTS then CREATE): a later
migration that adds a source calls `install` again.
"""

# ruff: noqa: S608 - the SQL below is built from our constants and the models' table and column names, never from input

from typing import Any

from .sources import SOURCES, Source

CONFIG = "french_unaccent"
WORDS_TABLE = "search_searchword"

SETUP = (
    "CREATE EXTENSION IF NOT EXISTS unaccent",
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    f"""
    DO $$ BEGIN
      IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = '{CONFIG}') THEN
        CREATE TEXT SEARCH CONFIGURATION {CONFIG} (COPY = french);
        ALTER TEXT SEARCH CONFIGURATION {CONFIG}
          ALTER MAPPING FOR hword, hword_part, word WITH unaccent, french_stem;
      END IF;
    END $$
    """,
    # Words of 3 to 60 letters, lower case and unaccented: what a query word is compared with.
    # Only new words are inserted, in a subtransaction: two writers adding the same new words in
    # opposite orders (each in two statements) would wait for each other; PostgreSQL then cancels
    # one insert, and that writer's document is saved all the same, without its new words.
    f"""
    CREATE OR REPLACE FUNCTION search_remember_words(content text) RETURNS void
    LANGUAGE plpgsql AS $$
    DECLARE fresh text[];
    BEGIN
      SELECT array_agg(lexeme) INTO fresh
      FROM unnest(to_tsvector('simple', lower(unaccent(content))))
      WHERE length(lexeme) BETWEEN 3 AND 60 AND lexeme ~ '^[a-z]+$'
        AND NOT EXISTS (SELECT 1 FROM {WORDS_TABLE} w WHERE w.word = lexeme);
      IF fresh IS NULL THEN
        RETURN;
      END IF;
      BEGIN
        INSERT INTO {WORDS_TABLE} (word) SELECT unnest(fresh) ON CONFLICT DO NOTHING;
      EXCEPTION WHEN deadlock_detected THEN
        NULL;
      END;
    END $$
    """,
    f"CREATE INDEX IF NOT EXISTS search_searchword_trgm ON {WORDS_TABLE} USING gin (word gin_trgm_ops)",
)


def _q(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def source_statements(source: Source, apps: Any) -> list[str]:
    """The SQL that keeps one source's vectors up to date, for the models as `apps` has them."""
    model = apps.get_model(source.model)
    table = model._meta.db_table
    pk = model._meta.pk.column
    columns = [(model._meta.get_field(name).column, weight) for name, weight in source.fields]
    parts = [
        f"setweight(to_tsvector('{CONFIG}', coalesce(NEW.{_q(column)}, '')), '{weight}')"
        for column, weight in columns
    ]
    texts = [f"NEW.{_q(column)}" for column, _weight in columns]
    unchanged = " AND ".join(
        f"NEW.{_q(column)} IS NOT DISTINCT FROM OLD.{_q(column)}" for column, _weight in columns
    )
    tags_select = ""
    statements = []
    if source.tags:
        field = model._meta.get_field(source.tags)
        through = field.remote_field.through._meta.db_table
        own, other = field.m2m_column_name(), field.m2m_reverse_name()
        target = field.related_model._meta.db_table
        tags_select = (
            f"SELECT string_agg(t.name, ' ' ORDER BY t.name) INTO tags FROM {_q(through)} l "
            f"JOIN {_q(target)} t ON t.id = l.{_q(other)} WHERE l.{_q(own)} = NEW.{_q(pk)};"
        )
        parts.insert(1, f"setweight(to_tsvector('{CONFIG}', coalesce(tags, '')), 'B')")
        texts.append("tags")
        statements += [
            f"""
            CREATE OR REPLACE FUNCTION search_tags_{table}() RETURNS trigger
            LANGUAGE plpgsql AS $$ BEGIN
              IF TG_OP IN ('INSERT', 'UPDATE') THEN
                UPDATE {_q(table)} SET search_vector = NULL WHERE {_q(pk)} = NEW.{_q(own)};
              END IF;
              IF TG_OP IN ('DELETE', 'UPDATE') THEN
                UPDATE {_q(table)} SET search_vector = NULL WHERE {_q(pk)} = OLD.{_q(own)};
              END IF;
              RETURN NULL;
            END $$
            """,
            f"DROP TRIGGER IF EXISTS search_tags ON {_q(through)}",
            f"CREATE TRIGGER search_tags AFTER INSERT OR UPDATE OR DELETE ON {_q(through)} "
            f"FOR EACH ROW EXECUTE FUNCTION search_tags_{table}()",
            # A renamed expertise: the documents tagged with it are indexed again.
            f"""
            CREATE OR REPLACE FUNCTION search_tag_names_{table}() RETURNS trigger
            LANGUAGE plpgsql AS $$ BEGIN
              UPDATE {_q(table)} SET search_vector = NULL WHERE {_q(pk)} IN
                (SELECT {_q(own)} FROM {_q(through)} WHERE {_q(other)} = NEW.id);
              RETURN NULL;
            END $$
            """,
            f"DROP TRIGGER IF EXISTS search_tag_names_{table} ON {_q(target)}",
            f"CREATE TRIGGER search_tag_names_{table} AFTER UPDATE OF name ON {_q(target)} "
            f"FOR EACH ROW WHEN (OLD.name IS DISTINCT FROM NEW.name) "
            f"EXECUTE FUNCTION search_tag_names_{table}()",
        ]
    # A write that leaves the texts and the vector as they were keeps the vector; any other write
    # (new texts, a NULL or stale vector written back by someone) computes it again.
    vector = f"""
    CREATE OR REPLACE FUNCTION search_vector_{table}() RETURNS trigger
    LANGUAGE plpgsql AS $$
    DECLARE tags text;
    BEGIN
      IF TG_OP = 'UPDATE' AND NEW.search_vector IS NOT NULL
         AND NEW.search_vector IS NOT DISTINCT FROM OLD.search_vector AND {unchanged} THEN
        RETURN NEW;
      END IF;
      {tags_select}
      NEW.search_vector := {" || ".join(parts)};
      PERFORM search_remember_words(concat_ws(' ', {", ".join(texts)}));
      RETURN NEW;
    END $$
    """
    return [
        *statements,
        vector,
        f"DROP TRIGGER IF EXISTS search_vector ON {_q(table)}",
        f"CREATE TRIGGER search_vector BEFORE INSERT OR UPDATE ON {_q(table)} "
        f"FOR EACH ROW EXECUTE FUNCTION search_vector_{table}()",
        f"CREATE INDEX IF NOT EXISTS {table}_search_gin ON {_q(table)} USING gin (search_vector)",
        # Rows written before the trigger existed.
        f"UPDATE {_q(table)} SET search_vector = NULL",
    ]


def install(apps: Any, schema_editor: Any) -> None:
    """Create (or bring up to date) everything above; nothing on SQLite."""
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        for statement in SETUP:
            cursor.execute(statement)
        for source in SOURCES:
            try:
                statements = source_statements(source, apps)
            except LookupError:  # a source whose model a later migration creates
                continue
            for statement in statements:
                cursor.execute(statement)


def uninstall(apps: Any, schema_editor: Any) -> None:
    """Drop the triggers and functions (the extensions and the configuration stay)."""
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        for source in SOURCES:
            try:
                model = apps.get_model(source.model)
            except LookupError:
                continue
            table = model._meta.db_table
            cursor.execute(f"DROP TRIGGER IF EXISTS search_vector ON {_q(table)}")
            cursor.execute(f"DROP FUNCTION IF EXISTS search_vector_{table}()")
            cursor.execute(f"DROP INDEX IF EXISTS {table}_search_gin")
            if source.tags:
                field = model._meta.get_field(source.tags)
                through = field.remote_field.through._meta.db_table
                target = field.related_model._meta.db_table
                cursor.execute(f"DROP TRIGGER IF EXISTS search_tags ON {_q(through)}")
                cursor.execute(f"DROP FUNCTION IF EXISTS search_tags_{table}()")
                cursor.execute(f"DROP TRIGGER IF EXISTS search_tag_names_{table} ON {_q(target)}")
                cursor.execute(f"DROP FUNCTION IF EXISTS search_tag_names_{table}()")
        cursor.execute("DROP FUNCTION IF EXISTS search_remember_words(text)")
