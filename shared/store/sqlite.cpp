#include "shared/store/sqlite.hpp"

#include <fmt/core.h>

#include "shared/store/store_error.hpp"

namespace accueil::sql {

Statement& Statement::bind(int index, std::string_view text) {
  sqlite3_bind_text64(m_stmt, index, text.data(), text.size(), SQLITE_TRANSIENT, SQLITE_UTF8);
  return *this;
}

Statement& Statement::bind_view(int index, std::string_view text) {
  sqlite3_bind_text64(m_stmt, index, text.data(), text.size(), SQLITE_STATIC, SQLITE_UTF8);
  return *this;
}

Statement& Statement::bind(int index, std::int64_t value) {
  sqlite3_bind_int64(m_stmt, index, value);
  return *this;
}

Statement& Statement::bind_null(int index) {
  sqlite3_bind_null(m_stmt, index);
  return *this;
}

Result<bool> Statement::step() {
  int rc = sqlite3_step(m_stmt);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  sqlite3* db = sqlite3_db_handle(m_stmt);
  return std::unexpected(
      sqlite_error(sqlite3_extended_errcode(db), fmt::format("database error: {} (in {})", sqlite3_errmsg(db), sqlite3_sql(m_stmt))));
}

Status Statement::run() {
  for (;;) {
    auto row = step();
    if (!row) {
      reset();
      return std::unexpected(row.error());
    }
    if (!*row) break;
  }
  reset();
  return {};
}

void Statement::reset() {
  sqlite3_reset(m_stmt);
  sqlite3_clear_bindings(m_stmt);
}

std::string Statement::text(int column) const {
  const auto* p = sqlite3_column_text(m_stmt, column);
  if (!p) return {};
  return std::string(reinterpret_cast<const char*>(p), static_cast<std::size_t>(sqlite3_column_bytes(m_stmt, column)));
}

Result<Database> Database::open(const std::string& path, int flags) {
  sqlite3* db = nullptr;
  int rc = sqlite3_open_v2(path.c_str(), &db, flags | SQLITE_OPEN_NOMUTEX, nullptr);
  if (rc != SQLITE_OK) {
    std::string why = db ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
    sqlite3_close_v2(db);
    return fail(fmt::format("cannot open the store {}: {}", path, why));
  }
  sqlite3_extended_result_codes(db, 1);
  return Database(db);
}

Status Database::exec(const char* sql) {
  char* err = nullptr;
  if (int rc = sqlite3_exec(m_db, sql, nullptr, nullptr, &err); rc != SQLITE_OK) {
    std::string message = err ? err : sqlite3_errmsg(m_db);
    sqlite3_free(err);
    return std::unexpected(sqlite_error(rc, fmt::format("database error: {}", message)));
  }
  return {};
}

Result<Statement> Database::prepare(std::string_view sql) {
  sqlite3_stmt* stmt = nullptr;
  int rc = sqlite3_prepare_v3(m_db, sql.data(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT, &stmt, nullptr);
  if (rc != SQLITE_OK)
    return fail(fmt::format("database error: {} (preparing {})", sqlite3_errmsg(m_db), sql));
  return Statement(stmt);
}

Result<Statement*> Database::kept(std::string_view sql) {
  if (auto it = m_kept.find(sql); it != m_kept.end()) return &it->second;
  auto stmt = prepare(sql);
  if (!stmt) return std::unexpected(stmt.error());
  return &m_kept.emplace(std::string(sql), std::move(*stmt)).first->second;
}


}  // namespace accueil::sql
