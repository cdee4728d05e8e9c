// Internal to accueil_render: Cairo 1.16 (Debian 12) writes a creation date
// set through cairo_pdf_surface_set_metadata() without the "D:" prefix that
// PDF dates must have ("(20260101000000Z)"); later Cairo versions fix it.
#pragma once

#include <string>

namespace accueil::render::detail {

// Inserts the missing "D:" in the document information's /CreationDate and
// shifts the cross-reference offsets that follow it. Leaves a PDF whose date
// is already well formed, or that it does not understand, unchanged.
void fix_pdf_creation_date(std::string& pdf);

}  // namespace accueil::render::detail
