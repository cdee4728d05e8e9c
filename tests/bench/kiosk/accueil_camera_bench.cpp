// The camera's QR decoding: read rate per condition of an entrance, decode time
// per frame at 640x480 and 1280x720 (p50/p99, with and without a code in view),
// and the CPU the camera thread takes at 10 frames a second (YUYV and MJPEG),
// with the time from a frame handed over by the camera to its scan.
// Frames are made by tests/kiosk/camera/camera_frames.cpp; no camera needed.
//
//   build/ci/tests/bench/kiosk/accueil-camera-bench [--seconds N] [--frames N]
#include <sys/resource.h>

#include <atomic>
#include <condition_variable>
#include <cstdio>
#include <cstring>
#include <string>
#include <thread>

#include <fmt/core.h>

#include "kiosk/app/shell/qr_camera.hpp"
#include "kiosk/app/shell/v4l2_camera.hpp"
#include "tests/bench/bench.hpp"
#include "tests/kiosk/camera/camera_frames.hpp"

using namespace accueil;
using namespace accueil::kiosk;
namespace t = accueil::kiosk::testing;

namespace {

double cpu_seconds() {
  rusage u{};
  ::getrusage(RUSAGE_SELF, &u);
  return static_cast<double>(u.ru_utime.tv_sec + u.ru_stime.tv_sec) +
         static_cast<double>(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

// Frames as a camera hands them over, `fps` a second, converted as the V4L2 source does.
class PacedSource final : public FrameSource {
public:
  PacedSource(std::vector<std::vector<std::uint8_t>> raw, bool mjpeg, int width, int height, int fps)
      : m_raw(std::move(raw)), m_mjpeg(mjpeg), m_width(width), m_height(height), m_interval(1000 / fps) {}
  std::atomic<bench::Steady::time_point> handed{};  // when the last frame was handed over
  Next next(GrayFrame& frame, int) override {
    std::this_thread::sleep_until(m_due);
    m_due += std::chrono::milliseconds(m_interval);
    const auto& raw = m_raw[m_index++ % m_raw.size()];
    handed = bench::Steady::now();
    if (m_mjpeg) {
      if (!jpeg_to_gray(raw, frame)) return Next::none;
    } else {
      yuyv_to_gray(raw, m_width, m_height, m_width * 2, frame);
    }
    return Next::frame;
  }

private:
  std::vector<std::vector<std::uint8_t>> m_raw;
  bool m_mjpeg;
  int m_width, m_height, m_interval;
  std::size_t m_index = 0;
  std::chrono::steady_clock::time_point m_due = std::chrono::steady_clock::now();
};

std::vector<std::uint8_t> as_yuyv(const GrayFrame& f) {
  std::vector<std::uint8_t> out(f.pixels.size() * 2, 128);
  for (std::size_t i = 0; i < f.pixels.size(); ++i) out[i * 2] = f.pixels[i];
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  double seconds = 10;
  int frames = 40;
  for (int i = 1; i + 1 < argc; i += 2) {
    if (std::strcmp(argv[i], "--seconds") == 0) seconds = std::stod(argv[i + 1]);
    if (std::strcmp(argv[i], "--frames") == 0) frames = std::stoi(argv[i + 1]);
  }
  std::mt19937 rng(2026);
  const QrDecoder decoder(true);

  fmt::print("read rate per condition, 640x480, {} frames each (signed tickets, zxing-cpp 1.4, try-harder)\n", frames);
  for (t::Condition c : t::all_conditions()) {
    int read = 0;
    std::vector<double> ms;
    for (int i = 0; i < frames; ++i) {
      const std::string ticket = t::signed_ticket(i);
      const GrayFrame f = t::camera_frame(ticket, c, rng);
      const auto start = bench::Steady::now();
      const auto got = decoder.decode(f);
      ms.push_back(bench::ms_since(start));
      read += got == ticket;
    }
    const auto p = bench::percentiles(ms);
    fmt::print("  {:<12} {:3}/{} read ({:3.0f} %)  decode p50 {:5.1f} ms  p99 {:5.1f} ms\n", t::to_string(c), read, frames,
               100.0 * read / frames, p.p50, p.p99);
  }

  for (auto [w, h] : {std::pair{640, 480}, std::pair{1280, 720}}) {
    for (bool with_code : {true, false}) {
      std::vector<double> ms;
      for (int i = 0; i < frames; ++i) {
        GrayFrame f = t::camera_frame(with_code ? t::signed_ticket(i) : "x", t::Condition::clean, rng, w, h);
        if (!with_code) {  // an empty hall: the scene without the phone
          for (int y = 0; y < h; ++y)
            for (int x = 0; x < w; ++x) f.pixels[static_cast<std::size_t>(y * w + x)] = static_cast<std::uint8_t>(90 + (x * 7 + y * 3) % 40);
        }
        const auto start = bench::Steady::now();
        (void)decoder.decode(f);
        ms.push_back(bench::ms_since(start));
      }
      const auto p = bench::percentiles(ms);
      fmt::print("decode {}x{} {:<13} p50 {:6.1f} ms  p99 {:6.1f} ms  ({} frames)\n", w, h,
                 with_code ? "code in view" : "no code", p.p50, p.p99, frames);
    }
  }

  // CPU at 10 fps: the camera thread as the kiosk runs it, frames half with a code, half without.
  for (bool mjpeg : {false, true}) {
    std::vector<std::vector<std::uint8_t>> raw;
    for (int i = 0; i < 20; ++i) {
      GrayFrame f = t::camera_frame(t::signed_ticket(i), t::Condition::clean, rng);
      if (i % 2 == 0)  // nobody in front of the camera
        for (std::size_t k = 0; k < f.pixels.size(); ++k) f.pixels[k] = static_cast<std::uint8_t>(90 + (k * 7 + k / 640 * 3) % 40);
      if (mjpeg) raw.push_back(*gray_to_jpeg(f, 80));
      else raw.push_back(as_yuyv(f));
    }
    auto feed = std::make_shared<CameraFeed>();
    int scans = 0;
    std::vector<double> to_scan_ms;
    PacedSource* source = nullptr;
    const double cpu0 = cpu_seconds();
    const auto wall0 = bench::Steady::now();
    {
      CameraOptions options;
      options.name = "bench";
      options.forget_after = 1;
      CameraScanner scanner(
          options,
          [&]() -> Result<std::unique_ptr<FrameSource>> {
            auto paced = std::make_unique<PacedSource>(raw, mjpeg, 640, 480, 10);
            source = paced.get();
            return paced;
          },
          feed,
          [&](std::string) {
            ++scans;
            to_scan_ms.push_back(bench::ms_since(source->handed.load()));
          },
          [](const std::string&) {});
      std::this_thread::sleep_for(std::chrono::duration<double>(seconds));
    }
    const double cpu = cpu_seconds() - cpu0, wall = bench::ms_since(wall0) / 1000;
    const auto p = bench::percentiles(to_scan_ms);
    fmt::print("camera thread at 10 fps, 640x480 {}: {:.1f} % of a core over {:.0f} s ({} scans; frame handed over "
               "to scan: p50 {:.1f} ms, p99 {:.1f} ms)\n",
               mjpeg ? "MJPEG" : "YUYV ", 100 * cpu / wall, wall, scans, p.p50, p.p99);
  }
  return 0;
}
