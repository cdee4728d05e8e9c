// A fingerprint of a store's tables, to check that what failed changed nothing.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <string>

#include "shared/store/store.hpp"
#include "tests/fuzz/fuzz.hpp"

namespace accueil::fuzz {

// Every row of `table` in rowid order, every column's type and bytes, hashed.
inline std::uint64_t table_hash(Store& store, const char* table) {
  sqlite3* db = store.database().handle();
  const std::string sql = std::string("SELECT * FROM ") + table + " ORDER BY rowid";
  sqlite3_stmt* stmt = nullptr;
  if (sqlite3_prepare_v2(db, sql.c_str(), -1, &stmt, nullptr) != SQLITE_OK) {
    std::fprintf(stderr, "fuzz: cannot read table %s: %s\n", table, sqlite3_errmsg(db));
    std::abort();
  }
  std::uint64_t h = fnv1a("");
  while (sqlite3_step(stmt) == SQLITE_ROW) {
    const int columns = sqlite3_column_count(stmt);
    for (int c = 0; c < columns; ++c) {
      const char type = static_cast<char>('0' + sqlite3_column_type(stmt, c));
      h = fnv1a(std::string_view(&type, 1), h);
      const void* blob = sqlite3_column_blob(stmt, c);
      const int n = sqlite3_column_bytes(stmt, c);
      h = fnv1a(std::string_view(static_cast<const char*>(blob), blob ? static_cast<std::size_t>(n) : 0), h);
      h = fnv1a("\x1f", h);
    }
    h = fnv1a("\x1e", h);
  }
  sqlite3_finalize(stmt);
  return h;
}

}  // namespace accueil::fuzz
