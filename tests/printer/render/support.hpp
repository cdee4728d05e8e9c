// Shared helpers of the render tests: sample event, attendees in many scripts,
// realistic tokens, temporary folders and the external decoders.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "printer/render/render.hpp"
#include "shared/domain/model.hpp"

namespace accueil::render::test {

const Event& sample_event();
const BadgeTemplate& shipped_template(const std::string& id);  // from assets/badges
std::vector<std::string> shipped_template_ids();
Typesetter& typesetter();  // one per test process: creating one reads the font caches

// A realistic signed ticket token: base45 text (0-9 A-Z space $ % * + - . / :)
// of about 200 characters, the encoding of 133 pseudo-random bytes, different
// for each seed.
std::string sample_token(unsigned seed);

// An attendee of the sample event; `latin` names are the Latin form of a
// non-Latin name ("" when the name is Latin).
Attendee person(std::string first, std::string last, std::string organisation, std::string function,
                std::string country, std::string category, std::string language, std::string first_latin = "",
                std::string last_latin = "");

struct NamedAttendee {
  std::string label;  // what the case is: "Arabic", "Malagasy compound name"
  Attendee attendee;
};

// The long names and organisations the fit must handle.
std::vector<NamedAttendee> worst_cases();
// One attendee per script and language that must print without a missing glyph.
std::vector<NamedAttendee> script_samples();

BadgeContent content_of(const Attendee& attendee, unsigned token_seed = 1);

// A fresh temporary directory, removed with everything in it at the end.
class TempDir {
public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return m_path; }
  std::filesystem::path operator/(const std::string& name) const { return m_path / name; }

private:
  std::filesystem::path m_path;
};

struct CommandResult {
  int exit_code = -1;
  std::string out;  // standard output; standard error is discarded
};
// Runs a shell command line.
CommandResult run(const std::string& command);
std::string quote(const std::filesystem::path& path);

// The texts every QR code zbarimg finds in an image file (PNG, PBM, PGM).
std::vector<std::string> zbar_decode(const std::filesystem::path& image);
// pdftotext's text of a PDF, UTF-8.
std::string pdf_text(const std::filesystem::path& pdf);
// Text reduced for comparing what pdftotext extracts with what was printed:
// no white space (lines may break anywhere) and no bidirectional controls
// (pdftotext wraps right-to-left runs in them).
std::string squeeze(const std::string& text);
// Whether the text has Hebrew or Arabic letters; its words, split on spaces and hyphens.
bool is_right_to_left(const std::string& text);
std::vector<std::string> words(const std::string& text);

}  // namespace accueil::render::test
