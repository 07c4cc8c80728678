"""Drives QueryFlux's PostgreSQL frontend with psycopg 3 (from PyPI, with its binary libpq).

Run by test/e2e/clients/psycopg.test.ts:  python3 psycopg_client.py <conninfo>
Each check prints "PASS <name>" or "FAIL <name>: <why>"; the exit code is the number of failures.
"""
import datetime
import decimal
import json
import sys
import threading
import traceback
import uuid

import psycopg
from psycopg.types.json import Json

failures = 0


def check(name, body):
    global failures
    try:
        body()
        print(f"PASS {name}", flush=True)
    except Exception as error:  # report every failure, keep going
        failures += 1
        detail = "".join(traceback.format_exception_only(type(error), error)).strip()
        print(f"FAIL {name}: {detail}", flush=True)


def expect(expected, actual, what):
    if expected != actual:
        raise AssertionError(f"{what}: expected {expected!r} but was {actual!r}")


conninfo = sys.argv[1]
conn = psycopg.connect(conninfo, autocommit=True)

VALUES = [
    ("int2", 7),
    ("int4", -2147483648),
    ("int8", 9007199254740993),
    ("float4", 1.5),
    ("float8", -2.25e100),
    ("numeric(10,3)", decimal.Decimal("12345.678")),
    ("boolean", True),
    ("text", "héllo 'w' \"x\""),
    ("varchar", "v"),
    ("bytea", b"\x00\x01\xff"),
    ("date", datetime.date(2024, 2, 29)),
    ("time", datetime.time(12, 34, 56, 789000)),
    ("timestamp", datetime.datetime(2024, 1, 2, 3, 4, 5, 123456)),
    ("timestamptz", datetime.datetime(2024, 7, 1, 14, 0, tzinfo=datetime.timezone(datetime.timedelta(hours=2)))),
    ("interval", datetime.timedelta(days=3, hours=4, minutes=5, seconds=6)),
    ("uuid", uuid.UUID("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11")),
    ("integer[]", [1, None, 3]),
    ("text[]", ["a,b", "c"]),
]


def round_trips(binary):
    def run():
        with conn.cursor(binary=binary) as cur:
            for cast, value in VALUES:
                cur.execute(f"select %s::{cast} as v", [value], binary=binary)
                got = cur.fetchone()[0]
                if cast == "timestamptz":
                    expect(value.timestamp(), got.timestamp(), cast)
                elif cast == "float4":
                    expect(value, float(got), cast)
                else:
                    expect(value, got, f"{cast} ({'binary' if binary else 'text'})")
    return run


def json_types():
    with conn.cursor() as cur:
        cur.execute("select %s::json as j, %s::jsonb as b", [Json({"a": [1, 2]}), Json({"b": None})])
        j, b = cur.fetchone()
        expect({"a": [1, 2]}, j, "json")
        expect({"b": None}, b, "jsonb")


def null_parameter():
    with conn.cursor() as cur:
        cur.execute("select %s::int4 as v", [None])
        expect(None, cur.fetchone()[0], "null")


def prepared_reuse():
    with conn.cursor() as cur:
        cur.execute("create table pt(id integer, name varchar)")
        cur.executemany("insert into pt values (%s, %s)", [(i, f"n{i}") for i in range(1, 4)])
        for round in range(10):
            ident = round % 3 + 1
            cur.execute("select name from pt where id = %s", [ident], prepare=True)
            expect(f"n{ident}", cur.fetchone()[0], "row")
        cur.execute("select count(*) from pt")
        expect(3, cur.fetchone()[0], "inserted rows")


def errors():
    for sql, state in [("select * from no_such_table", "42P01"), ("selec 1", "42601")]:
        try:
            conn.execute(sql)
            raise AssertionError("no error")
        except psycopg.Error as error:
            expect(state, error.diag.sqlstate, sql)


def cancel():
    # A CancelRequest only reaches a query that is already running, so keep asking until it ends.
    done = threading.Event()

    def keep_cancelling():
        while not done.wait(0.3):
            conn.cancel()

    canceller = threading.Thread(target=keep_cancelling)
    canceller.start()
    try:
        conn.execute("select count(*) from range(100000000000) as r(i) where i % 7 = 3")
        raise AssertionError("the query was not cancelled")
    except psycopg.errors.QueryCanceled as error:
        expect("57014", error.diag.sqlstate, "sqlstate")
    finally:
        done.set()
        canceller.join()


def server_side_cursor():
    with psycopg.connect(conninfo) as tx:
        with tx.cursor(name="big") as cur:
            cur.itersize = 100
            cur.execute("select i from generate_series(1, 1000) as g(i)")
            total = sum(row[0] for row in cur)
            expect(500500, total, "sum")


def copy_out():
    with conn.cursor() as cur:
        with cur.copy("copy (select 1 as a, 'x,y' as b union all select 2, null) to stdout with (format csv, header)") as copy:
            data = b"".join(bytes(chunk) for chunk in copy)
        expect(b'a,b\n1,"x,y"\n2,\n', data, "csv")


def session_settings():
    conn.execute("set timezone = 'Asia/Kolkata'")
    expect("Asia/Kolkata", conn.info.parameter_status("TimeZone"), "ParameterStatus")
    expect("Asia/Kolkata", conn.execute("show timezone").fetchone()[0], "show")
    conn.execute("reset timezone")


check("text round trips", round_trips(False))
check("binary round trips", round_trips(True))
check("json and jsonb", json_types)
check("null parameter", null_parameter)
check("prepared statement reuse", prepared_reuse)
check("error sqlstate", errors)
check("cancel", cancel)
check("server-side cursor", server_side_cursor)
check("copy to stdout", copy_out)
check("session settings", session_settings)
conn.close()
sys.exit(failures)
