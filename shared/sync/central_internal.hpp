// What central.cpp and central_import.cpp share; not for other files.
#pragma once

#include "shared/base/error.hpp"
#include "shared/sync/pg.hpp"

namespace accueil::central::detail {

// Runs `body` in a transaction: committed when it succeeds, rolled back when not.
Status in_transaction(pg::Connection& conn, const auto& body) {
  if (auto s = conn.run("BEGIN"); !s) return s;
  Status result = body();
  if (result) result = conn.run("COMMIT");
  if (!result) (void)conn.run("ROLLBACK");
  return result;
}

}  // namespace accueil::central::detail
