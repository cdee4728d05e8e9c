#include "tests/kiosk/camera/camera_frames.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <numbers>
#include <stdexcept>

#include "kiosk/app/shell/v4l2_camera.hpp"
#include "shared/base/qr.hpp"
#include "shared/domain/ticket.hpp"

namespace accueil::kiosk::testing {

std::string_view to_string(Condition c) {
  switch (c) {
    case Condition::clean: return "clean";
    case Condition::rotated: return "rotated";
    case Condition::tilted: return "tilted";
    case Condition::perspective: return "steep-tilt";
    case Condition::blurred: return "motion-blur";
    case Condition::glare: return "glare";
    case Condition::dark: return "dim-screen";
    case Condition::jpeg: return "jpeg-q12";
    case Condition::far: return "far";
    case Condition::everything: return "all-at-once";
  }
  return "?";
}

std::vector<Condition> all_conditions() {
  return {Condition::clean, Condition::rotated, Condition::tilted, Condition::perspective, Condition::blurred, Condition::glare,
          Condition::dark,  Condition::jpeg,    Condition::far,         Condition::everything};
}

std::string signed_ticket(int i) {
  // A fixed key, made for these tests (Ed25519 signs deterministically): the
  // same tickets, the same codes, the same read rates on every run.
  static const SecretKey key = [] {
    auto k = secret_key_from_text("m94cowR6hp5bB/PNSppwFSHSnFdCrh2Fg0blclued2Zjy5lETpmVz+L00HAH0b+thDCiRYvuh/XhlWDKfcrbQQ==",
                                  "camera_frames.cpp");
    if (!k) throw std::runtime_error(k.error().message);
    return *k;
  }();
  static const std::array<const char*, 4> first{"Amélie", "Jonathan", "Nguyễn Thị", "Bartholomew"};
  static const std::array<const char*, 4> last{"Fontaine-Moreau", "Schmidt", "Lan", "Van der Berghe"};
  TicketClaims c;
  c.event_tag = event_tag("rencontres-2026");
  c.ticket_code = "T-" + std::to_string(100000 + i);
  c.first_name = first[static_cast<std::size_t>(i) % first.size()];
  c.last_name = last[static_cast<std::size_t>(i / 4) % last.size()];
  c.organisation = "Université de Bordeaux";
  c.category = "participant";
  c.country = "FR";
  c.language = "fr";
  c.days = DaySet::all(3);
  auto text = sign_ticket(c, key);
  if (!text) throw std::runtime_error(text.error().message);
  return *text;
}

namespace {

using Mat3 = std::array<double, 9>;

// The homography taking the unit square's corners (0,0) (1,0) (1,1) (0,1) to `q`.
Mat3 square_to_quad(const std::array<std::array<double, 2>, 4>& q) {
  const double x0 = q[0][0], y0 = q[0][1], x1 = q[1][0], y1 = q[1][1];
  const double x2 = q[2][0], y2 = q[2][1], x3 = q[3][0], y3 = q[3][1];
  const double sx = x0 - x1 + x2 - x3, sy = y0 - y1 + y2 - y3;
  const double dx1 = x1 - x2, dx2 = x3 - x2, dy1 = y1 - y2, dy2 = y3 - y2;
  const double den = dx1 * dy2 - dx2 * dy1;
  const double g = (sx * dy2 - dx2 * sy) / den, h = (dx1 * sy - sx * dy1) / den;
  return {x1 - x0 + g * x1, x3 - x0 + h * x3, x0, y1 - y0 + g * y1, y3 - y0 + h * y3, y0, g, h, 1};
}

Mat3 inverse(const Mat3& m) {
  const double a = m[0], b = m[1], c = m[2], d = m[3], e = m[4], f = m[5], g = m[6], h = m[7], i = m[8];
  const double A = e * i - f * h, B = -(d * i - f * g), C = d * h - e * g;
  const double det = a * A + b * B + c * C;
  return {A / det, -(b * i - c * h) / det, (b * f - c * e) / det, B / det, (a * i - c * g) / det,
          -(a * f - c * d) / det, C / det, -(a * h - b * g) / det, (a * e - b * d) / det};
}

double clamp255(double v) { return std::clamp(v, 0.0, 255.0); }

// Motion blur: the mean of `length` pixels along (dx, dy).
void motion_blur(GrayFrame& f, int length, double angle) {
  const double dx = std::cos(angle), dy = std::sin(angle);
  std::vector<std::uint8_t> out(f.pixels.size());
  for (int y = 0; y < f.height; ++y)
    for (int x = 0; x < f.width; ++x) {
      int sum = 0, n = 0;
      for (int k = 0; k < length; ++k) {
        const double t = k - (length - 1) / 2.0;
        const int sx = static_cast<int>(std::lround(x + t * dx)), sy = static_cast<int>(std::lround(y + t * dy));
        if (sx < 0 || sy < 0 || sx >= f.width || sy >= f.height) continue;
        sum += f.pixels[static_cast<std::size_t>(sy * f.width + sx)];
        ++n;
      }
      out[static_cast<std::size_t>(y * f.width + x)] = static_cast<std::uint8_t>(sum / std::max(1, n));
    }
  f.pixels = std::move(out);
}

}  // namespace

GrayFrame camera_frame(std::string_view text, Condition condition, std::mt19937& rng, int width, int height) {
  auto qr = encode_qr(text);
  if (!qr) throw std::runtime_error(qr.error().message);
  auto uniform = [&](double lo, double hi) { return std::uniform_real_distribution<double>(lo, hi)(rng); };
  const bool all = condition == Condition::everything;
  const double scale = height / 480.0;  // sizes below are for 640 x 480

  // The code with its quiet zone, as a square of `side` pixels on a phone screen.
  const int quiet = 4;
  const double modules = qr->size + 2 * quiet;
  double side = (condition == Condition::far ? uniform(150, 170) : uniform(230, 290)) * scale;
  double angle = 0;
  if (condition == Condition::rotated || all) angle = uniform(0, 2 * std::numbers::pi);
  const double cx = width / 2.0 + uniform(-40, 40) * scale, cy = height / 2.0 + uniform(-30, 30) * scale;
  std::array<std::array<double, 2>, 4> corners;
  const std::array<std::array<double, 2>, 4> unit{{{-0.5, -0.5}, {0.5, -0.5}, {0.5, 0.5}, {-0.5, 0.5}}};
  for (std::size_t k = 0; k < 4; ++k) {
    const double ux = unit[k][0] * side, uy = unit[k][1] * side;
    corners[k] = {cx + ux * std::cos(angle) - uy * std::sin(angle), cy + ux * std::sin(angle) + uy * std::cos(angle)};
  }
  if (condition == Condition::tilted || condition == Condition::perspective || all) {
    // The phone tilted: one edge nearer the camera than the other, that edge
    // 8-15 % longer and the far one as much shorter (tilted, about 15-25
    // degrees), or 15-30 % (steep, up to about 45 degrees).
    const double tilt = (condition == Condition::perspective ? uniform(0.15, 0.30) : uniform(0.08, 0.15)) * side;
    const std::size_t edge = std::uniform_int_distribution<std::size_t>(0, 3)(rng);
    for (std::size_t k : {edge, (edge + 1) % 4}) {
      corners[k][0] += (corners[k][0] - cx) * tilt / side;
      corners[k][1] += (corners[k][1] - cy) * tilt / side;
    }
    for (std::size_t k : {(edge + 2) % 4, (edge + 3) % 4}) {
      corners[k][0] -= (corners[k][0] - cx) * tilt / side;
      corners[k][1] -= (corners[k][1] - cy) * tilt / side;
    }
  }
  const Mat3 to_code = inverse(square_to_quad(corners));

  // Screen levels: a bright phone, or a dim one in a dark hall.
  double paper = uniform(200, 235), ink = uniform(25, 45), background = uniform(70, 110);
  if (condition == Condition::dark) {
    paper = uniform(55, 70);
    ink = uniform(18, 26);
    background = uniform(10, 20);
  }
  // A phone bezel around the code: a margin of the screen's white, then black.
  const double screen_margin = 0.08;
  GrayFrame f;
  f.width = width;
  f.height = height;
  f.pixels.resize(static_cast<std::size_t>(width) * static_cast<std::size_t>(height));
  for (int y = 0; y < height; ++y)
    for (int x = 0; x < width; ++x) {
      double sum = 0;
      for (double oy : {0.25, 0.75})
        for (double ox : {0.25, 0.75}) {  // 4 samples a pixel: the lens's anti-aliasing
          const double px = x + ox, py = y + oy;
          const double w = to_code[6] * px + to_code[7] * py + to_code[8];
          const double u = (to_code[0] * px + to_code[1] * py + to_code[2]) / w;
          const double v = (to_code[3] * px + to_code[4] * py + to_code[5]) / w;
          double value = background + 10 * std::sin(px * 0.02) * std::cos(py * 0.03);
          if (u >= 0 && u < 1 && v >= 0 && v < 1) {
            const int mx = static_cast<int>(u * modules) - quiet, my = static_cast<int>(v * modules) - quiet;
            const bool dark = mx >= 0 && my >= 0 && mx < qr->size && my < qr->size && qr->dark(mx, my);
            value = dark ? ink : paper;
          } else if (u >= -screen_margin && u < 1 + screen_margin && v >= -screen_margin && v < 1 + 2 * screen_margin) {
            value = paper;
          } else if (u >= -2 * screen_margin && u < 1 + 2 * screen_margin && v >= -2 * screen_margin &&
                     v < 1 + 3 * screen_margin) {
            value = 15;  // the phone's edge
          }
          sum += value;
        }
      f.pixels[static_cast<std::size_t>(y * width + x)] = static_cast<std::uint8_t>(clamp255(sum / 4));
    }

  if (condition == Condition::glare || all) {
    // A ceiling light on the glass: a bright patch over part of the code, washed out at its centre.
    const double gx = cx + uniform(-0.3, 0.3) * side, gy = cy + uniform(-0.3, 0.3) * side;
    const double radius = uniform(0.12, all ? 0.16 : 0.22) * side, strength = uniform(160, 230);
    for (int y = 0; y < height; ++y)
      for (int x = 0; x < width; ++x) {
        const double d2 = ((x - gx) * (x - gx) + (y - gy) * (y - gy)) / (radius * radius);
        auto& p = f.pixels[static_cast<std::size_t>(y * width + x)];
        p = static_cast<std::uint8_t>(clamp255(p + strength * std::exp(-d2)));
      }
  }
  if (condition == Condition::blurred || all)
    motion_blur(f, static_cast<int>(uniform(all ? 3 : 4, all ? 5 : 8) * scale), uniform(0, std::numbers::pi));
  // Sensor noise, stronger when the picture is dark (the camera's gain).
  std::normal_distribution<double> noise(0, condition == Condition::dark ? 4.0 : 2.5);
  for (auto& p : f.pixels) p = static_cast<std::uint8_t>(clamp255(p + noise(rng)));
  if (condition == Condition::jpeg || all) {
    auto jpeg = gray_to_jpeg(f, all ? 25 : 12);
    if (!jpeg) throw std::runtime_error(jpeg.error().message);
    GrayFrame back;
    if (auto ok = jpeg_to_gray(*jpeg, back); !ok) throw std::runtime_error(ok.error().message);
    f = std::move(back);
  }
  return f;
}

}  // namespace accueil::kiosk::testing
