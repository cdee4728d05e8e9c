// A thin RAII layer over libpq: a connection, text-format query results, and
// errors as Result values whose messages never carry the password.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "shared/base/error.hpp"

struct pg_conn;
struct pg_result;

namespace accueil::pg {

// "postgresql://kiosk1:secret@host/db" -> "postgresql://kiosk1:***@host/db";
// a key/value string's password=... likewise. For every message and log line.
std::string redact(std::string_view url);

// One result, text format. Rows and columns are 0-based.
class Rows {
public:
  Rows() = default;
  explicit Rows(pg_result* result);
  int size() const;
  bool is_null(int row, int column) const;
  std::string_view text(int row, int column) const;
  std::int64_t integer(int row, int column) const;

private:
  struct Free { void operator()(pg_result* r) const; };
  std::unique_ptr<pg_result, Free> m_result;
};

class Connection {
public:
  // Connects, with a connect timeout of `timeout_s` seconds unless the URL
  // says otherwise, and TCP keepalives so that a dead peer is noticed within
  // seconds. The error names the redacted URL and libpq's reason.
  static Result<Connection> open(const std::string& url, int timeout_s = 5);

  Connection() = default;
  Connection(Connection&&) noexcept;
  Connection& operator=(Connection&&) noexcept;
  ~Connection();

  bool is_open() const { return m_conn != nullptr; }
  // A statement with $1.. parameters (text; nullopt is NULL). The error
  // message is PostgreSQL's, with its SQLSTATE in sqlstate().
  Result<Rows> exec(std::string_view sql, const std::vector<std::optional<std::string>>& params = {});
  // Several statements, no parameters, no rows (migrations, BEGIN, COMMIT).
  Status run(std::string_view sql);

  // LISTEN/NOTIFY: the socket to poll() and the notifications received.
  int socket() const;
  // Reads what the server sent; false when the connection is lost.
  bool consume_input();
  // Takes one notification's channel name, if any arrived.
  std::optional<std::string> next_notification();
  bool is_ok() const;

  // The SQLSTATE of the last failed exec()/run() ("42501": permission denied).
  const std::string& sqlstate() const { return m_sqlstate; }

private:
  explicit Connection(pg_conn* conn) : m_conn(conn) {}
  pg_conn* m_conn = nullptr;
  std::string m_sqlstate;
};

// Quotes a name as an SQL identifier (for the few statements that cannot take
// parameters: CREATE ROLE, GRANT).
std::string quote_identifier(std::string_view name);

}  // namespace accueil::pg
