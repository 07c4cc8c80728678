// Drives QueryFlux's PostgreSQL frontend with the unmodified pgjdbc driver (org.postgresql:postgresql
// from Maven Central). Run by test/e2e/clients/pgjdbc.test.ts:
//   java -cp postgresql.jar:<classes> PgJdbcClient <jdbc-url> <user> <password>
// Each check prints "PASS <name>" or "FAIL <name>: <why>"; the exit code is the number of failures.
import java.math.BigDecimal;
import java.sql.*;
import java.time.*;
import java.util.*;
import java.util.concurrent.*;
import org.postgresql.util.PGInterval;
import org.postgresql.util.PGobject;

public class PgJdbcClient {
  interface Check { void run(Connection c) throws Exception; }

  static int failures = 0;

  static void check(Connection c, String name, Check body) {
    try {
      body.run(c);
      System.out.println("PASS " + name);
    } catch (Throwable t) {
      failures++;
      System.out.println("FAIL " + name + ": " + t);
    }
  }

  static void expect(Object expected, Object actual, String what) {
    if (!Objects.equals(expected, actual)) throw new AssertionError(what + ": expected <" + expected + "> but was <" + actual + ">");
  }

  /** Binds `value` with `set`, runs `select ?::<cast> as v` and returns column 1 read with `get`. */
  static <T> T roundTrip(Connection c, String cast, Object value, int sqlType, Class<T> type) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("select ?::" + cast + " as v")) {
      if (value == null) ps.setNull(1, sqlType);
      else ps.setObject(1, value, sqlType);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) throw new AssertionError("no row for " + cast);
        return rs.getObject(1, type);
      }
    }
  }

  public static void main(String[] args) throws Exception {
    String url = args[0];
    Properties props = new Properties();
    props.setProperty("user", args[1]);
    props.setProperty("password", args[2]);
    // Server-side prepared statements from the first execution, so binary transfer is used.
    props.setProperty("prepareThreshold", "1");
    try (Connection c = DriverManager.getConnection(url, props)) {
      check(c, "connect", conn -> expect("PostgreSQL", conn.getMetaData().getDatabaseProductName(), "product"));

      check(c, "ddl and dml counts", conn -> {
        try (Statement s = conn.createStatement()) {
          s.execute("create table jt(id integer, name varchar, price decimal(10,2), created timestamp)");
        }
        try (PreparedStatement ps = conn.prepareStatement("insert into jt values (?, ?, ?, ?)")) {
          for (int i = 1; i <= 3; i++) {
            ps.setInt(1, i);
            ps.setString(2, "n" + i);
            ps.setBigDecimal(3, new BigDecimal(i + ".25"));
            ps.setTimestamp(4, Timestamp.valueOf("2024-01-0" + i + " 10:00:00"));
            expect(1, ps.executeUpdate(), "insert count");
          }
        }
      });

      check(c, "int2 int4 int8", conn -> {
        expect((short) -7, roundTrip(conn, "int2", (short) -7, Types.SMALLINT, Short.class), "int2");
        expect(2147483647, roundTrip(conn, "int4", 2147483647, Types.INTEGER, Integer.class), "int4");
        expect(9007199254740993L, roundTrip(conn, "int8", 9007199254740993L, Types.BIGINT, Long.class), "int8");
      });
      check(c, "float4 float8", conn -> {
        expect(1.5f, roundTrip(conn, "float4", 1.5f, Types.REAL, Float.class), "float4");
        expect(-2.25e100, roundTrip(conn, "float8", -2.25e100, Types.DOUBLE, Double.class), "float8");
      });
      check(c, "numeric", conn -> expect(new BigDecimal("12345.678"), roundTrip(conn, "numeric(10,3)", new BigDecimal("12345.678"), Types.NUMERIC, BigDecimal.class), "numeric"));
      check(c, "bool", conn -> expect(true, roundTrip(conn, "boolean", true, Types.BOOLEAN, Boolean.class), "bool"));
      check(c, "text and varchar", conn -> {
        expect("héllo \"w\"", roundTrip(conn, "text", "héllo \"w\"", Types.VARCHAR, String.class), "text");
        expect("x", roundTrip(conn, "varchar", "x", Types.VARCHAR, String.class), "varchar");
      });
      check(c, "bytea", conn -> {
        byte[] bytes = roundTrip(conn, "bytea", new byte[] {0, 1, (byte) 0xff}, Types.BINARY, byte[].class);
        expect("[0, 1, -1]", Arrays.toString(bytes), "bytea");
      });
      check(c, "date time timestamp", conn -> {
        expect(LocalDate.of(2024, 2, 29), roundTrip(conn, "date", LocalDate.of(2024, 2, 29), Types.DATE, LocalDate.class), "date");
        expect(LocalTime.of(12, 34, 56), roundTrip(conn, "time", LocalTime.of(12, 34, 56), Types.TIME, LocalTime.class), "time");
        expect(LocalDateTime.of(2024, 1, 2, 3, 4, 5, 123456000), roundTrip(conn, "timestamp", LocalDateTime.of(2024, 1, 2, 3, 4, 5, 123456000), Types.TIMESTAMP, LocalDateTime.class), "timestamp");
      });
      check(c, "timestamptz", conn -> {
        OffsetDateTime t = OffsetDateTime.of(2024, 7, 1, 14, 0, 0, 0, ZoneOffset.ofHours(2));
        OffsetDateTime back = roundTrip(conn, "timestamptz", t, Types.TIMESTAMP_WITH_TIMEZONE, OffsetDateTime.class);
        expect(t.toInstant(), back.toInstant(), "timestamptz instant");
      });
      check(c, "uuid", conn -> {
        UUID u = UUID.fromString("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11");
        expect(u, roundTrip(conn, "uuid", u, Types.OTHER, UUID.class), "uuid");
      });
      check(c, "interval", conn -> {
        try (PreparedStatement ps = conn.prepareStatement("select ?::interval as v")) {
          ps.setObject(1, new PGInterval(0, 1, 2, 3, 4, 5.5));
          try (ResultSet rs = ps.executeQuery()) {
            rs.next();
            expect(new PGInterval(0, 1, 2, 3, 4, 5.5), rs.getObject(1), "interval");
          }
        }
      });
      check(c, "json", conn -> {
        PGobject json = new PGobject();
        json.setType("json");
        json.setValue("{\"a\":[1,2]}");
        try (PreparedStatement ps = conn.prepareStatement("select ?::json as v")) {
          ps.setObject(1, json);
          try (ResultSet rs = ps.executeQuery()) {
            rs.next();
            expect("{\"a\":[1,2]}", rs.getString(1).replace(" ", ""), "json");
          }
        }
      });
      check(c, "arrays", conn -> {
        try (PreparedStatement ps = conn.prepareStatement("select ?::integer[] as ints, ?::text[] as texts")) {
          ps.setArray(1, conn.createArrayOf("int4", new Integer[] {1, null, 3}));
          ps.setArray(2, conn.createArrayOf("text", new String[] {"a,b", "c"}));
          try (ResultSet rs = ps.executeQuery()) {
            rs.next();
            expect("[1, null, 3]", Arrays.toString((Object[]) rs.getArray(1).getArray()), "int[]");
            expect("[a,b, c]", Arrays.toString((Object[]) rs.getArray(2).getArray()), "text[]");
          }
        }
      });
      check(c, "null parameter", conn -> expect(null, roundTrip(conn, "int4", null, Types.INTEGER, Integer.class), "null"));

      check(c, "prepared statement reuse", conn -> {
        try (PreparedStatement ps = conn.prepareStatement("select name from jt where id = ?")) {
          for (int round = 0; round < 10; round++) {
            int id = round % 3 + 1;
            ps.setInt(1, id);
            try (ResultSet rs = ps.executeQuery()) {
              rs.next();
              expect("n" + id, rs.getString(1), "row " + id);
            }
          }
        }
      });

      check(c, "error sqlstate", conn -> {
        try (Statement s = conn.createStatement()) {
          s.executeQuery("select * from no_such_table");
          throw new AssertionError("no error");
        } catch (SQLException e) {
          expect("42P01", e.getSQLState(), "sqlstate");
        }
        try (Statement s = conn.createStatement()) {
          s.executeQuery("selec 1");
          throw new AssertionError("no error");
        } catch (SQLException e) {
          expect("42601", e.getSQLState(), "sqlstate");
        }
      });

      check(c, "cancel", conn -> {
        try (Statement s = conn.createStatement()) {
          // A CancelRequest only reaches a query that is already running, so keep asking until it ends.
          ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
          timer.scheduleAtFixedRate(() -> { try { s.cancel(); } catch (SQLException ignored) { } }, 300, 300, TimeUnit.MILLISECONDS);
          try {
            s.executeQuery("select count(*) from range(100000000000) as r(i) where i % 7 = 3");
            throw new AssertionError("the query was not cancelled");
          } catch (SQLException e) {
            expect("57014", e.getSQLState(), "sqlstate");
          } finally {
            timer.shutdownNow();
            timer.awaitTermination(5, TimeUnit.SECONDS);
          }
        }
      });

      check(c, "fetch size streams through a portal", conn -> {
        conn.setAutoCommit(false);
        try (Statement s = conn.createStatement()) {
          s.setFetchSize(100);
          long sum = 0;
          int rows = 0;
          try (ResultSet rs = s.executeQuery("select i from generate_series(1, 1000) as g(i)")) {
            while (rs.next()) { sum += rs.getLong(1); rows++; }
          }
          expect(1000, rows, "rows");
          expect(500500L, sum, "sum");
        } finally {
          conn.commit();
          conn.setAutoCommit(true);
        }
      });

      check(c, "DatabaseMetaData.getTables and getColumns", conn -> {
        DatabaseMetaData md = conn.getMetaData();
        List<String> tables = new ArrayList<>();
        try (ResultSet rs = md.getTables(null, null, "jt", new String[] {"TABLE"})) {
          while (rs.next()) tables.add(rs.getString("TABLE_NAME"));
        }
        expect(List.of("jt"), tables, "getTables");
        List<String> columns = new ArrayList<>();
        try (ResultSet rs = md.getColumns(null, null, "jt", "%")) {
          while (rs.next()) columns.add(rs.getString("COLUMN_NAME") + ":" + rs.getString("TYPE_NAME"));
        }
        expect(List.of("id:int4", "name:text", "price:numeric", "created:timestamp"), columns, "getColumns");
      });

      check(c, "DatabaseMetaData as BI tools browse it", conn -> {
        DatabaseMetaData md = conn.getMetaData();
        List<String> schemas = new ArrayList<>();
        try (ResultSet rs = md.getSchemas()) { while (rs.next()) schemas.add(rs.getString("TABLE_SCHEM")); }
        if (!schemas.contains("main")) throw new AssertionError("getSchemas: " + schemas);
        try (ResultSet rs = md.getCatalogs()) { if (!rs.next()) throw new AssertionError("getCatalogs is empty"); }
        try (ResultSet rs = md.getPrimaryKeys(null, "main", "jt")) { while (rs.next()) { } }
        try (ResultSet rs = md.getImportedKeys(null, "main", "jt")) { while (rs.next()) { } }
        try (ResultSet rs = md.getIndexInfo(null, "main", "jt", false, true)) { while (rs.next()) { } }
        int types = 0;
        try (ResultSet rs = md.getTypeInfo()) { while (rs.next()) types++; }
        if (types < 10) throw new AssertionError("getTypeInfo returned " + types + " types");
        try (ResultSet rs = md.getTableTypes()) { if (!rs.next()) throw new AssertionError("getTableTypes is empty"); }
        try (ResultSet rs = md.getProcedures(null, "main", "%")) { while (rs.next()) { } }
        try (ResultSet rs = md.getFunctions(null, "main", "%")) { while (rs.next()) { } }
      });
    }
    System.exit(failures);
  }
}
