// accueilctl report --pdf FILE / --html FILE: the after-event report as a
// document (printer/report). Each file is written beside its destination and
// renamed over it, so a failure leaves the old file or none, never half.
#include <cctype>
#include <filesystem>
#include <initializer_list>
#include <optional>
#include <string>
#include <vector>

#include <fmt/core.h>
#include <fmt/std.h>

#include "kiosk/cli/commands.hpp"
#include "kiosk/cli/common.hpp"
#include "printer/render/typesetter.hpp"
#include "printer/report/report_html.hpp"
#include "printer/report/report_pdf.hpp"
#include "shared/base/files.hpp"
#include "shared/domain/clock.hpp"
#include "shared/store/report.hpp"

namespace accueil::cli {

namespace fs = std::filesystem;

namespace {

// What is wrong with writing a `kind` report to `path`, if anything: checked
// before any work, so that a typo costs nothing.
std::optional<std::string> bad_destination(const std::string& path, std::string_view option,
                                           std::initializer_list<std::string_view> right_extensions,
                                           std::initializer_list<std::string_view> wrong_extensions) {
  const fs::path p(path);
  std::error_code ec;
  if (fs::is_directory(p, ec))
    return fmt::format("{} {}: is a directory; give the file to write, e.g. {}/report{}", option, path, path,
                       option == "--pdf" ? ".pdf" : ".html");
  const fs::path parent = p.parent_path().empty() ? fs::path(".") : p.parent_path();
  if (!fs::is_directory(parent, ec)) return fmt::format("{} {}: the folder {} does not exist", option, path, parent.string());
  std::string ext = p.extension().string();
  for (char& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  for (std::string_view wrong : wrong_extensions)
    if (ext == wrong)
      return fmt::format("{} {}: a {} file name for a {} report; did you mean {} {}?", option, path, wrong,
                         option == "--pdf" ? "PDF" : "HTML", option == "--pdf" ? "--html" : "--pdf", path);
  for (std::string_view right : right_extensions)
    if (ext == right) return std::nullopt;
  // A report.txt that holds a PDF would open in the wrong program, or nowhere.
  return fmt::format("{} {}: a {} report's file name ends in {}", option, path, option == "--pdf" ? "PDF" : "HTML",
                     *right_extensions.begin());
}

}  // namespace

int run_report_document(const Globals& g, const ReportOptions& o, Store& store, const Event& event) {
  std::error_code ec;
  if (!o.pdf.empty() && !o.html.empty() &&
      fs::absolute(o.pdf, ec).lexically_normal() == fs::absolute(o.html, ec).lexically_normal())
    return report_error(g, fmt::format("--pdf and --html name the same file ({}): give each its own", o.pdf));
  if (auto bad = bad_destination(o.pdf, "--pdf", {".pdf"}, {".html", ".htm"}); !o.pdf.empty() && bad)
    return report_error(g, *bad);
  if (auto bad = bad_destination(o.html, "--html", {".html", ".htm"}, {".pdf"}); !o.html.empty() && bad)
    return report_error(g, *bad);

  const std::string language = report::report_language(event, o.language);
  std::vector<std::string> catalog_languages;
  if (language != "en") catalog_languages.push_back(language);
  auto catalogs = Catalogs::load(assets_dir() / "i18n", catalog_languages);
  if (!catalogs)
    return report_error(g, fmt::format("no translation of the report into \"{}\": {} (choose --language fr, en or es)",
                                       language, catalogs.error().message));
  auto data = build_report_data(store, event, language);
  if (!data) return report_error(g, data.error().message);
  const report::ReportDocument doc = report::make_document(event, *data, *catalogs, language, now_ms());

  nlohmann::json written = nlohmann::json::object();
  if (!o.pdf.empty()) {
    auto typesetter = render::Typesetter::create();
    if (!typesetter) return report_error(g, typesetter.error().message);
    auto pdf = report::render_pdf(doc, *typesetter);
    if (!pdf) return report_error(g, pdf.error().message);
    if (auto s = write_file_atomic(o.pdf, *pdf); !s) return report_error(g, s.error().message);
    written["pdf"] = o.pdf;
    written["pdf_bytes"] = pdf->size();
  }
  if (!o.html.empty()) {
    const std::string html = report::render_html(doc);
    if (auto s = write_file_atomic(o.html, html); !s) return report_error(g, s.error().message);
    written["html"] = o.html;
    written["html_bytes"] = html.size();
  }
  if (g.json) {
    written["language"] = language;
    written["participants"] = data->figures.total.checked_in.people;
    print_json(written);
    return 0;
  }
  const Reach& c = data->figures.total.checked_in;
  fmt::print("{}: {} participants of {} registered, {} countries ({})\n", event.name, c.people,
             data->figures.total.registered.people, c.countries, language);
  if (!o.pdf.empty()) fmt::print("  wrote {}\n", o.pdf);
  if (!o.html.empty()) fmt::print("  wrote {}\n", o.html);
  return 0;
}

}  // namespace accueil::cli
