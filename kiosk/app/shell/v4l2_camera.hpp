// A V4L2 camera (/dev/videoN) as a FrameSource: YUYV when the camera offers it
// (its Y plane is the grey image, no decoding), MJPEG otherwise (decoded to grey
// by libjpeg-turbo). Streaming with mmap'd buffers; frames arriving faster than
// `fps` are handed back unread.
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <string>

#include "kiosk/app/shell/qr_camera.hpp"

namespace accueil::kiosk {

struct V4l2Request {
  std::string device;  // /dev/video0
  int width = 640;     // asked for; the driver picks the nearest it has
  int height = 480;
  int fps = 10;
};

Result<std::unique_ptr<FrameSource>> open_v4l2_camera(const V4l2Request& request);

// The conversions, on their own for the tests.
void yuyv_to_gray(std::span<const std::uint8_t> yuyv, int width, int height, int stride, GrayFrame& out);
Status jpeg_to_gray(std::span<const std::uint8_t> jpeg, GrayFrame& out);
// The other way, for tests and the benchmark: a grey image as a JPEG of `quality`.
Result<std::vector<std::uint8_t>> gray_to_jpeg(const GrayFrame& frame, int quality);

}  // namespace accueil::kiosk
