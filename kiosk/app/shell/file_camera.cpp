#include "kiosk/app/shell/file_camera.hpp"

#include <sys/stat.h>

#include <algorithm>
#include <chrono>
#include <cstring>
#include <thread>

#include <cairo.h>
#include <fmt/core.h>

namespace accueil::kiosk {

namespace {

constexpr std::string_view k_prefix = "file:";

class FileCamera final : public FrameSource {
public:
  explicit FileCamera(FileCameraRequest request) : m_request(std::move(request)) {
    m_blank.width = m_request.width;
    m_blank.height = m_request.height;
    m_blank.pixels.assign(static_cast<std::size_t>(m_blank.width) * static_cast<std::size_t>(m_blank.height), 255);
    m_frame = m_blank;
    m_next = std::chrono::steady_clock::now();
  }

  Next next(GrayFrame& frame, int timeout_ms) override {
    // Paced like a camera: one frame every 1/fps s.
    const auto period = std::chrono::microseconds(1'000'000 / std::max(1, m_request.fps));
    const auto now = std::chrono::steady_clock::now();
    if (m_next > now) {
      if (m_next - now > std::chrono::milliseconds(timeout_ms)) {
        std::this_thread::sleep_for(std::chrono::milliseconds(timeout_ms));
        return Next::none;
      }
      std::this_thread::sleep_until(m_next);
    }
    m_next = std::max(m_next + period, now);
    look();
    frame = m_frame;
    return Next::frame;
  }

private:
  // Loads the picture again when the file changed (a new inode, size or time).
  void look() {
    struct stat st {};
    const bool present = ::stat(m_request.path.c_str(), &st) == 0;
    const std::string key = present ? fmt::format("{}:{}:{}:{}", st.st_ino, st.st_size, st.st_mtim.tv_sec,
                                                  st.st_mtim.tv_nsec)
                                    : std::string();
    if (key == m_key) return;
    m_key = key;
    m_frame = m_blank;
    bool shown = false;
    if (present) shown = draw_picture();
    if (m_request.on_change) m_request.on_change(shown);
  }

  // The PNG, grey, scaled down to fit (nearest pixel) and centred on white.
  bool draw_picture() {
    cairo_surface_t* png = cairo_image_surface_create_from_png(m_request.path.c_str());
    if (cairo_surface_status(png) != CAIRO_STATUS_SUCCESS) {
      cairo_surface_destroy(png);
      return false;
    }
    cairo_surface_flush(png);
    const int w = cairo_image_surface_get_width(png), h = cairo_image_surface_get_height(png);
    const int stride = cairo_image_surface_get_stride(png);
    const cairo_format_t format = cairo_image_surface_get_format(png);
    const unsigned char* data = cairo_image_surface_get_data(png);
    const double scale = std::min({1.0, 0.9 * m_frame.width / std::max(w, 1), 0.9 * m_frame.height / std::max(h, 1)});
    const int out_w = static_cast<int>(w * scale), out_h = static_cast<int>(h * scale);
    const int x0 = (m_frame.width - out_w) / 2, y0 = (m_frame.height - out_h) / 2;
    for (int y = 0; y < out_h; ++y) {
      const int sy = std::min(h - 1, static_cast<int>(y / scale));
      for (int x = 0; x < out_w; ++x) {
        const int sx = std::min(w - 1, static_cast<int>(x / scale));
        std::uint8_t grey = 255;
        if (format == CAIRO_FORMAT_A8) {
          grey = static_cast<std::uint8_t>(255 - data[sy * stride + sx]);
        } else if (format == CAIRO_FORMAT_RGB24 || format == CAIRO_FORMAT_ARGB32) {
          std::uint32_t px = 0;
          std::memcpy(&px, data + sy * stride + sx * 4, 4);
          const unsigned a = format == CAIRO_FORMAT_ARGB32 ? (px >> 24) & 0xff : 255;
          const unsigned r = (px >> 16) & 0xff, g = (px >> 8) & 0xff, b = px & 0xff;
          const unsigned lum = (r * 299 + g * 587 + b * 114) / 1000;  // premultiplied: over white below
          grey = static_cast<std::uint8_t>(std::min(255u, lum + (255 - a)));
        }
        m_frame.pixels[static_cast<std::size_t>(y0 + y) * static_cast<std::size_t>(m_frame.width) +
                       static_cast<std::size_t>(x0 + x)] = grey;
      }
    }
    cairo_surface_destroy(png);
    return true;
  }

  FileCameraRequest m_request;
  GrayFrame m_blank;
  GrayFrame m_frame;
  std::string m_key = "(not looked yet)";
  std::chrono::steady_clock::time_point m_next;
};

}  // namespace

bool is_file_camera(const std::string& device) { return device.starts_with(k_prefix); }

Result<std::unique_ptr<FrameSource>> open_file_camera(FileCameraRequest request) {
  if (request.path.starts_with(k_prefix)) request.path.erase(0, k_prefix.size());
  if (request.path.empty()) return fail("camera file: expected file:PATH.png");
  return std::unique_ptr<FrameSource>(new FileCamera(std::move(request)));
}

}  // namespace accueil::kiosk
