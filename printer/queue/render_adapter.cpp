#include "printer/queue/render_adapter.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/core.h>
#include <fmt/std.h>

#include "printer/render/render.hpp"

namespace accueil::printer {

namespace {

class RenderAdapter final : public BadgeRenderer {
public:
  RenderAdapter(render::Typesetter typesetter, std::filesystem::path templates_dir)
      : m_typesetter(std::move(typesetter)), m_templates(std::move(templates_dir)) {}

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
    auto templ = m_templates.get(subject.template_id);
    if (!templ) return std::unexpected(templ.error());
    const render::BadgeContent content =
        render::badge_content(subject.event, subject.attendee, std::string(subject.code));
    auto layout = m_typesetter.layout(**templ, content);
    m_warnings = layout ? layout->warnings : std::vector<std::string>{};
    return layout;
  }

  render::Typesetter m_typesetter;
  render::TemplateShelf m_templates;
  std::vector<std::string> m_warnings;  // of the last badge laid out
};

}  // namespace

namespace {

// The 8 dots of `row` (`stride` bytes) from dot `first` on, as one byte, the
// first dot in bit 7; dots before the row or past its bytes are white.
std::uint8_t eight_dots(const std::uint8_t* row, int stride, int first) {
  const int byte = first >= 0 ? first / 8 : (first - 7) / 8;  // rounded down
  const int shift = first - byte * 8;                           // 0..7
  const unsigned hi = byte >= 0 && byte < stride ? row[byte] : 0u;
  const unsigned lo = byte + 1 >= 0 && byte + 1 < stride ? row[byte + 1] : 0u;
  return static_cast<std::uint8_t>(((hi << 8 | lo) << shift) >> 8);
}

}  // namespace

// Row by row and a byte at a time: each byte of the target row is the 8 source
// dots it covers, shifted into place and masked to the part of the row the
// badge fills (the rest stays white, padding bits included).
MonoBitmap centre_in(const MonoBitmap& bitmap, const MonoTarget& target) {
  const int height = target.height_dots > 0 ? target.height_dots : bitmap.height;
  MonoBitmap out(target.width_dots, height, target.dpi);
  const int dx = (target.width_dots - bitmap.width) / 2;
  const int dy = (height - bitmap.height) / 2;
  // The target dots [left, right) the badge covers, clipped to the target.
  const int left = std::max(dx, 0);
  const int right = std::min(dx + bitmap.width, out.width);
  if (left >= right) return out;
  const int in_stride = bitmap.stride();
  for (int y = std::max(0, -dy); y < bitmap.height && y + dy < height; ++y) {
    const std::uint8_t* from = bitmap.row(y);
    std::uint8_t* to = out.row(y + dy);
    for (int b = left / 8; b * 8 < right; ++b) {
      const int lo = std::max(left, b * 8) - b * 8;        // first covered bit of this byte, 0..7
      const int hi = std::min(right, b * 8 + 8) - b * 8;   // one past the last, 1..8
      const auto mask = static_cast<std::uint8_t>((0xFFu >> lo) & (0xFFu << (8 - hi)));
      to[b] = static_cast<std::uint8_t>(eight_dots(from, in_stride, b * 8 - dx) & mask);
    }
  }
  return out;
}

Result<std::unique_ptr<BadgeRenderer>> make_badge_renderer(const RenderSetup& setup) {
  auto typesetter = render::Typesetter::create(setup.fonts);
  if (!typesetter) return std::unexpected(typesetter.error());
  return std::unique_ptr<BadgeRenderer>(std::make_unique<RenderAdapter>(std::move(*typesetter), setup.templates_dir));
}

RendererFactory badge_renderers(RenderSetup setup) {
  return [setup = std::move(setup)] { return make_badge_renderer(setup); };
}

}  // namespace accueil::printer
