// The print queue's BadgeRenderer drawn with printer/render: templates by id
// from a folder (<id>.toml), one Typesetter per renderer (per worker thread),
// the badge laid out once per request, then a PDF for CUPS or a 1-bit bitmap
// fitted into a label printer's printable area.
//
// Fitting: a template describes the whole label (62 x 100 mm), but a label
// printer cannot print to its edges (a Brother QL's 62 x 100 mm labels have
// 58.9 x 93.9 mm of printable area). The badge is drawn at the largest
// resolution at or below the printer's that fits the area, and centred in it;
// nothing is cut off. On continuous tape only the width has to fit.
#pragma once

#include <filesystem>

#include "printer/bitmap.hpp"
#include "printer/queue/badge_renderer.hpp"
#include "printer/render/typesetter.hpp"

namespace accueil::printer {

struct RenderSetup {
  std::filesystem::path templates_dir;  // where <template id>.toml files are (assets/badges)
  render::FontSetup fonts;
};

// A factory for the queue: each call makes a renderer with its own Typesetter.
RendererFactory badge_renderers(RenderSetup setup);

// The same renderer, for programs that draw on one thread (the benchmark).
Result<std::unique_ptr<BadgeRenderer>> make_badge_renderer(const RenderSetup& setup);

// `bitmap` (drawn to fit) centred in a white bitmap of the target's size;
// height 0 keeps the bitmap's height.
MonoBitmap centre_in(const MonoBitmap& bitmap, const MonoTarget& target);

}  // namespace accueil::printer
