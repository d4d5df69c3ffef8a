// Thin wrappers around sqlite3_db_config(), a variadic C function Swift cannot call.
// This header deliberately does not include <sqlite3.h>: GRDBSQLite already imports it, and a
// second copy of its declarations in another module makes Swift calls ambiguous. The option
// values below are part of SQLite's stable ABI (sqlite3.h, "Database Connection Configuration Options").
#ifndef BULKHEAD_CSQLITECONFIG_H
#define BULKHEAD_CSQLITECONFIG_H

struct sqlite3;
extern int sqlite3_db_config(struct sqlite3 *, int op, ...);

#define BULKHEAD_DBCONFIG_ENABLE_TRIGGER        1003
#define BULKHEAD_DBCONFIG_ENABLE_LOAD_EXTENSION 1005
#define BULKHEAD_DBCONFIG_DEFENSIVE             1010
#define BULKHEAD_DBCONFIG_WRITABLE_SCHEMA       1011
#define BULKHEAD_DBCONFIG_DQS_DML               1013
#define BULKHEAD_DBCONFIG_DQS_DDL               1014
#define BULKHEAD_DBCONFIG_TRUSTED_SCHEMA        1017

/// Sets an on/off option of sqlite3_db_config and returns the value SQLite reports afterwards
/// (0 or 1), or -1 when SQLite refused the call.
static inline int bulkhead_sqlite_db_config_flag(struct sqlite3 *db, int op, int value) {
    int after = -1;
    if (sqlite3_db_config(db, op, value, &after) != 0) { return -1; }
    return after;
}

#endif
