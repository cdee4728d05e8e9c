#include "shared/sync/pg.hpp"

#include <libpq-fe.h>

#include <charconv>
#include <regex>
#include <utility>

#include <fmt/core.h>

namespace accueil::pg {

std::string redact(std::string_view url) {
  // URL form: scheme://user:password@host...; key/value form: password=...
  static const std::regex url_password(R"(^([a-z]+://[^:/@]*):[^@/]*@)");
  static const std::regex kv_password(R"((^|\s)(password\s*=\s*)('[^']*'|\S+))");
  std::string out = std::regex_replace(std::string(url), url_password, "$1:***@");
  out = std::regex_replace(out, kv_password, "$1$2***");
  // A password given as a URL parameter: ?password=... or &password=...
  static const std::regex param_password(R"(([?&]password=)[^&]*)");
  return std::regex_replace(out, param_password, "$1***");
}

Rows::Rows(pg_result* result) : m_result(result) {}
void Rows::Free::operator()(pg_result* r) const { PQclear(r); }
int Rows::size() const { return m_result ? PQntuples(m_result.get()) : 0; }
bool Rows::is_null(int row, int column) const { return PQgetisnull(m_result.get(), row, column) != 0; }
std::string_view Rows::text(int row, int column) const {
  return {PQgetvalue(m_result.get(), row, column),
          static_cast<std::size_t>(PQgetlength(m_result.get(), row, column))};
}
std::int64_t Rows::integer(int row, int column) const {
  const std::string_view t = text(row, column);
  std::int64_t value = 0;
  std::from_chars(t.data(), t.data() + t.size(), value);
  return value;
}

namespace {
std::string trimmed(const char* message) {
  std::string m = message ? message : "";
  while (!m.empty() && (m.back() == '\n' || m.back() == ' ')) m.pop_back();
  return m;
}
}  // namespace

Result<Connection> Connection::open(const std::string& url, int timeout_s) {
  // Keywords given beside the URL (expand_dbname): the URL's own settings win.
  const std::string timeout = std::to_string(timeout_s);
  const char* keys[] = {"dbname", "connect_timeout", "keepalives", "keepalives_idle", "keepalives_interval",
                        "keepalives_count", "tcp_user_timeout", "application_name", nullptr};
  const char* values[] = {url.c_str(), timeout.c_str(), "1", "2", "1", "3", "5000", "accueil", nullptr};
  pg_conn* conn = PQconnectdbParams(keys, values, 1);
  if (!conn) return fail("cannot connect to the central list: out of memory");
  if (PQstatus(conn) != CONNECTION_OK) {
    std::string why = trimmed(PQerrorMessage(conn));
    PQfinish(conn);
    return fail(fmt::format("cannot connect to the central list {}: {}", redact(url), redact(why)));
  }
  // Quiet NOTICEs ("relation already exists, skipping") of idempotent DDL.
  PQsetNoticeProcessor(conn, [](void*, const char*) {}, nullptr);
  return Connection(conn);
}

Connection::Connection(Connection&& other) noexcept
    : m_conn(std::exchange(other.m_conn, nullptr)), m_sqlstate(std::move(other.m_sqlstate)) {}
Connection& Connection::operator=(Connection&& other) noexcept {
  if (this != &other) {
    if (m_conn) PQfinish(m_conn);
    m_conn = std::exchange(other.m_conn, nullptr);
    m_sqlstate = std::move(other.m_sqlstate);
  }
  return *this;
}
Connection::~Connection() {
  if (m_conn) PQfinish(m_conn);
}

namespace {
// The result, or an error with PostgreSQL's message and SQLSTATE.
Result<pg_result*> checked(pg_conn* conn, pg_result* result, std::string& sqlstate) {
  const ExecStatusType status = result ? PQresultStatus(result) : PGRES_FATAL_ERROR;
  if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK) {
    sqlstate.clear();
    return result;
  }
  const char* state = result ? PQresultErrorField(result, PG_DIAG_SQLSTATE) : nullptr;
  sqlstate = state ? state : "08006";  // no result: the connection failed
  std::string message = trimmed(result ? PQresultErrorMessage(result) : PQerrorMessage(conn));
  if (message.empty()) message = trimmed(PQerrorMessage(conn));
  if (message.starts_with("ERROR:  ")) message.erase(0, 8);
  PQclear(result);
  return fail(message.empty() ? std::string("the central list did not answer") : message);
}
}  // namespace

Result<Rows> Connection::exec(std::string_view sql, const std::vector<std::optional<std::string>>& params) {
  if (!m_conn) return fail("not connected to the central list");
  std::vector<const char*> values;
  values.reserve(params.size());
  for (const auto& p : params) values.push_back(p ? p->c_str() : nullptr);
  const std::string text(sql);
  auto result = checked(m_conn,
                        PQexecParams(m_conn, text.c_str(), static_cast<int>(values.size()), nullptr, values.data(),
                                     nullptr, nullptr, 0),
                        m_sqlstate);
  if (!result) return std::unexpected(result.error());
  return Rows(*result);
}

Status Connection::run(std::string_view sql) {
  if (!m_conn) return fail("not connected to the central list");
  const std::string text(sql);
  // PQexec takes several statements; it returns the last one's result.
  auto result = checked(m_conn, PQexec(m_conn, text.c_str()), m_sqlstate);
  if (!result) return std::unexpected(result.error());
  PQclear(*result);
  return {};
}

int Connection::socket() const { return m_conn ? PQsocket(m_conn) : -1; }
bool Connection::consume_input() { return m_conn && PQconsumeInput(m_conn) == 1 && PQstatus(m_conn) == CONNECTION_OK; }
bool Connection::is_ok() const { return m_conn && PQstatus(m_conn) == CONNECTION_OK; }

std::optional<std::string> Connection::next_notification() {
  if (!m_conn) return std::nullopt;
  PGnotify* n = PQnotifies(m_conn);
  if (!n) return std::nullopt;
  std::string channel = n->relname;
  PQfreemem(n);
  return channel;
}

std::string quote_identifier(std::string_view name) {
  std::string out = "\"";
  for (char c : name) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

}  // namespace accueil::pg
