// A thin RAII layer over SQLite: connections, prepared statements, errors as
// Result values. Only what the store needs; SQL stays visible at call sites.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>

#include "shared/error.hpp"

namespace accueil::sql {

class Statement {
public:
  Statement() = default;
  explicit Statement(sqlite3_stmt* stmt) : m_stmt(stmt) {}
  Statement(Statement&& other) noexcept : m_stmt(std::exchange(other.m_stmt, nullptr)) {}
  Statement& operator=(Statement&& other) noexcept {
    if (this != &other) {
      sqlite3_finalize(m_stmt);
      m_stmt = std::exchange(other.m_stmt, nullptr);
    }
    return *this;
  }
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  ~Statement() { sqlite3_finalize(m_stmt); }

  // Parameters are 1-based, as in SQLite. Text is copied (SQLITE_TRANSIENT).
  Statement& bind(int index, std::string_view text);
  Statement& bind(int index, const char* text) { return bind(index, std::string_view(text)); }
  Statement& bind(int index, const std::string& text) { return bind(index, std::string_view(text)); }
  Statement& bind(int index, std::int64_t value);
  Statement& bind(int index, int value) { return bind(index, static_cast<std::int64_t>(value)); }
  Statement& bind(int index, std::uint32_t value) { return bind(index, static_cast<std::int64_t>(value)); }
  Statement& bind(int index, bool value) { return bind(index, static_cast<std::int64_t>(value)); }
  Statement& bind_null(int index);
  // Binds text without copying it: `text` must stay alive and unchanged until
  // the statement is reset (run() resets it).
  Statement& bind_view(int index, std::string_view text);

  // Runs one step: true when a row is available, false when done.
  Result<bool> step();
  // Steps to completion, for statements that return no rows.
  Status run();
  // Resets for another execution with new bindings.
  void reset();

  std::string text(int column) const;
  std::int64_t integer(int column) const { return sqlite3_column_int64(m_stmt, column); }
  bool is_null(int column) const { return sqlite3_column_type(m_stmt, column) == SQLITE_NULL; }
  // Rows visited by full table scans since the statement was prepared.
  std::int64_t full_scan_steps() const { return sqlite3_stmt_status(m_stmt, SQLITE_STMTSTATUS_FULLSCAN_STEP, 0); }

private:
  sqlite3_stmt* m_stmt = nullptr;
};

class Database {
public:
  Database() = default;
  Database(Database&& other) noexcept : m_db(std::exchange(other.m_db, nullptr)) {}
  Database& operator=(Database&& other) noexcept {
    if (this != &other) {
      sqlite3_close_v2(m_db);
      m_db = std::exchange(other.m_db, nullptr);
    }
    return *this;
  }
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;
  ~Database() { sqlite3_close_v2(m_db); }

  static Result<Database> open(const std::string& path, int flags);

  Status exec(const char* sql);
  Result<Statement> prepare(std::string_view sql);
  std::string error_message() const;
  std::int64_t changes() const { return sqlite3_changes64(m_db); }
  sqlite3* handle() const { return m_db; }

private:
  explicit Database(sqlite3* db) : m_db(db) {}
  sqlite3* m_db = nullptr;
};

}  // namespace accueil::sql
