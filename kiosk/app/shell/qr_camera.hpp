// Reading QR codes from a camera: the frames (FrameSource), the decoder
// (zxing-cpp, QR only), the rule that a code held in front of the camera is one
// scan, and the thread that ties them (CameraScanner). The V4L2 source is in
// v4l2_camera.hpp; tests feed frames of their own. Nothing here uses SDL.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "shared/base/error.hpp"

namespace accueil::kiosk {

// An 8-bit greyscale image, row-major, `width` bytes a row.
struct GrayFrame {
  int width = 0;
  int height = 0;
  std::vector<std::uint8_t> pixels;
};

// Where frames come from: a camera, or a test.
class FrameSource {
public:
  virtual ~FrameSource() = default;
  enum class Next {
    frame,  // `frame` holds the next one
    none,   // nothing within the timeout
    lost,   // the device went away (unplugged): open it again
  };
  virtual Next next(GrayFrame& frame, int timeout_ms) = 0;
};
using FrameSourceOpener = std::function<Result<std::unique_ptr<FrameSource>>()>;

// zxing-cpp, QR codes only. `try_harder` looks longer (more binarizer passes,
// a downscaled copy); a phone at arm's length needs it.
class QrDecoder {
public:
  explicit QrDecoder(bool try_harder = true);
  // The code's bytes, as text; nothing when no QR code is read.
  std::optional<std::string> decode(const GrayFrame& frame) const;

private:
  bool m_try_harder;
};

// A code held in front of the camera is read in many frames: it is one scan.
// The same code again is a new scan only once it has been missing for
// `forget_after` decoded frames in a row (the phone was taken away).
class SameCodeFilter {
public:
  explicit SameCodeFilter(int forget_after = 5) : m_forget_after(forget_after) {}
  // What one decoded frame read; returns the code when it is a new scan.
  std::optional<std::string> feed(const std::optional<std::string>& read);

private:
  int m_forget_after;
  std::string m_last;
  int m_missing = 0;
};

// What the welcome screen shows: a small copy of the last frame, and when a
// code was last read. Written by the camera's thread, read by the UI thread.
struct CameraSnapshot {
  std::uint64_t sequence = 0;   // grows with each new frame; 0: none yet
  GrayFrame preview;            // at most preview_width wide
  std::int64_t frame_at_ms = 0;  // steady clock
  std::int64_t read_at_ms = 0;   // last scan; 0: none
};
class CameraFeed {
public:
  void put_frame(const GrayFrame& frame, std::int64_t now_ms, int preview_width);
  void put_read(std::int64_t now_ms);
  void put_gone();  // the camera went away: nothing to show
  // A copy when the frame is newer than `after_sequence`.
  std::optional<CameraSnapshot> take(std::uint64_t after_sequence) const;
  std::int64_t read_at_ms() const;
  std::uint64_t sequence() const;  // of the last frame; 0 while the camera is gone
  bool live(std::int64_t now_ms) const;  // a frame within the last second

private:
  mutable std::mutex m_mutex;
  CameraSnapshot m_snapshot;
  bool m_gone = true;
};

std::int64_t steady_ms();

struct CameraOptions {
  std::string name;         // for the log: "/dev/video0"
  int fps = 10;             // frames decoded a second, at most
  int forget_after = 5;     // see SameCodeFilter
  int preview_width = 320;  // of the copy kept for the screen
  bool try_harder = true;
  int retry_ms = 2000;      // how often a missing camera is looked for
};

// The camera's thread: opens the source (again after it is unplugged), decodes
// up to `fps` frames a second, and calls `on_scan` (on this thread) with each
// new code. Says in `log` why nothing is read: no device, unplugged, back.
class CameraScanner {
public:
  CameraScanner(CameraOptions options, FrameSourceOpener open, std::shared_ptr<CameraFeed> feed,
                std::function<void(std::string)> on_scan, std::function<void(const std::string&)> log);
  ~CameraScanner();
  CameraScanner(const CameraScanner&) = delete;
  CameraScanner& operator=(const CameraScanner&) = delete;

private:
  void loop();
  void pause(int ms);

  CameraOptions m_options;
  FrameSourceOpener m_open;
  std::shared_ptr<CameraFeed> m_feed;
  std::function<void(std::string)> m_on_scan;
  std::function<void(const std::string&)> m_log;
  std::atomic<bool> m_stop{false};
  std::thread m_thread;
};

}  // namespace accueil::kiosk
