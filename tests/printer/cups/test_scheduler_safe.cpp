// scheduler_safe(): what Client puts in a job's attributes (other than the
// job-name) never holds a byte that Debian's cups-daemon 2.4.2-3+deb12u10
// mishandles in get_options (whitespace: SIGSEGV; control bytes: an endless
// loop). The integration side is tests/integration/cups_test.sh.
#include <catch2/catch.hpp>

#include <string>

#include "printer/cups/cups_client.hpp"

using accueil::printer::cups::scheduler_safe;

namespace {
// What get_options needs: printable ASCII only (0x21-0x7E).
bool only_printable_ascii(const std::string& s) {
  for (unsigned char c : s)
    if (c <= 0x20 || c >= 0x7F) return false;
  return true;
}
}  // namespace

TEST_CASE("printable ASCII passes unchanged", "[cups]") {
  CHECK(scheduler_safe("badge-12.pdf") == "badge-12.pdf");
  CHECK(scheduler_safe("custom_62.09x99.84mm_62.09x99.84mm") == "custom_62.09x99.84mm_62.09x99.84mm");
  CHECK(scheduler_safe("a\\b'c\"d") == "a\\b'c\"d");  // cupsd escapes these itself
}

TEST_CASE("whitespace and control bytes become underscores", "[cups]") {
  CHECK(scheduler_safe("Badge 1: Théo Kowalski") == "Badge_1:_Th_o_Kowalski");
  CHECK(scheduler_safe("a\tb\nc\rd") == "a_b_c_d");
  CHECK(scheduler_safe(std::string("x\x01y\x7Fz", 5)) == "x_y_z");
  CHECK(scheduler_safe(std::string("nul\0byte", 8)) == "nul_byte");
}

TEST_CASE("non-ASCII characters become one underscore each, whatever their length", "[cups]") {
  CHECK(scheduler_safe("é") == "_");                              // 2 bytes
  CHECK(scheduler_safe("أحمد") == "____");                        // Arabic, 2 bytes each
  CHECK(scheduler_safe("山田") == "__");                          // 3 bytes each
  CHECK(scheduler_safe("\xC2\xA0") == "_");                       // no-break space: a space in Latin-1 locales
  CHECK(scheduler_safe("\xC2\x85") == "_");                       // NEL
  CHECK(scheduler_safe("a\xF0\x9F\x98\x80z") == "a_z");           // an emoji, 4 bytes
  CHECK(scheduler_safe("\x80\x80x") == "__x");                    // stray continuation bytes
  CHECK(scheduler_safe("\xC3") == "_");                           // a truncated sequence
}

TEST_CASE("the result is never empty and never holds an unsafe byte", "[cups]") {
  CHECK(scheduler_safe("") == "_");
  CHECK(scheduler_safe("   ") == "___");
  std::string every_byte;
  for (int b = 0; b < 256; ++b) every_byte += static_cast<char>(b);
  const std::string out = scheduler_safe(every_byte);
  CHECK(only_printable_ascii(out));
  CHECK(!out.empty());
}
