// The report as one self-contained HTML page: inline CSS, the charts as
// inline SVG, nothing fetched. The browser's fonts draw the names, so every
// script shows where the reader has fonts for it.
#pragma once

#include <string>

#include "printer/report/report_document.hpp"

namespace accueil::report {

std::string render_html(const ReportDocument& doc);

// Text made safe for HTML content and attribute values.
std::string html_escape(std::string_view text);

}  // namespace accueil::report
