// Whole-file reads and atomic writes with errors that say which file and why.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

#include "shared/base/error.hpp"

namespace accueil {

Result<std::string> read_file(const std::filesystem::path& path);

// Writes `content` to `path`, replacing it. For outputs that can be made again.
Status write_file(const std::filesystem::path& path, std::string_view content);

// Writes to a temporary file beside `path`, flushes it to disk and renames it
// over `path`, so that a reader sees the old content or the new, never half.
Status write_file_atomic(const std::filesystem::path& path, std::string_view content,
                         unsigned mode = 0644);

// Where the assets (badge templates, translations, sample events) are:
// $ACCUEIL_ASSETS, else assets/ beside a build tree or an installed share/
// folder found from the running program, else the source tree it was built from.
std::filesystem::path assets_dir();

}  // namespace accueil
