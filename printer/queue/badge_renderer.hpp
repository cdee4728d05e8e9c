// What the print queue needs from badge rendering, behind a small interface:
// one attendee's badge as a PDF (for CUPS) or as a 1-bit bitmap at a printer's
// resolution and printable size (for printers that speak a printer language).
// The real one draws with printer/render (render_adapter.hpp); tests use a
// double.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "printer/bitmap.hpp"
#include "shared/base/error.hpp"
#include "shared/domain/model.hpp"

namespace accueil::printer {

// Whose badge, with which template. The queue reads these from its store.
struct BadgeSubject {
  const Event& event;
  const Attendee& attendee;
  std::string_view code;         // what the QR code holds: Store::badge_code()
  std::string_view template_id;  // "label-62x100"
};

// The printable area of a label printer's media.
struct MonoTarget {
  int dpi = 300;
  int width_dots = 0;
  int height_dots = 0;  // 0: continuous tape, as long as the badge
};

class BadgeRenderer {
public:
  virtual ~BadgeRenderer() = default;
  virtual Result<std::string> pdf(const BadgeSubject& subject) = 0;
  // The badge fitted in the target: exactly width_dots wide and, unless 0,
  // height_dots long.
  virtual Result<MonoBitmap> mono(const BadgeSubject& subject, const MonoTarget& target) = 0;
  // What the staff must hear of the badge last drawn although it prints:
  // the characters no font draws that it left out (BadgeLayout::warnings).
  virtual std::vector<std::string> warnings() const { return {}; }
};

// Renderers can be costly to make and are not shared between threads: the
// queue makes one per worker thread, on that thread.
using RendererFactory = std::function<Result<std::unique_ptr<BadgeRenderer>>()>;

}  // namespace accueil::printer
