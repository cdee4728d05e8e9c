#include "printer/queue/render_adapter.hpp"

#include <algorithm>
#include <cmath>
#include <map>

#include <fmt/core.h>
#include <fmt/std.h>

#include "printer/render/render.hpp"

namespace accueil::printer {

namespace {

class RenderAdapter final : public BadgeRenderer {
public:
  RenderAdapter(render::Typesetter typesetter, RenderSetup setup)
      : m_typesetter(std::move(typesetter)), m_setup(std::move(setup)) {}

  std::vector<std::string> warnings() const override { return m_warnings; }

  Result<std::string> pdf(const BadgeSubject& subject) override {
    auto layout = lay_out(subject);
    if (!layout) return std::unexpected(layout.error());
    render::PdfOptions options;
    options.title = fmt::format("Badge: {}", layout->who);
    return render::render_pdf(*layout, options);
  }

  Result<MonoBitmap> mono(const BadgeSubject& subject, const MonoTarget& target) override {
    auto layout = lay_out(subject);
    if (!layout) return std::unexpected(layout.error());
    if (target.width_dots <= 0 || target.dpi <= 0) return fail("the printer's printable width is not known");
    // The largest whole dpi at or below the printer's at which the badge fits.
    double scale = target.width_dots / (layout->width_mm * target.dpi / 25.4);
    if (target.height_dots > 0) scale = std::min(scale, target.height_dots / (layout->height_mm * target.dpi / 25.4));
    int dpi = static_cast<int>(std::floor(target.dpi * std::min(scale, 1.0)));
    for (;; --dpi) {
      if (dpi < 72) return fail(fmt::format("the badge {} does not fit the printer's {} x {} dots",
                                            layout->template_id, target.width_dots, target.height_dots));
      auto bitmap = render::render_mono(*layout, dpi);
      if (!bitmap) return std::unexpected(bitmap.error());
      // Rounding may make it a dot too large: one dpi less then.
      if (bitmap->width > target.width_dots || (target.height_dots > 0 && bitmap->height > target.height_dots))
        continue;
      return centre_in(*bitmap, target);
    }
  }

private:
  Result<render::BadgeLayout> lay_out(const BadgeSubject& subject) {
    auto templ = template_of(subject.template_id);
    if (!templ) return std::unexpected(templ.error());
    const render::BadgeContent content =
        render::badge_content(subject.event, subject.attendee, std::string(subject.code));
    auto layout = m_typesetter.layout(**templ, content);
    m_warnings = layout ? layout->warnings : std::vector<std::string>{};
    return layout;
  }

  Result<const render::BadgeTemplate*> template_of(std::string_view id) {
    if (auto it = m_templates.find(std::string(id)); it != m_templates.end()) return &it->second;
    if (id.empty() || id.find('/') != std::string_view::npos || id.starts_with("."))
      return fail(fmt::format("\"{}\" is not a badge template name (a file name in {}, without .toml)", id,
                              m_setup.templates_dir));
    auto loaded = render::load_template(m_setup.templates_dir / (std::string(id) + ".toml"));
    if (!loaded) return std::unexpected(loaded.error());
    return &m_templates.emplace(std::string(id), std::move(*loaded)).first->second;
  }

  render::Typesetter m_typesetter;
  RenderSetup m_setup;
  std::map<std::string, render::BadgeTemplate> m_templates;
  std::vector<std::string> m_warnings;  // of the last badge laid out
};

}  // namespace

MonoBitmap centre_in(const MonoBitmap& bitmap, const MonoTarget& target) {
  const int height = target.height_dots > 0 ? target.height_dots : bitmap.height;
  MonoBitmap out(target.width_dots, height, target.dpi);
  const int dx = (target.width_dots - bitmap.width) / 2;
  const int dy = (height - bitmap.height) / 2;
  for (int y = 0; y < bitmap.height; ++y) {
    const int ty = y + dy;
    if (ty < 0 || ty >= height) continue;
    for (int x = 0; x < bitmap.width; ++x) {
      const int tx = x + dx;
      if (tx >= 0 && tx < out.width && bitmap.black(x, y)) out.set_black(tx, ty);
    }
  }
  return out;
}

Result<std::unique_ptr<BadgeRenderer>> make_badge_renderer(const RenderSetup& setup) {
  auto typesetter = render::Typesetter::create(setup.fonts);
  if (!typesetter) return std::unexpected(typesetter.error());
  return std::unique_ptr<BadgeRenderer>(std::make_unique<RenderAdapter>(std::move(*typesetter), setup));
}

RendererFactory badge_renderers(RenderSetup setup) {
  return [setup = std::move(setup)] { return make_badge_renderer(setup); };
}

}  // namespace accueil::printer
