"""The test PostgreSQL server hands out independent, empty databases."""

import psycopg

try:
    from tests.pg_server import fresh_database, postgres_url
except ImportError:  # tests/ itself on sys.path (pytest rootdir-less import)
    from pg_server import fresh_database, postgres_url


def test_base_url_is_connectable():
    with psycopg.connect(postgres_url()) as conn:
        assert conn.execute("SELECT current_user").fetchone() == ("kirjuri",)


def test_fresh_databases_are_distinct_and_isolated():
    url_a = fresh_database()
    url_b = fresh_database()
    assert url_a != url_b

    with psycopg.connect(url_a) as a, psycopg.connect(url_b) as b:
        assert a.execute("SELECT 1").fetchone() == (1,)
        assert b.execute("SELECT 1").fetchone() == (1,)
        assert a.info.dbname != b.info.dbname

        a.execute("CREATE TABLE only_in_a (id integer PRIMARY KEY)")
        a.commit()

        def has_table(conn):
            return conn.execute(
                "SELECT to_regclass('public.only_in_a') IS NOT NULL"
            ).fetchone()[0]

        assert has_table(a)
        assert not has_table(b)
