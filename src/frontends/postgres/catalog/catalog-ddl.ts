/**
 * The emulated pg_catalog and information_schema, as DuckDB DDL: tables with PostgreSQL 15's
 * column names (the ones psql, pgjdbc, psycopg, Npgsql, DBeaver, Metabase and Grafana read),
 * defaults for every column a snapshot does not fill, views derived from them, and macros for
 * the catalog functions those tools call. Tables a tool may join but QueryFlux has nothing for
 * (pg_index, pg_constraint, pg_policy, …) exist and stay empty, so the joins return no rows
 * instead of failing.
 * @see https://www.postgresql.org/docs/15/catalogs.html
 */

/** OIDs PostgreSQL gives its own catalog objects; drivers compare against some of them. */
export const CatalogOid = {
  pgCatalogNamespace: 11,
  publicNamespace: 2200,
  informationSchemaNamespace: 13_000,
  bootstrapSuperuser: 10,
  database: 16_384,
  heapAm: 2,
  btreeAm: 403,
  defaultCollation: 100,
  defaultTablespace: 1663,
  pgClass: 1259,
  pgType: 1247,
  pgAttribute: 1249,
  pgProc: 1255,
  pgNamespace: 2615,
  pgDatabase: 1262,
  pgDescription: 2609,
  pgConstraint: 2606,
} as const

/** Catalog relations listed in pg_class themselves (some drivers look them up by name). */
export const SYSTEM_RELATIONS: ReadonlyArray<readonly [number, string]> = [
  [CatalogOid.pgClass, 'pg_class'], [CatalogOid.pgType, 'pg_type'], [CatalogOid.pgAttribute, 'pg_attribute'],
  [CatalogOid.pgProc, 'pg_proc'], [CatalogOid.pgNamespace, 'pg_namespace'], [CatalogOid.pgDatabase, 'pg_database'],
  [CatalogOid.pgDescription, 'pg_description'], [CatalogOid.pgConstraint, 'pg_constraint'],
]

const I = 'INTEGER DEFAULT 0'
const B = 'BOOLEAN DEFAULT false'
const T = "VARCHAR DEFAULT ''"
const N = 'VARCHAR DEFAULT NULL'

/** name → column definitions, for tables that hold rows. */
export const CATALOG_TABLES: Readonly<Record<string, string>> = {
  pg_namespace: `oid INTEGER, nspname VARCHAR, nspowner ${I}, nspacl VARCHAR[] DEFAULT NULL`,
  pg_class: `oid INTEGER, relname VARCHAR, relnamespace INTEGER, reltype ${I}, reloftype ${I}, relowner INTEGER DEFAULT 10, relam ${I},
    relfilenode ${I}, reltablespace ${I}, relpages ${I}, reltuples REAL DEFAULT -1, relallvisible ${I}, reltoastrelid ${I},
    relhasindex ${B}, relisshared ${B}, relpersistence VARCHAR DEFAULT 'p', relkind VARCHAR DEFAULT 'r', relnatts SMALLINT DEFAULT 0,
    relchecks SMALLINT DEFAULT 0, relhasrules ${B}, relhastriggers ${B}, relhassubclass ${B}, relrowsecurity ${B},
    relforcerowsecurity ${B}, relispopulated BOOLEAN DEFAULT true, relreplident VARCHAR DEFAULT 'd', relispartition ${B},
    relrewrite ${I}, relfrozenxid ${I}, relminmxid ${I}, relacl VARCHAR[] DEFAULT NULL, reloptions VARCHAR[] DEFAULT NULL, relpartbound ${N}`,
  pg_attribute: `attrelid INTEGER, attname VARCHAR, atttypid INTEGER, attstattarget INTEGER DEFAULT -1, attlen SMALLINT DEFAULT -1,
    attnum SMALLINT, attndims ${I}, attcacheoff INTEGER DEFAULT -1, atttypmod INTEGER DEFAULT -1, attbyval ${B},
    attalign VARCHAR DEFAULT 'i', attstorage VARCHAR DEFAULT 'p', attcompression ${T}, attnotnull ${B}, atthasdef ${B},
    atthasmissing ${B}, attidentity ${T}, attgenerated ${T}, attisdropped ${B}, attislocal BOOLEAN DEFAULT true,
    attinhcount ${I}, attcollation ${I}, attacl VARCHAR[] DEFAULT NULL, attoptions VARCHAR[] DEFAULT NULL,
    attfdwoptions VARCHAR[] DEFAULT NULL, attmissingval ${N}`,
  pg_type: `oid INTEGER, typname VARCHAR, typnamespace INTEGER DEFAULT 11, typowner INTEGER DEFAULT 10, typlen SMALLINT,
    typbyval ${B}, typtype VARCHAR DEFAULT 'b', typcategory VARCHAR, typispreferred ${B}, typisdefined BOOLEAN DEFAULT true,
    typdelim VARCHAR DEFAULT ',', typrelid ${I}, typsubscript ${T}, typelem ${I}, typarray ${I}, typinput VARCHAR,
    typoutput VARCHAR, typreceive VARCHAR, typsend VARCHAR, typmodin ${T}, typmodout ${T}, typanalyze ${T},
    typalign VARCHAR DEFAULT 'i', typstorage VARCHAR DEFAULT 'p', typnotnull ${B}, typbasetype ${I}, typtypmod INTEGER DEFAULT -1,
    typndims ${I}, typcollation ${I}, typdefaultbin ${N}, typdefault ${N}, typacl VARCHAR[] DEFAULT NULL,
    qf_display VARCHAR`,
  pg_database: `oid INTEGER, datname VARCHAR, datdba INTEGER DEFAULT 10, encoding INTEGER DEFAULT 6, datlocprovider VARCHAR DEFAULT 'c',
    datistemplate ${B}, datallowconn BOOLEAN DEFAULT true, datconnlimit INTEGER DEFAULT -1, datfrozenxid ${I}, datminmxid ${I},
    dattablespace INTEGER DEFAULT 1663, datcollate VARCHAR DEFAULT 'C.UTF-8', datctype VARCHAR DEFAULT 'C.UTF-8',
    daticulocale ${N}, datcollversion ${N}, datacl VARCHAR[] DEFAULT NULL`,
  pg_authid: `oid INTEGER, rolname VARCHAR, rolsuper ${B}, rolinherit BOOLEAN DEFAULT true, rolcreaterole ${B}, rolcreatedb ${B},
    rolcanlogin BOOLEAN DEFAULT true, rolreplication ${B}, rolbypassrls ${B}, rolconnlimit INTEGER DEFAULT -1,
    rolpassword ${N}, rolvaliduntil ${N}, rolconfig VARCHAR[] DEFAULT NULL`,
  pg_auth_members: 'roleid INTEGER, member INTEGER, grantor INTEGER, admin_option BOOLEAN',
  pg_am: `oid INTEGER, amname VARCHAR, amhandler ${T}, amtype VARCHAR`,
  pg_collation: `oid INTEGER, collname VARCHAR, collnamespace INTEGER DEFAULT 11, collowner INTEGER DEFAULT 10,
    collprovider VARCHAR DEFAULT 'd', collisdeterministic BOOLEAN DEFAULT true, collencoding INTEGER DEFAULT -1,
    collcollate ${N}, collctype ${N}, colliculocale ${N}, collversion ${N}`,
  pg_tablespace: `oid INTEGER, spcname VARCHAR, spcowner INTEGER DEFAULT 10, spcacl VARCHAR[] DEFAULT NULL, spcoptions VARCHAR[] DEFAULT NULL`,
  pg_language: `oid INTEGER, lanname VARCHAR, lanowner INTEGER DEFAULT 10, lanispl ${B}, lanpltrusted ${B}, lanplcallfoid ${I},
    laninline ${I}, lanvalidator ${I}, lanacl VARCHAR[] DEFAULT NULL`,
  pg_settings: `name VARCHAR, setting VARCHAR, unit ${N}, category ${T}, short_desc ${T}, extra_desc ${N}, context VARCHAR DEFAULT 'user',
    vartype VARCHAR DEFAULT 'string', source VARCHAR DEFAULT 'default', min_val ${N}, max_val ${N}, enumvals VARCHAR[] DEFAULT NULL,
    boot_val ${N}, reset_val ${N}, sourcefile ${N}, sourceline ${N}, pending_restart ${B}`,
  pg_description: `objoid INTEGER, classoid INTEGER, objsubid INTEGER, description VARCHAR`,
  pg_shdescription: `objoid INTEGER, classoid INTEGER, description VARCHAR`,
  pg_proc: `oid INTEGER, proname VARCHAR, pronamespace INTEGER, proowner INTEGER DEFAULT 10, prolang ${I}, procost REAL DEFAULT 1,
    prorows REAL DEFAULT 0, provariadic ${I}, prosupport ${T}, prokind VARCHAR DEFAULT 'f', prosecdef ${B}, proleakproof ${B},
    proisstrict ${B}, proretset ${B}, provolatile VARCHAR DEFAULT 'v', proparallel VARCHAR DEFAULT 'u', pronargs SMALLINT DEFAULT 0,
    pronargdefaults SMALLINT DEFAULT 0, prorettype ${I}, proargtypes INTEGER[] DEFAULT NULL, proallargtypes INTEGER[] DEFAULT NULL,
    proargmodes VARCHAR[] DEFAULT NULL, proargnames VARCHAR[] DEFAULT NULL, proargdefaults ${N}, protrftypes INTEGER[] DEFAULT NULL,
    prosrc ${T}, probin ${N}, prosqlbody ${N}, proconfig VARCHAR[] DEFAULT NULL, proacl VARCHAR[] DEFAULT NULL`,
  pg_index: `indexrelid INTEGER, indrelid INTEGER, indnatts SMALLINT, indnkeyatts SMALLINT, indisunique BOOLEAN, indnullsnotdistinct BOOLEAN,
    indisprimary BOOLEAN, indisexclusion BOOLEAN, indimmediate BOOLEAN, indisclustered BOOLEAN, indisvalid BOOLEAN,
    indcheckxmin BOOLEAN, indisready BOOLEAN, indislive BOOLEAN, indisreplident BOOLEAN, indkey INTEGER[], indcollation INTEGER[],
    indclass INTEGER[], indoption INTEGER[], indexprs VARCHAR, indpred VARCHAR`,
  pg_constraint: `oid INTEGER, conname VARCHAR, connamespace INTEGER, contype VARCHAR, condeferrable BOOLEAN, condeferred BOOLEAN,
    convalidated BOOLEAN, conrelid INTEGER, contypid INTEGER, conindid INTEGER, conparentid INTEGER, confrelid INTEGER,
    confupdtype VARCHAR, confdeltype VARCHAR, confmatchtype VARCHAR, conislocal BOOLEAN, coninhcount INTEGER, connoinherit BOOLEAN,
    conkey SMALLINT[], confkey SMALLINT[], conpfeqop INTEGER[], conppeqop INTEGER[], conffeqop INTEGER[], confdelsetcols SMALLINT[],
    conexclop INTEGER[], conbin VARCHAR`,
  pg_attrdef: 'oid INTEGER, adrelid INTEGER, adnum SMALLINT, adbin VARCHAR',
  pg_inherits: 'inhrelid INTEGER, inhparent INTEGER, inhseqno INTEGER, inhdetachpending BOOLEAN',
  pg_policy: 'oid INTEGER, polname VARCHAR, polrelid INTEGER, polcmd VARCHAR, polpermissive BOOLEAN, polroles INTEGER[], polqual VARCHAR, polwithcheck VARCHAR',
  pg_statistic_ext: 'oid INTEGER, stxrelid INTEGER, stxname VARCHAR, stxnamespace INTEGER, stxowner INTEGER, stxstattarget INTEGER, stxkeys SMALLINT[], stxkind VARCHAR[], stxexprs VARCHAR',
  pg_publication: 'oid INTEGER, pubname VARCHAR, pubowner INTEGER, puballtables BOOLEAN, pubinsert BOOLEAN, pubupdate BOOLEAN, pubdelete BOOLEAN, pubtruncate BOOLEAN, pubviaroot BOOLEAN',
  pg_publication_rel: 'oid INTEGER, prpubid INTEGER, prrelid INTEGER, prqual VARCHAR, prattrs SMALLINT[]',
  pg_publication_namespace: 'oid INTEGER, pnpubid INTEGER, pnnspid INTEGER',
  pg_trigger: 'oid INTEGER, tgrelid INTEGER, tgparentid INTEGER, tgname VARCHAR, tgfoid INTEGER, tgtype SMALLINT, tgenabled VARCHAR, tgisinternal BOOLEAN, tgconstrrelid INTEGER, tgconstrindid INTEGER, tgconstraint INTEGER, tgdeferrable BOOLEAN, tginitdeferred BOOLEAN, tgnargs SMALLINT, tgattr SMALLINT[], tgargs VARCHAR, tgqual VARCHAR, tgoldtable VARCHAR, tgnewtable VARCHAR',
  pg_rewrite: 'oid INTEGER, rulename VARCHAR, ev_class INTEGER, ev_type VARCHAR, ev_enabled VARCHAR, is_instead BOOLEAN, ev_qual VARCHAR, ev_action VARCHAR',
  pg_extension: 'oid INTEGER, extname VARCHAR, extowner INTEGER, extnamespace INTEGER, extrelocatable BOOLEAN, extversion VARCHAR, extconfig INTEGER[], extcondition VARCHAR[]',
  pg_enum: 'oid INTEGER, enumtypid INTEGER, enumsortorder REAL, enumlabel VARCHAR',
  pg_range: 'rngtypid INTEGER, rngsubtype INTEGER, rngmultitypid INTEGER, rngcollation INTEGER, rngsubopc INTEGER, rngcanonical VARCHAR, rngsubdiff VARCHAR',
  pg_depend: 'classid INTEGER, objid INTEGER, objsubid INTEGER, refclassid INTEGER, refobjid INTEGER, refobjsubid INTEGER, deptype VARCHAR',
  pg_shdepend: 'dbid INTEGER, classid INTEGER, objid INTEGER, objsubid INTEGER, refclassid INTEGER, refobjid INTEGER, deptype VARCHAR',
  pg_sequence: 'seqrelid INTEGER, seqtypid INTEGER, seqstart BIGINT, seqincrement BIGINT, seqmax BIGINT, seqmin BIGINT, seqcache BIGINT, seqcycle BOOLEAN',
  pg_foreign_table: 'ftrelid INTEGER, ftserver INTEGER, ftoptions VARCHAR[]',
  pg_foreign_server: 'oid INTEGER, srvname VARCHAR, srvowner INTEGER, srvfdw INTEGER, srvtype VARCHAR, srvversion VARCHAR, srvacl VARCHAR[], srvoptions VARCHAR[]',
  pg_foreign_data_wrapper: 'oid INTEGER, fdwname VARCHAR, fdwowner INTEGER, fdwhandler INTEGER, fdwvalidator INTEGER, fdwacl VARCHAR[], fdwoptions VARCHAR[]',
  pg_event_trigger: 'oid INTEGER, evtname VARCHAR, evtevent VARCHAR, evtowner INTEGER, evtfoid INTEGER, evtenabled VARCHAR, evttags VARCHAR[]',
  pg_cast: 'oid INTEGER, castsource INTEGER, casttarget INTEGER, castfunc INTEGER, castcontext VARCHAR, castmethod VARCHAR',
  pg_operator: 'oid INTEGER, oprname VARCHAR, oprnamespace INTEGER, oprowner INTEGER, oprkind VARCHAR, oprcanmerge BOOLEAN, oprcanhash BOOLEAN, oprleft INTEGER, oprright INTEGER, oprresult INTEGER, oprcom INTEGER, oprnegate INTEGER, oprcode VARCHAR, oprrest VARCHAR, oprjoin VARCHAR',
  pg_aggregate: 'aggfnoid INTEGER, aggkind VARCHAR, aggnumdirectargs SMALLINT, aggtransfn VARCHAR, aggfinalfn VARCHAR, aggtranstype INTEGER',
  pg_opclass: 'oid INTEGER, opcmethod INTEGER, opcname VARCHAR, opcnamespace INTEGER, opcowner INTEGER, opcfamily INTEGER, opcintype INTEGER, opcdefault BOOLEAN, opckeytype INTEGER',
  pg_conversion: 'oid INTEGER, conname VARCHAR, connamespace INTEGER, conowner INTEGER, conforencoding INTEGER, contoencoding INTEGER, conproc VARCHAR, condefault BOOLEAN',
  pg_partitioned_table: 'partrelid INTEGER, partstrat VARCHAR, partnatts SMALLINT, partdefid INTEGER, partattrs SMALLINT[], partclass INTEGER[], partcollation INTEGER[], partexprs VARCHAR',
  pg_stat_activity: 'datid INTEGER, datname VARCHAR, pid INTEGER, leader_pid INTEGER, usesysid INTEGER, usename VARCHAR, application_name VARCHAR, client_addr VARCHAR, client_hostname VARCHAR, client_port INTEGER, backend_start TIMESTAMPTZ, xact_start TIMESTAMPTZ, query_start TIMESTAMPTZ, state_change TIMESTAMPTZ, wait_event_type VARCHAR, wait_event VARCHAR, state VARCHAR, backend_xid INTEGER, backend_xmin INTEGER, query_id BIGINT, query VARCHAR, backend_type VARCHAR',
  pg_locks: 'locktype VARCHAR, database INTEGER, relation INTEGER, pid INTEGER, mode VARCHAR, granted BOOLEAN',
  pg_matviews: 'schemaname VARCHAR, matviewname VARCHAR, matviewowner VARCHAR, tablespace VARCHAR, hasindexes BOOLEAN, ispopulated BOOLEAN, definition VARCHAR',
  qf_session: 'database VARCHAR, user_name VARCHAR, schema_name VARCHAR, backend_pid INTEGER, version VARCHAR',
  /** Schemas on the session's search_path, in order (pg_table_is_visible, current_schemas). */
  qf_search_path: 'pos INTEGER, nspname VARCHAR',
}

/** Views over the tables, as PostgreSQL defines them (columns drivers read). */
export const CATALOG_VIEWS: readonly string[] = [
  `CREATE VIEW pg_roles AS SELECT rolname, rolsuper, rolinherit, rolcreaterole, rolcreatedb, rolcanlogin, rolreplication, rolconnlimit,
    '********' AS rolpassword, rolvaliduntil, rolbypassrls, rolconfig, oid FROM pg_authid`,
  `CREATE VIEW pg_user AS SELECT rolname AS usename, oid AS usesysid, rolcreatedb AS usecreatedb, rolsuper AS usesuper,
    rolreplication AS userepl, rolbypassrls AS usebypassrls, '********' AS passwd, rolvaliduntil AS valuntil, rolconfig AS useconfig FROM pg_authid`,
  `CREATE VIEW pg_tables AS SELECT n.nspname AS schemaname, c.relname AS tablename, 'queryflux' AS tableowner, NULL::VARCHAR AS tablespace,
    false AS hasindexes, false AS hasrules, false AS hastriggers, false AS rowsecurity
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind IN ('r', 'p')`,
  `CREATE VIEW pg_views AS SELECT n.nspname AS schemaname, c.relname AS viewname, 'queryflux' AS viewowner, NULL::VARCHAR AS definition
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind = 'v'`,
  `CREATE VIEW pg_indexes AS SELECT NULL::VARCHAR AS schemaname, NULL::VARCHAR AS tablename, NULL::VARCHAR AS indexname,
    NULL::VARCHAR AS tablespace, NULL::VARCHAR AS indexdef WHERE false`,
  `CREATE VIEW pg_stat_user_tables AS SELECT c.oid AS relid, n.nspname AS schemaname, c.relname, 0::BIGINT AS seq_scan, 0::BIGINT AS n_live_tup
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind IN ('r', 'p') AND n.nspname NOT IN ('pg_catalog', 'information_schema')`,
  `CREATE VIEW pg_statio_user_tables AS SELECT c.oid AS relid, n.nspname AS schemaname, c.relname FROM pg_class c
    JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind IN ('r', 'p') AND n.nspname NOT IN ('pg_catalog', 'information_schema')`,
]

/** Column lists of the information_schema views QueryFlux keeps empty. */
const EMPTY_COLUMNS: Record<string, string> = {
  table_constraints: 'constraint_catalog, constraint_schema, constraint_name, table_catalog, table_schema, table_name, constraint_type, is_deferrable, initially_deferred, enforced, nulls_distinct',
  key_column_usage: 'constraint_catalog, constraint_schema, constraint_name, table_catalog, table_schema, table_name, column_name, ordinal_position, position_in_unique_constraint',
  referential_constraints: 'constraint_catalog, constraint_schema, constraint_name, unique_constraint_catalog, unique_constraint_schema, unique_constraint_name, match_option, update_rule, delete_rule',
  constraint_column_usage: 'table_catalog, table_schema, table_name, column_name, constraint_catalog, constraint_schema, constraint_name',
  check_constraints: 'constraint_catalog, constraint_schema, constraint_name, check_clause',
  routines: 'specific_catalog, specific_schema, specific_name, routine_catalog, routine_schema, routine_name, routine_type, data_type, type_udt_name, routine_definition, external_language',
  parameters: 'specific_catalog, specific_schema, specific_name, ordinal_position, parameter_mode, parameter_name, data_type, udt_name',
  triggers: 'trigger_catalog, trigger_schema, trigger_name, event_manipulation, event_object_catalog, event_object_schema, event_object_table, action_statement, action_orientation, action_timing',
  sequences: 'sequence_catalog, sequence_schema, sequence_name, data_type, numeric_precision, numeric_scale, start_value, minimum_value, maximum_value, increment, cycle_option',
  domains: 'domain_catalog, domain_schema, domain_name, data_type',
  table_privileges: 'grantor, grantee, table_catalog, table_schema, table_name, privilege_type, is_grantable, with_hierarchy',
  column_privileges: 'grantor, grantee, table_catalog, table_schema, table_name, column_name, privilege_type, is_grantable',
  usage_privileges: 'grantor, grantee, object_catalog, object_schema, object_name, object_type, privilege_type, is_grantable',
  element_types: 'object_catalog, object_schema, object_name, object_type, collection_type_identifier, data_type',
  attributes: 'udt_catalog, udt_schema, udt_name, attribute_name, ordinal_position, data_type',
  user_defined_types: 'user_defined_type_catalog, user_defined_type_schema, user_defined_type_name, user_defined_type_category',
  character_sets: 'character_set_catalog, character_set_schema, character_set_name, character_repertoire, form_of_use, default_collate_catalog, default_collate_schema, default_collate_name',
  collations: 'collation_catalog, collation_schema, collation_name, pad_attribute',
  view_table_usage: 'view_catalog, view_schema, view_name, table_catalog, table_schema, table_name',
  view_column_usage: 'view_catalog, view_schema, view_name, table_catalog, table_schema, table_name, column_name',
}

const INFORMATION_SCHEMA_EMPTY: Record<string, string> = Object.fromEntries(Object.entries(EMPTY_COLUMNS).map(([name, columns]) => [
  name,
  `(SELECT ${columns.split(',').map((c) => `NULL::VARCHAR AS ${c.trim()}`).join(', ')}) WHERE false`,
]))

/** information_schema, in its own DuckDB schema (DuckDB has a built-in one the rewrite steers around). */
export const INFORMATION_SCHEMA = 'qf_information_schema'

export const INFORMATION_SCHEMA_VIEWS: readonly string[] = [
  `CREATE VIEW ${INFORMATION_SCHEMA}.schemata AS SELECT (SELECT database FROM qf_session) AS catalog_name, nspname AS schema_name,
    'queryflux' AS schema_owner, NULL::VARCHAR AS default_character_set_catalog, NULL::VARCHAR AS default_character_set_schema,
    NULL::VARCHAR AS default_character_set_name, NULL::VARCHAR AS sql_path FROM pg_namespace`,
  `CREATE VIEW ${INFORMATION_SCHEMA}.tables AS SELECT (SELECT database FROM qf_session) AS table_catalog, n.nspname AS table_schema,
    c.relname AS table_name, CASE WHEN n.nspname IN ('pg_catalog', 'information_schema') AND c.relkind = 'r' THEN 'BASE TABLE'
    WHEN c.relkind = 'v' THEN 'VIEW' WHEN c.relkind = 'f' THEN 'FOREIGN' ELSE 'BASE TABLE' END AS table_type,
    NULL::VARCHAR AS self_referencing_column_name, NULL::VARCHAR AS reference_generation, NULL::VARCHAR AS user_defined_type_catalog,
    NULL::VARCHAR AS user_defined_type_schema, NULL::VARCHAR AS user_defined_type_name, 'YES' AS is_insertable_into, 'NO' AS is_typed,
    NULL::VARCHAR AS commit_action FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind IN ('r', 'p', 'v', 'f', 'm')`,
  `CREATE VIEW ${INFORMATION_SCHEMA}.views AS SELECT (SELECT database FROM qf_session) AS table_catalog, n.nspname AS table_schema,
    c.relname AS table_name, NULL::VARCHAR AS view_definition, 'NONE' AS check_option, 'NO' AS is_updatable, 'NO' AS is_insertable_into,
    'NO' AS is_trigger_updatable, 'NO' AS is_trigger_deletable, 'NO' AS is_trigger_insertable_into
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind = 'v'`,
  `CREATE VIEW ${INFORMATION_SCHEMA}.columns AS SELECT (SELECT database FROM qf_session) AS table_catalog, n.nspname AS table_schema,
    c.relname AS table_name, a.attname AS column_name, a.attnum::INTEGER AS ordinal_position, NULL::VARCHAR AS column_default,
    CASE WHEN a.attnotnull THEN 'NO' ELSE 'YES' END AS is_nullable, qf_sql_type_name(a.atttypid) AS data_type,
    CASE WHEN a.atttypid IN (1043, 1042) AND a.atttypmod > 4 THEN a.atttypmod - 4 ELSE NULL END AS character_maximum_length,
    NULL::INTEGER AS character_octet_length,
    CASE WHEN a.atttypid = 21 THEN 16 WHEN a.atttypid = 23 THEN 32 WHEN a.atttypid = 20 THEN 64 WHEN a.atttypid = 700 THEN 24
      WHEN a.atttypid = 701 THEN 53 WHEN a.atttypid = 1700 AND a.atttypmod >= 4 THEN (a.atttypmod - 4) >> 16 ELSE NULL END AS numeric_precision,
    CASE WHEN a.atttypid IN (21, 23, 20, 1700) THEN 10 WHEN a.atttypid IN (700, 701) THEN 2 ELSE NULL END AS numeric_precision_radix,
    CASE WHEN a.atttypid IN (21, 23, 20) THEN 0 WHEN a.atttypid = 1700 AND a.atttypmod >= 4 THEN (a.atttypmod - 4) & 65535 ELSE NULL END AS numeric_scale,
    CASE WHEN a.atttypid IN (1083, 1114, 1184, 1266) THEN CASE WHEN a.atttypmod >= 0 THEN a.atttypmod ELSE 6 END WHEN a.atttypid = 1082 THEN 0 ELSE NULL END AS datetime_precision,
    NULL::VARCHAR AS interval_type, NULL::INTEGER AS interval_precision, NULL::VARCHAR AS character_set_catalog,
    NULL::VARCHAR AS character_set_schema, NULL::VARCHAR AS character_set_name, NULL::VARCHAR AS collation_catalog,
    NULL::VARCHAR AS collation_schema, NULL::VARCHAR AS collation_name, NULL::VARCHAR AS domain_catalog, NULL::VARCHAR AS domain_schema,
    NULL::VARCHAR AS domain_name, (SELECT database FROM qf_session) AS udt_catalog, 'pg_catalog' AS udt_schema, t.typname AS udt_name,
    NULL::VARCHAR AS scope_catalog, NULL::VARCHAR AS scope_schema, NULL::VARCHAR AS scope_name, NULL::INTEGER AS maximum_cardinality,
    a.attnum::VARCHAR AS dtd_identifier, 'NO' AS is_self_referencing, 'NO' AS is_identity, NULL::VARCHAR AS identity_generation,
    NULL::VARCHAR AS identity_start, NULL::VARCHAR AS identity_increment, NULL::VARCHAR AS identity_maximum,
    NULL::VARCHAR AS identity_minimum, NULL::VARCHAR AS identity_cycle, 'NEVER' AS is_generated, NULL::VARCHAR AS generation_expression,
    'YES' AS is_updatable
    FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
    LEFT JOIN pg_type t ON t.oid = a.atttypid WHERE a.attnum > 0 AND NOT a.attisdropped AND c.relkind IN ('r', 'p', 'v', 'f', 'm')`,
  ...['table_constraints', 'key_column_usage', 'referential_constraints', 'constraint_column_usage', 'check_constraints',
    'routines', 'parameters', 'triggers', 'sequences', 'domains', 'table_privileges', 'column_privileges', 'usage_privileges',
    'element_types', 'attributes', 'user_defined_types', 'character_sets', 'collations', 'view_table_usage', 'view_column_usage',
  ].map((name) => `CREATE VIEW ${INFORMATION_SCHEMA}.${name} AS SELECT * FROM ${INFORMATION_SCHEMA_EMPTY[name] ?? '(SELECT NULL::VARCHAR AS constraint_catalog) WHERE false'}`),
  `CREATE VIEW ${INFORMATION_SCHEMA}.enabled_roles AS SELECT user_name AS role_name FROM qf_session`,
  `CREATE VIEW ${INFORMATION_SCHEMA}.applicable_roles AS SELECT user_name AS grantee, user_name AS role_name, 'NO' AS is_grantable FROM qf_session WHERE false`,
]

/**
 * PostgreSQL catalog functions as DuckDB macros. Ownership, privileges and visibility are
 * answered permissively (QueryFlux has no per-object grants); definitions QueryFlux cannot know
 * (index, constraint and view definitions, comments) are NULL.
 */
export const CATALOG_MACROS: readonly string[] = [
  "CREATE MACRO pg_get_userbyid(id) AS 'queryflux'",
  `CREATE MACRO pg_table_is_visible(id) AS (SELECT count(*) > 0 FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE c.oid = id AND (n.nspname = 'pg_catalog' OR n.nspname IN (SELECT nspname FROM qf_search_path)))`,
  'CREATE MACRO pg_type_is_visible(id) AS true',
  'CREATE MACRO pg_function_is_visible(id) AS true',
  'CREATE MACRO pg_is_other_temp_schema(id) AS false',
  'CREATE MACRO pg_my_temp_schema() AS 0',
  "CREATE MACRO pg_encoding_to_char(enc) AS 'UTF8'",
  'CREATE MACRO pg_get_expr(expr, relid) AS NULL::VARCHAR, (expr, relid, pretty) AS NULL::VARCHAR',
  'CREATE MACRO pg_get_indexdef(id) AS NULL::VARCHAR, (id, col, pretty) AS NULL::VARCHAR',
  'CREATE MACRO pg_get_constraintdef(id) AS NULL::VARCHAR, (id, pretty) AS NULL::VARCHAR',
  'CREATE MACRO pg_get_viewdef(id) AS NULL::VARCHAR, (id, pretty) AS NULL::VARCHAR',
  'CREATE MACRO pg_get_triggerdef(id) AS NULL::VARCHAR, (id, pretty) AS NULL::VARCHAR',
  'CREATE MACRO pg_get_ruledef(id) AS NULL::VARCHAR, (id, pretty) AS NULL::VARCHAR',
  'CREATE MACRO pg_get_partkeydef(id) AS NULL::VARCHAR',
  'CREATE MACRO pg_get_statisticsobjdef_columns(id) AS NULL::VARCHAR',
  'CREATE MACRO pg_get_function_result(id) AS NULL::VARCHAR',
  'CREATE MACRO pg_get_function_arguments(id) AS NULL::VARCHAR',
  'CREATE MACRO pg_get_function_identity_arguments(id) AS NULL::VARCHAR',
  'CREATE MACRO pg_get_serial_sequence(tab, col) AS NULL::VARCHAR',
  'CREATE MACRO pg_relation_is_publishable(id) AS false',
  'CREATE MACRO obj_description(id) AS NULL::VARCHAR, (id, cat) AS NULL::VARCHAR',
  'CREATE MACRO col_description(id, col) AS NULL::VARCHAR',
  'CREATE MACRO shobj_description(id, cat) AS NULL::VARCHAR',
  'CREATE MACRO has_table_privilege(a, b) AS true, (a, b, c) AS true',
  'CREATE MACRO has_schema_privilege(a, b) AS true, (a, b, c) AS true',
  'CREATE MACRO has_database_privilege(a, b) AS true, (a, b, c) AS true',
  'CREATE MACRO has_column_privilege(a, b, c) AS true, (a, b, c, d) AS true',
  'CREATE MACRO has_function_privilege(a, b) AS true, (a, b, c) AS true',
  'CREATE MACRO has_sequence_privilege(a, b) AS true, (a, b, c) AS true',
  'CREATE MACRO has_any_column_privilege(a, b) AS true, (a, b, c) AS true',
  'CREATE MACRO pg_has_role(a, b) AS true, (a, b, c) AS true',
  'CREATE MACRO pg_relation_size(id) AS 0::BIGINT, (id, fork) AS 0::BIGINT',
  'CREATE MACRO pg_total_relation_size(id) AS 0::BIGINT',
  'CREATE MACRO pg_table_size(id) AS 0::BIGINT',
  'CREATE MACRO pg_indexes_size(id) AS 0::BIGINT',
  'CREATE MACRO pg_database_size(id) AS 0::BIGINT',
  "CREATE MACRO pg_size_pretty(n) AS n::VARCHAR || ' bytes'",
  'CREATE MACRO array_upper(arr, dim) AS CASE WHEN len(arr) = 0 THEN NULL ELSE len(arr) END',
  'CREATE MACRO array_lower(arr, dim) AS CASE WHEN len(arr) = 0 THEN NULL ELSE 1 END',
  'CREATE MACRO txid_current() AS 1::BIGINT',
  'CREATE MACRO pg_postmaster_start_time() AS now()',
  'CREATE MACRO inet_server_addr() AS NULL::VARCHAR',
  'CREATE MACRO inet_server_port() AS NULL::INTEGER',
  'CREATE MACRO pg_is_in_recovery() AS false',
  "CREATE MACRO quote_ident(s) AS CASE WHEN regexp_full_match(s, '[a-z_][a-z0-9_$]*') THEN s ELSE '\"' || replace(s, '\"', '\"\"') || '\"' END",
  `CREATE MACRO format_type(id, typmod) AS CASE
      WHEN id IS NULL THEN NULL
      WHEN id = 1700 AND typmod >= 4 THEN 'numeric(' || ((typmod - 4) >> 16) || ',' || ((typmod - 4) & 65535) || ')'
      WHEN id = 1043 AND typmod >= 4 THEN 'character varying(' || (typmod - 4) || ')'
      WHEN id = 1042 AND typmod >= 4 THEN 'character(' || (typmod - 4) || ')'
      WHEN id IN (1083, 1114, 1184, 1266) AND typmod >= 0 THEN regexp_replace((SELECT qf_display FROM pg_type WHERE oid = id), '^(time|timestamp)', '\\1(' || typmod || ')')
      ELSE coalesce((SELECT qf_display FROM pg_type WHERE oid = id), '???') END`,
  `CREATE MACRO qf_sql_type_name(id) AS CASE
      WHEN (SELECT typcategory FROM pg_type WHERE oid = id) = 'A' THEN 'ARRAY'
      WHEN id IN (1042, 1043, 1083, 1114, 1184, 1266, 1186, 16, 21, 23, 20, 700, 701, 1700, 25, 17, 1082) THEN (SELECT qf_display FROM pg_type WHERE oid = id)
      ELSE 'USER-DEFINED' END`,
  "CREATE MACRO qf_regclass_name(id) AS coalesce((SELECT relname FROM pg_class WHERE oid = id), id::VARCHAR)",
  "CREATE MACRO qf_regtype_name(id) AS coalesce((SELECT qf_display FROM pg_type WHERE oid = id), id::VARCHAR)",
  "CREATE MACRO qf_regnamespace_name(id) AS coalesce((SELECT nspname FROM pg_namespace WHERE oid = id), id::VARCHAR)",
  "CREATE MACRO qf_regproc_name(id) AS id::VARCHAR",
  // pgjdbc's getPrimaryKeys/getIndexInfo expand key arrays with it; only its shape matters (pg_constraint is empty).
  `CREATE MACRO ${INFORMATION_SCHEMA}._pg_expandarray(arr) AS {'x': arr[1], 'n': 1}`,
  `CREATE MACRO pg_get_keywords() AS TABLE SELECT * FROM (VALUES ('all', 'R', 'reserved'), ('and', 'R', 'reserved'), ('select', 'R', 'reserved'),
    ('from', 'R', 'reserved'), ('where', 'R', 'reserved'), ('table', 'R', 'reserved'), ('user', 'R', 'reserved')) AS k(word, catcode, catdesc)`,
]

/** PostgreSQL type names DuckDB does not have, as aliases so casts to them bind. */
export const CATALOG_TYPES: readonly string[] = [
  'CREATE TYPE regclass AS INTEGER', 'CREATE TYPE regtype AS INTEGER', 'CREATE TYPE regnamespace AS INTEGER',
  'CREATE TYPE regrole AS INTEGER', 'CREATE TYPE regoper AS INTEGER', 'CREATE TYPE regprocedure AS INTEGER',
  'CREATE TYPE regproc AS VARCHAR', 'CREATE TYPE name AS VARCHAR', 'CREATE TYPE aclitem AS VARCHAR',
  'CREATE TYPE pg_node_tree AS VARCHAR', 'CREATE TYPE int2vector AS SMALLINT[]', 'CREATE TYPE oidvector AS INTEGER[]',
  'CREATE TYPE xid AS INTEGER', 'CREATE TYPE cid AS INTEGER', 'CREATE TYPE tid AS VARCHAR', 'CREATE TYPE anyarray AS VARCHAR[]',
  'CREATE TYPE regconfig AS INTEGER',
]
