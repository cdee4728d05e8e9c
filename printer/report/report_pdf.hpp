// The report as a PDF on A4 pages, set with Cairo and Pango through the badge
// typesetter's fonts (printer/render/typesetter.hpp): names in any script come
// out right, and the text stays text (pdftotext, screen readers).
#pragma once

#include <string>

#include "printer/render/typesetter.hpp"
#include "printer/report/report_document.hpp"
#include "shared/base/error.hpp"

namespace accueil::report {

// The PDF file's bytes.
Result<std::string> render_pdf(const ReportDocument& doc, render::Typesetter& typesetter);

}  // namespace accueil::report
