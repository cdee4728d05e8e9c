// The store a store-backed fuzz target works on: opened once per process, put
// back to a saved state before each input.
//
// Opening a store runs every migration, and an import writes through staged
// tables (CREATE, copy, swap, DROP): doing either per input kept the targets
// near one execution per second. Here the store is in memory (one connection,
// no file, nothing synced: production stores are files with synchronous=FULL,
// untouched), and each input starts from a snapshot taken with SQLite's
// backup API: restoring copies a few dozen pages, every table (attendees,
// check-ins, outbox, settings) exactly as it was, so that one input never
// sees what the last one wrote and a crash replays on its own.
//
// A SAVEPOINT rolled back would not do: the import and the check-in open
// their own transactions (BEGIN IMMEDIATE), which SQLite refuses inside one.
#pragma once

#include <sqlite3.h>

#include <cstdio>
#include <cstdlib>
#include <functional>
#include <optional>
#include <utility>

#include "shared/domain/model.hpp"
#include "shared/store/store.hpp"

namespace accueil::fuzz {

// Copies the whole main database of `from` over that of `to`.
inline bool copy_database(sqlite3* to, sqlite3* from) {
  sqlite3_backup* backup = sqlite3_backup_init(to, "main", from, "main");
  if (!backup) return false;
  const int stepped = sqlite3_backup_step(backup, -1);
  return sqlite3_backup_finish(backup) == SQLITE_OK && stepped == SQLITE_DONE;
}

class FuzzStore {
public:
  // A store for `event`, then `prepare` run on it once; its state then is
  // what reset() restores.
  explicit FuzzStore(const Event& event, const std::function<bool(Store&)>& prepare = {}) {
    auto store = Store::open_in_memory();
    if (!store || !store->save_event(event)) die("cannot open an in-memory store for the event");
    m_store.emplace(std::move(*store));
    if (prepare && !prepare(*m_store)) die("cannot prepare the store");
    if (sqlite3_open(":memory:", &m_snapshot) != SQLITE_OK || !copy_database(m_snapshot, handle()))
      die("cannot snapshot the store");
  }
  FuzzStore(const FuzzStore&) = delete;
  FuzzStore& operator=(const FuzzStore&) = delete;
  ~FuzzStore() {
    m_store.reset();
    sqlite3_close(m_snapshot);
  }

  // The store, back as it was after `prepare`.
  Store& reset() {
    if (!copy_database(handle(), m_snapshot)) die(sqlite3_errmsg(handle()));
    return *m_store;
  }

private:
  sqlite3* handle() { return m_store->database().handle(); }
  [[noreturn]] static void die(const char* why) {
    std::fprintf(stderr, "fuzz store: %s\n", why);
    std::abort();
  }

  std::optional<Store> m_store;
  sqlite3* m_snapshot = nullptr;
};

}  // namespace accueil::fuzz
