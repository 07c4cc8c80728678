"""Drives QueryFlux's Trino HTTP frontend with the unmodified Trino Python client (trino on PyPI).

Usage: python3 trino_checks.py <port> <check>
Prints one JSON document with what the client saw; test/e2e/clients/trino-python.test.ts
asserts on it. Python values are reported as [type name, repr] so the test sees exactly which
Python types the client built from the frontend's answers.
"""
import json
import sys
import threading
import time
import datetime
import decimal
import uuid

import trino
from trino.exceptions import TrinoUserError, TrinoQueryError

PORT = int(sys.argv[1])
CHECK = sys.argv[2]


def connect(**kwargs):
    return trino.dbapi.connect(host="127.0.0.1", port=PORT, user="python-test", source="trino-python-e2e", **kwargs)


def described(value):
    return [type(value).__name__, repr(value)]


def select42():
    cur = connect().cursor()
    cur.execute("SELECT 42 AS answer")
    return {"rows": cur.fetchall(), "columns": [[d.name, d.type_code] for d in cur.description]}


TYPES_SQL = """SELECT true, CAST(9007199254740993 AS BIGINT), CAST(1.5 AS REAL), CAST(0.1 AS DOUBLE), CAST('NaN' AS DOUBLE),
 CAST('123.45' AS DECIMAL(10,2)), 'héllo', from_hex('00ff'), DATE '2020-01-02', TIME '01:02:03.456',
 TIMESTAMP '2020-01-02 03:04:05.123456', TIMESTAMP '2020-01-02 03:04:05.123 UTC', INTERVAL '2' DAY + INTERVAL '3' SECOND,
 JSON '{"a":1}', UUID '12345678-1234-1234-1234-1234567890ab', ARRAY[1, NULL], MAP(ARRAY['a'], ARRAY[CAST(1 AS BIGINT)]),
 CAST(ROW(1, 'a') AS ROW(x INTEGER, y VARCHAR)), CAST(NULL AS VARCHAR)"""


def types():
    cur = connect().cursor()
    cur.execute(TYPES_SQL)
    [row] = cur.fetchall()
    return {"values": [described(v) for v in row], "types": [d.type_code for d in cur.description]}


def many_rows():
    cur = connect().cursor()
    cur.execute("SELECT i FROM range(100000) t(i)")
    count = 0
    total = 0
    while True:
        batch = cur.fetchmany(5000)
        if not batch:
            break
        count += len(batch)
        total += sum(r[0] for r in batch)
    return {"count": count, "sum": total}


def failing():
    cur = connect().cursor()
    try:
        cur.execute("SELECT * FROM no_such_table")
        cur.fetchall()
        return {"raised": None}
    except TrinoQueryError as e:
        return {"raised": type(e).__name__, "error_name": e.error_name, "error_type": e.error_type, "message": e.message, "query_id": e.query_id}


def cancel():
    cur = connect().cursor()
    failure = {}

    def run():
        try:
            cur.execute("SELECT count(*) FROM range(100000000000) a")
            cur.fetchall()
        except Exception as e:  # the cancelled query may end with an error on the client side
            failure["error"] = type(e).__name__

    worker = threading.Thread(target=run)
    worker.start()
    for _ in range(200):
        query = getattr(cur, "_query", None)
        if query is not None and query.query_id is not None and query.stats.get("state") == "RUNNING":
            break
        time.sleep(0.05)
    query_id = cur._query.query_id
    cur.cancel()
    worker.join(timeout=30)
    return {"query_id": query_id, "thread_done": not worker.is_alive(), "cancelled": cur._query.cancelled}


def metadata():
    cur = connect(catalog="memory", schema="main").cursor()
    out = {}
    for sql in ["SHOW CATALOGS", "SHOW SCHEMAS FROM memory", "SHOW TABLES FROM memory.sales", "DESCRIBE orders"]:
        cur.execute(sql)
        out[sql] = cur.fetchall()
    return out


def session():
    conn = connect()
    cur = conn.cursor()
    cur.execute("USE memory.sales")
    cur.fetchall()
    after_use = [conn._client_session.catalog, conn._client_session.schema]
    cur.execute("SHOW TABLES")
    tables = cur.fetchall()
    cur.execute("SET SESSION query_max_run_time = '5m'")
    cur.fetchall()
    properties = dict(conn._client_session.properties)
    cur.execute("SHOW SESSION")
    shown = [[r[0], r[1]] for r in cur.fetchall()]
    cur.execute("RESET SESSION query_max_run_time")
    cur.fetchall()
    return {"after_use": after_use, "tables": tables, "properties": properties, "shown": shown, "after_reset": dict(conn._client_session.properties)}


PARAMETERS = [9007199254740993, -5, "it's ? here", decimal.Decimal("1.50"), datetime.date(2020, 1, 2),
              datetime.datetime(2020, 1, 2, 3, 4, 5, 123456), b"\x00\xff", True, None, 1.25, [1, 2, 3],
              uuid.UUID("12345678-1234-1234-1234-1234567890ab")]


def parameters(legacy):
    cur = connect(legacy_prepared_statements=legacy).cursor()
    cur.execute("SELECT " + ", ".join("?" for _ in PARAMETERS), PARAMETERS)
    [row] = cur.fetchall()
    return {"values": [described(v) for v in row], "sent": [described(v) for v in PARAMETERS]}


CHECKS = {
    "select42": select42,
    "types": types,
    "many_rows": many_rows,
    "failing": failing,
    "cancel": cancel,
    "metadata": metadata,
    "session": session,
    "execute_immediate": lambda: parameters(False),
    "prepared_statements": lambda: parameters(True),
}

print(json.dumps(CHECKS[CHECK](), default=str))
