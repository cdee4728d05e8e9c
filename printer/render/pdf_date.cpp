#include "printer/render/pdf_date.hpp"

#include <cairo-pdf.h>

#include <charconv>

#include <fmt/core.h>

namespace accueil::render::detail {

cairo_status_t append_to_string(void* closure, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

namespace {

bool read_number(const std::string& s, std::size_t at, std::size_t len, long long& out) {
  if (at + len > s.size()) return false;
  auto r = std::from_chars(s.data() + at, s.data() + at + len, out);
  return r.ec == std::errc() && r.ptr == s.data() + at + len;
}

}  // namespace

void fix_pdf_creation_date(std::string& pdf) {
  static constexpr std::string_view key = "/CreationDate (";
  std::size_t date = pdf.find(key);
  if (date == std::string::npos) return;
  std::size_t insert_at = date + key.size();
  if (insert_at >= pdf.size() || pdf[insert_at] < '0' || pdf[insert_at] > '9') return;  // already "(D:"

  // The classic cross-reference table Cairo writes: "xref\n0 N\n" then N
  // entries of exactly 20 bytes ("oooooooooo ggggg n \n"), then the trailer
  // and "startxref\n<offset>\n%%EOF".
  std::size_t startxref = pdf.rfind("\nstartxref\n");
  if (startxref == std::string::npos) return;
  std::size_t xref_offset_at = startxref + 11;
  std::size_t xref_offset_end = pdf.find('\n', xref_offset_at);
  long long xref_offset = 0;
  if (xref_offset_end == std::string::npos ||
      !read_number(pdf, xref_offset_at, xref_offset_end - xref_offset_at, xref_offset) ||
      static_cast<std::size_t>(xref_offset) <= insert_at || pdf.compare(static_cast<std::size_t>(xref_offset), 5, "xref\n") != 0)
    return;
  std::size_t header = static_cast<std::size_t>(xref_offset) + 5;
  std::size_t header_end = pdf.find('\n', header);
  std::size_t space = pdf.find(' ', header);
  long long first = 0, count = 0;
  if (header_end == std::string::npos || space == std::string::npos || space > header_end ||
      !read_number(pdf, header, space - header, first) || !read_number(pdf, space + 1, header_end - space - 1, count) ||
      header_end + 1 + static_cast<std::size_t>(count) * 20 > startxref + 1)
    return;

  constexpr long long delta = 2;  // "D:"
  for (long long i = 0; i < count; ++i) {
    std::size_t entry = header_end + 1 + static_cast<std::size_t>(i) * 20;
    long long offset = 0;
    if (!read_number(pdf, entry, 10, offset)) return;
    if (pdf[entry + 17] == 'n' && offset > static_cast<long long>(insert_at)) {
      std::string digits = fmt::format("{:010}", offset + delta);
      if (digits.size() != 10) return;  // a 10 GB badge file: leave it alone
      pdf.replace(entry, 10, digits);
    }
  }
  pdf.replace(xref_offset_at, xref_offset_end - xref_offset_at, std::to_string(xref_offset + delta));
  pdf.insert(insert_at, "D:");
}

Result<SurfacePtr> make_pdf_surface(std::string& bytes, double width_pt, double height_pt, const PdfOptions& options) {
  SurfacePtr surface(cairo_pdf_surface_create_for_stream(append_to_string, &bytes, width_pt, height_pt));
  if (cairo_status_t status = cairo_surface_status(surface.get()); status != CAIRO_STATUS_SUCCESS)
    return fail(fmt::format("Cairo could not make the PDF: {}", cairo_status_to_string(status)));
  cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_CREATOR, "Accueil");
  if (!options.title.empty()) cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_TITLE, options.title.c_str());
  if (!options.creation_date.empty())
    cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_CREATE_DATE, options.creation_date.c_str());
  return surface;
}

}  // namespace accueil::render::detail
