// Failures as values: I/O and parsing return Result<T>, never throw across a
// library boundary. An Error's message is a sentence a person can act on:
// what failed, where (file, line, field) and why.
#pragma once

#include <expected>
#include <string>
#include <utility>

namespace accueil {

struct Error {
  std::string message;
};

template <class T>
using Result = std::expected<T, Error>;

// Result<void> for operations that return nothing on success.
using Status = std::expected<void, Error>;

inline std::unexpected<Error> fail(std::string message) {
  return std::unexpected(Error{std::move(message)});
}

}  // namespace accueil
