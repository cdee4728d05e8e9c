// A camera that films a picture file: `[camera] device = "file:PATH.png"`.
// For tests and benchmarks on machines with no camera (no v4l2loopback): the
// frames are whatever PATH holds now, drawn black on white in the middle of a
// width x height frame at `fps` frames a second; no file, a blank frame. A test
// shows a ticket by moving its QR code's PNG to PATH, and takes it away by
// removing it. Each time the picture changes, `on_change` is told (the trace
// marks when the code appeared, for the time to the "printing" screen).
#pragma once

#include <functional>
#include <memory>
#include <string>

#include "kiosk/app/shell/qr_camera.hpp"

namespace accueil::kiosk {

struct FileCameraRequest {
  std::string path;  // without the "file:" prefix
  int width = 640;
  int height = 480;
  int fps = 10;
  std::function<void(bool shown)> on_change;  // a picture appeared (true) or went away (false)
};

// Whether a [camera] device names a picture file rather than a V4L2 device.
bool is_file_camera(const std::string& device);
Result<std::unique_ptr<FrameSource>> open_file_camera(FileCameraRequest request);

}  // namespace accueil::kiosk
