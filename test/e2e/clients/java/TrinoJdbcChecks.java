// Drives QueryFlux's Trino HTTP frontend with the unmodified Trino JDBC driver (io.trino:trino-jdbc).
// Usage: java -cp trino-jdbc.jar TrinoJdbcChecks.java <port> <check>
// Prints one line per observation; test/e2e/clients/trino-jdbc.test.ts asserts on them.
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

public class TrinoJdbcChecks {
    public static void main(String[] args) throws Exception {
        Properties properties = new Properties();
        properties.setProperty("user", "jdbc-test");
        String url = "jdbc:trino://127.0.0.1:" + args[0] + "/memory/main";
        try (Connection connection = DriverManager.getConnection(url, properties)) {
            switch (args[1]) {
                case "metadata" -> metadata(connection.getMetaData());
                case "types" -> types(connection);
                case "prepared" -> prepared(connection);
                case "update" -> update(connection);
                default -> throw new IllegalArgumentException(args[1]);
            }
        }
    }

    static void metadata(DatabaseMetaData meta) throws Exception {
        print("catalogs", meta.getCatalogs(), "TABLE_CAT");
        print("schemas", meta.getSchemas("memory", null), "TABLE_CATALOG", "TABLE_SCHEM");
        print("schemas like", meta.getSchemas("memory", "s%"), "TABLE_SCHEM");
        print("tables", meta.getTables("memory", "sales", "%", null), "TABLE_CAT", "TABLE_SCHEM", "TABLE_NAME", "TABLE_TYPE");
        print("typed tables", meta.getTables("memory", "main", "ord%", new String[] {"TABLE"}), "TABLE_NAME");
        print("columns", meta.getColumns("memory", "main", "orders", "%"), "COLUMN_NAME", "DATA_TYPE", "TYPE_NAME", "COLUMN_SIZE", "DECIMAL_DIGITS", "ORDINAL_POSITION", "IS_NULLABLE");
        print("table types", meta.getTableTypes(), "TABLE_TYPE");
        ResultSet types = meta.getTypeInfo();
        int count = 0;
        while (types.next()) count++;
        System.out.println("type info rows|" + (count > 10));
        print("primary keys", meta.getPrimaryKeys("memory", "main", "orders"), "COLUMN_NAME");
        print("procedures", meta.getProcedures(null, null, null), "PROCEDURE_NAME");
    }

    static void types(Connection connection) throws Exception {
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT CAST(9007199254740993 AS BIGINT), CAST(2 AS DOUBLE), CAST(1.5 AS REAL), "
                 + "CAST('123.45' AS DECIMAL(10,2)), 'x', from_hex('00ff'), DATE '2020-01-02', TIMESTAMP '2020-01-02 03:04:05.123', "
                 + "true, ARRAY[1, 2], CAST(NULL AS INTEGER)")) {
            ResultSetMetaData md = rs.getMetaData();
            rs.next();
            for (int i = 1; i <= md.getColumnCount(); i++) {
                Object value = rs.getObject(i);
                String shown = value instanceof byte[] bytes ? java.util.HexFormat.of().formatHex(bytes) : value instanceof java.sql.Array array ? java.util.Arrays.toString((Object[]) array.getArray()) : String.valueOf(value);
                System.out.println("column " + i + "|" + md.getColumnTypeName(i) + "|" + (value == null ? "null" : value.getClass().getSimpleName()) + "|" + shown);
            }
        }
    }

    static void prepared(Connection connection) throws Exception {
        try (PreparedStatement statement = connection.prepareStatement("SELECT ?, ?, ?, ?, ?, ?, ?, ?")) {
            statement.setLong(1, 9007199254740993L);
            statement.setString(2, "it's ?");
            statement.setBigDecimal(3, new BigDecimal("1.50"));
            statement.setDate(4, java.sql.Date.valueOf("2020-01-02"));
            statement.setTimestamp(5, java.sql.Timestamp.valueOf("2020-01-02 03:04:05.123"));
            statement.setBytes(6, new byte[] {0, (byte) 0xff});
            statement.setNull(7, java.sql.Types.VARCHAR);
            statement.setBoolean(8, true);
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                List<String> values = new ArrayList<>();
                for (int i = 1; i <= 8; i++) {
                    Object value = rs.getObject(i);
                    values.add(value instanceof byte[] bytes ? java.util.HexFormat.of().formatHex(bytes) : String.valueOf(value));
                }
                System.out.println("prepared|" + String.join("|", values));
            }
        }
    }

    static void update(Connection connection) throws Exception {
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE jdbc_t (a INTEGER)");
            System.out.println("inserted|" + statement.executeUpdate("INSERT INTO jdbc_t VALUES (1), (2), (3)"));
        }
    }

    static void print(String label, ResultSet rs, String... columns) throws Exception {
        List<String> rows = new ArrayList<>();
        while (rs.next()) {
            List<String> values = new ArrayList<>();
            for (String column : columns) values.add(String.valueOf(rs.getObject(column)));
            rows.add(String.join(",", values));
        }
        System.out.println(label + "|" + String.join(";", rows));
    }
}
