// Internal to accueil_render: what the single-badge PDF and the sheets PDF
// share. Cairo 1.16 (Debian 12) writes a creation date set through
// cairo_pdf_surface_set_metadata() without the "D:" prefix that PDF dates must
// have ("(20260101000000Z)"); later Cairo versions fix it.
#pragma once

#include <string>

#include "printer/render/internal.hpp"
#include "printer/render/outputs.hpp"
#include "shared/base/error.hpp"

namespace accueil::render::detail {

// A cairo_write_func_t appending to the std::string `closure` points to.
cairo_status_t append_to_string(void* closure, const unsigned char* data, unsigned int length);

// A Cairo PDF surface of width_pt x height_pt whose bytes are appended to
// `bytes` (which must outlive it), with the document information Accueil
// writes: creator "Accueil", the options' title and creation date.
Result<SurfacePtr> make_pdf_surface(std::string& bytes, double width_pt, double height_pt, const PdfOptions& options);

// Inserts the missing "D:" in the document information's /CreationDate and
// shifts the cross-reference offsets that follow it. Leaves a PDF whose date
// is already well formed, or that it does not understand, unchanged.
void fix_pdf_creation_date(std::string& pdf);

}  // namespace accueil::render::detail
