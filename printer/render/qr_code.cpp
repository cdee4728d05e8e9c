#include "printer/render/qr_code.hpp"

#include <algorithm>
#include <cmath>

namespace accueil::render {

QrPlacement place_qr(const RectMm& box, int modules, int quiet_zone, double pixels_per_mm) {
  // Only the pixels wholly inside the box are used.
  int left = static_cast<int>(std::ceil(box.x * pixels_per_mm - 1e-9));
  int top = static_cast<int>(std::ceil(box.y * pixels_per_mm - 1e-9));
  int right = static_cast<int>(std::floor(box.right() * pixels_per_mm + 1e-9));
  int bottom = static_cast<int>(std::floor(box.bottom() * pixels_per_mm + 1e-9));
  int side = std::min(right - left, bottom - top);
  int total = modules + 2 * quiet_zone;
  QrPlacement p;
  if (total <= 0 || side <= 0) return p;
  p.module = side / total;
  int code = p.module * modules;
  p.x = left + (right - left - code) / 2;
  p.y = top + (bottom - top - code) / 2;
  return p;
}

}  // namespace accueil::render
