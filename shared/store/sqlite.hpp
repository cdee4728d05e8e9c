// A thin RAII layer over SQLite: connections, prepared statements, errors as
// Result values. Only what the store needs; SQL stays visible at call sites.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <unordered_map>
#include <utility>
#include <vector>

#include "shared/base/error.hpp"

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

  // Every row, each made by `read(statement)`; then reset.
  template <class Read>
  auto rows(Read read) -> Result<std::vector<std::invoke_result_t<Read&, const Statement&>>> {
    std::vector<std::invoke_result_t<Read&, const Statement&>> out;
    for (;;) {
      auto row = step();
      if (!row || !*row) {
        reset();
        if (!row) return std::unexpected(row.error());
        return out;
      }
      out.push_back(read(std::as_const(*this)));
    }
  }
  // The first row made by `read(statement)`, if there is one; then reset, so
  // that no read snapshot stays open behind a prepared statement.
  template <class Read>
  auto first_row(Read read) -> Result<std::optional<std::invoke_result_t<Read&, const Statement&>>> {
    std::optional<std::invoke_result_t<Read&, const Statement&>> found;
    auto row = step();
    if (row && *row) found = read(std::as_const(*this));
    reset();
    if (!row) return std::unexpected(row.error());
    return found;
  }

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
  Database(Database&& other) noexcept
      : m_db(std::exchange(other.m_db, nullptr)), m_kept(std::exchange(other.m_kept, {})) {}
  Database& operator=(Database&& other) noexcept {
    if (this != &other) {
      close();
      m_db = std::exchange(other.m_db, nullptr);
      m_kept = std::exchange(other.m_kept, {});
    }
    return *this;
  }
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;
  ~Database() { close(); }

  static Result<Database> open(const std::string& path, int flags);

  Status exec(const char* sql);
  Result<Statement> prepare(std::string_view sql);
  // The statement for `sql`, prepared on first use and kept with the
  // connection: for statements run again and again (the print queue's).
  // Leave it reset (run(), rows() and first_row() do), so that no read stays
  // open behind it.
  Result<Statement*> kept(std::string_view sql);
  // Rows the kept statements read by scanning a whole table, not an index.
  std::int64_t kept_full_scan_steps() const {
    std::int64_t steps = 0;
    for (const auto& [text, stmt] : m_kept) steps += stmt.full_scan_steps();
    return steps;
  }
  std::int64_t changes() const { return sqlite3_changes64(m_db); }
  sqlite3* handle() const { return m_db; }

private:
  explicit Database(sqlite3* db) : m_db(db) {}
  void close() {
    m_kept.clear();  // statements are finalized before their connection closes
    sqlite3_close_v2(m_db);
  }

  sqlite3* m_db = nullptr;
  struct TextHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view text) const { return std::hash<std::string_view>{}(text); }
  };
  std::unordered_map<std::string, Statement, TextHash, std::equal_to<>> m_kept;  // by SQL text
};

}  // namespace accueil::sql
