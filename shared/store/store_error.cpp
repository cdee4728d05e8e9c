#include "shared/store/store_error.hpp"

#include <sqlite3.h>

namespace accueil {

Error said_error(std::string_view id, ErrorValues values) {
  // The English words: each {mark} of the msgid replaced by its value (as
  // catalog.hpp's fill() does; not used here, to keep the store, and the fuzz
  // build that compiles it alone, free of the catalogs' gettext).
  std::string words(id);
  for (const auto& [name, value] : values) {
    const std::string mark = "{" + name + "}";
    for (std::size_t at = words.find(mark); at != std::string::npos; at = words.find(mark, at + value.size()))
      words.replace(at, mark.size(), value);
  }
  return Error{std::move(words), std::string(id), std::move(values)};
}

Error sqlite_error(int code, std::string message) {
  Error e{std::move(message)};
  switch (code & 0xff) {  // the primary result code of an extended one
    case SQLITE_BUSY:
    case SQLITE_LOCKED: e.id = store_error::busy; break;
    case SQLITE_FULL: e.id = store_error::disk_full; break;
    case SQLITE_READONLY:
    case SQLITE_PERM:
    case SQLITE_CANTOPEN: e.id = store_error::read_only; break;
    case SQLITE_IOERR: e.id = store_error::disk_error; break;
    case SQLITE_CONSTRAINT:
      if (code == SQLITE_CONSTRAINT_UNIQUE || code == SQLITE_CONSTRAINT_PRIMARYKEY) e.id = store_error::duplicate;
      break;
    default: break;
  }
  return e;
}

}  // namespace accueil
