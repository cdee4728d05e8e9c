#include "kiosk/app/shell/v4l2_camera.hpp"

#include <fcntl.h>
#include <linux/videodev2.h>
#include <poll.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <turbojpeg.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <vector>

#include <fmt/core.h>

namespace accueil::kiosk {

namespace {

int xioctl(int fd, unsigned long request, void* arg) {
  int r;
  do r = ::ioctl(fd, request, arg);
  while (r < 0 && errno == EINTR);
  return r;
}

struct TjHandle {
  tjhandle h;
  explicit TjHandle(bool compress) : h(compress ? tjInitCompress() : tjInitDecompress()) {}
  ~TjHandle() {
    if (h) tjDestroy(h);
  }
  TjHandle(const TjHandle&) = delete;
  TjHandle& operator=(const TjHandle&) = delete;
};

class V4l2Camera final : public FrameSource {
public:
  ~V4l2Camera() override {
    if (m_streaming) {
      int type = V4L2_BUF_TYPE_VIDEO_CAPTURE;
      xioctl(m_fd, VIDIOC_STREAMOFF, &type);
    }
    for (auto& b : m_buffers)
      if (b.start != MAP_FAILED) ::munmap(b.start, b.length);
    if (m_fd >= 0) ::close(m_fd);
  }

  static Result<std::unique_ptr<FrameSource>> open(const V4l2Request& r) {
    auto cam = std::unique_ptr<V4l2Camera>(new V4l2Camera());
    auto failed = [&](std::string_view what) {
      return fail(fmt::format("{}: {}: {}", r.device, what, std::strerror(errno)));
    };
    cam->m_fd = ::open(r.device.c_str(), O_RDWR | O_NONBLOCK | O_CLOEXEC);
    if (cam->m_fd < 0) return failed("cannot open");
    const int fd = cam->m_fd;
    v4l2_capability cap{};
    if (xioctl(fd, VIDIOC_QUERYCAP, &cap) < 0) return failed("not a V4L2 device");
    const std::uint32_t caps = (cap.capabilities & V4L2_CAP_DEVICE_CAPS) ? cap.device_caps : cap.capabilities;
    if (!(caps & V4L2_CAP_VIDEO_CAPTURE) || !(caps & V4L2_CAP_STREAMING))
      return fail(fmt::format("{}: not a camera that streams (no video capture with streaming)", r.device));
    // YUYV if offered, else MJPEG.
    bool yuyv = false, mjpeg = false;
    v4l2_fmtdesc d{};
    d.type = V4L2_BUF_TYPE_VIDEO_CAPTURE;
    for (; xioctl(fd, VIDIOC_ENUM_FMT, &d) == 0; ++d.index) {
      yuyv |= d.pixelformat == V4L2_PIX_FMT_YUYV;
      mjpeg |= d.pixelformat == V4L2_PIX_FMT_MJPEG;
    }
    if (!yuyv && !mjpeg) return fail(fmt::format("{}: the camera offers neither YUYV nor MJPEG", r.device));
    v4l2_format fmt{};
    fmt.type = V4L2_BUF_TYPE_VIDEO_CAPTURE;
    fmt.fmt.pix.width = static_cast<std::uint32_t>(r.width);
    fmt.fmt.pix.height = static_cast<std::uint32_t>(r.height);
    fmt.fmt.pix.pixelformat = yuyv ? V4L2_PIX_FMT_YUYV : V4L2_PIX_FMT_MJPEG;
    fmt.fmt.pix.field = V4L2_FIELD_NONE;
    if (xioctl(fd, VIDIOC_S_FMT, &fmt) < 0) return failed("cannot set the format");
    if (fmt.fmt.pix.pixelformat != V4L2_PIX_FMT_YUYV && fmt.fmt.pix.pixelformat != V4L2_PIX_FMT_MJPEG)
      return fail(fmt::format("{}: the camera would not send YUYV or MJPEG", r.device));
    cam->m_mjpeg = fmt.fmt.pix.pixelformat == V4L2_PIX_FMT_MJPEG;
    cam->m_width = static_cast<int>(fmt.fmt.pix.width);
    cam->m_height = static_cast<int>(fmt.fmt.pix.height);
    cam->m_stride = static_cast<int>(fmt.fmt.pix.bytesperline ? fmt.fmt.pix.bytesperline : fmt.fmt.pix.width * 2);
    cam->m_min_gap_ms = 750 / std::max(1, r.fps);  // as CameraScanner thins them
    v4l2_streamparm parm{};  // a hint: many cameras take it, the rest are thinned by next()
    parm.type = V4L2_BUF_TYPE_VIDEO_CAPTURE;
    parm.parm.capture.timeperframe = {1, static_cast<std::uint32_t>(std::max(1, r.fps))};
    xioctl(fd, VIDIOC_S_PARM, &parm);

    v4l2_requestbuffers req{};
    req.count = 4;
    req.type = V4L2_BUF_TYPE_VIDEO_CAPTURE;
    req.memory = V4L2_MEMORY_MMAP;
    if (xioctl(fd, VIDIOC_REQBUFS, &req) < 0) return failed("cannot get capture buffers");
    if (req.count < 2) return fail(fmt::format("{}: the camera gave {} capture buffer(s), 2 are needed", r.device, req.count));
    for (std::uint32_t i = 0; i < req.count; ++i) {
      v4l2_buffer b{};
      b.type = V4L2_BUF_TYPE_VIDEO_CAPTURE;
      b.memory = V4L2_MEMORY_MMAP;
      b.index = i;
      if (xioctl(fd, VIDIOC_QUERYBUF, &b) < 0) return failed("cannot query a capture buffer");
      void* start = ::mmap(nullptr, b.length, PROT_READ | PROT_WRITE, MAP_SHARED, fd, b.m.offset);
      cam->m_buffers.push_back({start, b.length});
      if (start == MAP_FAILED) return failed("cannot map a capture buffer");
      if (xioctl(fd, VIDIOC_QBUF, &b) < 0) return failed("cannot queue a capture buffer");
    }
    int type = V4L2_BUF_TYPE_VIDEO_CAPTURE;
    if (xioctl(fd, VIDIOC_STREAMON, &type) < 0) return failed("cannot start streaming");
    cam->m_streaming = true;
    return std::unique_ptr<FrameSource>(std::move(cam));
  }

  Next next(GrayFrame& frame, int timeout_ms) override {
    pollfd p{m_fd, POLLIN, 0};
    const int ready = ::poll(&p, 1, timeout_ms);
    if (ready == 0 || (ready < 0 && errno == EINTR)) return Next::none;
    if (ready < 0 || (p.revents & (POLLERR | POLLHUP | POLLNVAL))) return Next::lost;
    v4l2_buffer b{};
    b.type = V4L2_BUF_TYPE_VIDEO_CAPTURE;
    b.memory = V4L2_MEMORY_MMAP;
    if (xioctl(m_fd, VIDIOC_DQBUF, &b) < 0) return errno == EAGAIN ? Next::none : Next::lost;  // ENODEV: unplugged
    bool got = false;
    const std::int64_t now = steady_ms();
    if (b.index < m_buffers.size() && !(b.flags & V4L2_BUF_FLAG_ERROR) && now - m_last_ms >= m_min_gap_ms) {
      const std::span<const std::uint8_t> data(static_cast<const std::uint8_t*>(m_buffers[b.index].start),
                                               std::min<std::size_t>(b.bytesused, m_buffers[b.index].length));
      if (m_mjpeg) {
        got = jpeg_to_gray(data, frame).has_value();  // a torn frame: the next one
      } else if (data.size() >= static_cast<std::size_t>(m_stride) * static_cast<std::size_t>(m_height)) {
        yuyv_to_gray(data, m_width, m_height, m_stride, frame);
        got = true;
      }
      if (got) m_last_ms = now;
    }
    if (xioctl(m_fd, VIDIOC_QBUF, &b) < 0) return Next::lost;
    return got ? Next::frame : Next::none;
  }

private:
  V4l2Camera() = default;
  struct Buffer {
    void* start = MAP_FAILED;
    std::size_t length = 0;
  };
  int m_fd = -1;
  bool m_streaming = false;
  bool m_mjpeg = false;
  int m_width = 0, m_height = 0, m_stride = 0;
  std::int64_t m_min_gap_ms = 75;
  std::int64_t m_last_ms = 0;
  std::vector<Buffer> m_buffers;
};

}  // namespace

Result<std::unique_ptr<FrameSource>> open_v4l2_camera(const V4l2Request& request) { return V4l2Camera::open(request); }

void yuyv_to_gray(std::span<const std::uint8_t> yuyv, int width, int height, int stride, GrayFrame& out) {
  out.width = width;
  out.height = height;
  out.pixels.resize(static_cast<std::size_t>(width) * static_cast<std::size_t>(height));
  for (int y = 0; y < height; ++y) {
    const std::uint8_t* in = yuyv.data() + static_cast<std::size_t>(y) * static_cast<std::size_t>(stride);
    std::uint8_t* o = out.pixels.data() + static_cast<std::size_t>(y) * static_cast<std::size_t>(width);
    for (int x = 0; x < width; ++x) o[x] = in[x * 2];  // Y0 U Y1 V: every other byte is luma
  }
}

Status jpeg_to_gray(std::span<const std::uint8_t> jpeg, GrayFrame& out) {
  thread_local TjHandle tj(false);
  if (!tj.h) return fail("cannot start the JPEG decoder");
  int w = 0, h = 0, subsamp = 0, colorspace = 0;
  auto* data = const_cast<unsigned char*>(jpeg.data());  // turbojpeg 2.1 takes no const
  const auto size = static_cast<unsigned long>(jpeg.size());
  if (tjDecompressHeader3(tj.h, data, size, &w, &h, &subsamp, &colorspace) != 0 || w <= 0 || h <= 0)
    return fail(fmt::format("not a JPEG frame: {}", tjGetErrorStr2(tj.h)));
  out.width = w;
  out.height = h;
  out.pixels.resize(static_cast<std::size_t>(w) * static_cast<std::size_t>(h));
  if (tjDecompress2(tj.h, data, size, out.pixels.data(), w, 0, h, TJPF_GRAY, TJFLAG_FASTDCT) != 0 &&
      tjGetErrorCode(tj.h) == TJERR_FATAL)
    return fail(fmt::format("a broken JPEG frame: {}", tjGetErrorStr2(tj.h)));
  return {};
}

Result<std::vector<std::uint8_t>> gray_to_jpeg(const GrayFrame& frame, int quality) {
  TjHandle tj(true);
  unsigned char* buf = nullptr;
  unsigned long size = 0;
  if (!tj.h || tjCompress2(tj.h, frame.pixels.data(), frame.width, 0, frame.height, TJPF_GRAY, &buf, &size, TJSAMP_GRAY,
                           quality, 0) != 0) {
    if (buf) tjFree(buf);
    return fail("cannot compress the frame to JPEG");
  }
  std::vector<std::uint8_t> out(buf, buf + size);
  tjFree(buf);
  return out;
}

}  // namespace accueil::kiosk
