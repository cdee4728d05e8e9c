// Failures as values: I/O and parsing return Result<T>, never throw across a
// library boundary. An Error's message is a sentence a person can act on:
// what failed, where (file, line, field) and why.
#pragma once

#include <expected>
#include <string>
#include <utility>
#include <vector>

namespace accueil {

struct Error {
  std::string message;
  // For the errors a person at a screen can cause (shared/store/store_error.hpp):
  // a catalog msgid in English with {marks}, and the values of its marks, so
  // that the screen says it in its reader's language. Empty: only `message`.
  std::string id{};
  std::vector<std::pair<std::string, std::string>> values{};
};

template <class T>
using Result = std::expected<T, Error>;

// Result<void> for operations that return nothing on success.
using Status = std::expected<void, Error>;

inline std::unexpected<Error> fail(std::string message) {
  return std::unexpected(Error{std::move(message)});
}

}  // namespace accueil
