#include "kiosk/app/shell/qr_camera.hpp"

#define ZX_USE_UTF8 1
#include <ZXing/ReadBarcode.h>

#include <algorithm>
#include <chrono>

#include <fmt/core.h>

namespace accueil::kiosk {

QrDecoder::QrDecoder(bool try_harder) : m_try_harder(try_harder) {}

std::optional<std::string> QrDecoder::decode(const GrayFrame& frame) const {
  if (frame.width <= 0 || frame.height <= 0 ||
      frame.pixels.size() < static_cast<std::size_t>(frame.width) * static_cast<std::size_t>(frame.height))
    return std::nullopt;
  ZXing::DecodeHints hints;
  hints.setFormats(ZXing::BarcodeFormat::QRCode);
  hints.setTryHarder(m_try_harder);
  hints.setTryRotate(false);  // a QR code reads at any angle; turning the image is for 1D codes
  hints.setTryDownscale(m_try_harder);
  hints.setMaxNumberOfSymbols(1);
  const ZXing::ImageView image(frame.pixels.data(), frame.width, frame.height, ZXing::ImageFormat::Lum);
  const ZXing::Result result = ZXing::ReadBarcode(image, hints);
  if (!result.isValid()) return std::nullopt;
  const ZXing::ByteArray& bytes = result.bytes();
  return std::string(bytes.begin(), bytes.end());
}

std::optional<std::string> SameCodeFilter::feed(const std::optional<std::string>& read) {
  if (!read) {
    if (!m_last.empty() && ++m_missing >= m_forget_after) m_last.clear();
    return std::nullopt;
  }
  m_missing = 0;
  if (*read == m_last) return std::nullopt;
  m_last = *read;
  return read;
}

std::int64_t steady_ms() {
  using namespace std::chrono;
  return duration_cast<milliseconds>(steady_clock::now().time_since_epoch()).count();
}

void CameraFeed::put_frame(const GrayFrame& frame, std::int64_t now_ms, int preview_width) {
  // A nearest-pixel copy at most `preview_width` wide: a thumbnail, cheap to make and to upload.
  const int step = std::max(1, (frame.width + preview_width - 1) / preview_width);
  GrayFrame small;
  small.width = frame.width / step;
  small.height = frame.height / step;
  small.pixels.resize(static_cast<std::size_t>(small.width) * static_cast<std::size_t>(small.height));
  for (int y = 0; y < small.height; ++y) {
    const std::uint8_t* row = frame.pixels.data() + static_cast<std::size_t>(y * step) * static_cast<std::size_t>(frame.width);
    std::uint8_t* out = small.pixels.data() + static_cast<std::size_t>(y) * static_cast<std::size_t>(small.width);
    for (int x = 0; x < small.width; ++x) out[x] = row[x * step];
  }
  std::lock_guard lock(m_mutex);
  m_snapshot.preview = std::move(small);
  m_snapshot.frame_at_ms = now_ms;
  ++m_snapshot.sequence;
  m_gone = false;
}

void CameraFeed::put_read(std::int64_t now_ms) {
  std::lock_guard lock(m_mutex);
  m_snapshot.read_at_ms = now_ms;
}

void CameraFeed::put_gone() {
  std::lock_guard lock(m_mutex);
  m_gone = true;
}

std::optional<CameraSnapshot> CameraFeed::take(std::uint64_t after_sequence) const {
  std::lock_guard lock(m_mutex);
  if (m_gone || m_snapshot.sequence <= after_sequence) return std::nullopt;
  return m_snapshot;
}

std::int64_t CameraFeed::read_at_ms() const {
  std::lock_guard lock(m_mutex);
  return m_snapshot.read_at_ms;
}

std::uint64_t CameraFeed::sequence() const {
  std::lock_guard lock(m_mutex);
  return m_gone ? 0 : m_snapshot.sequence;
}

bool CameraFeed::live(std::int64_t now_ms) const {
  std::lock_guard lock(m_mutex);
  return !m_gone && m_snapshot.sequence > 0 && now_ms - m_snapshot.frame_at_ms < 1000;
}

CameraScanner::CameraScanner(CameraOptions options, FrameSourceOpener open, std::shared_ptr<CameraFeed> feed,
                             std::function<void(std::string)> on_scan, std::function<void(const std::string&)> log)
    : m_options(std::move(options)),
      m_open(std::move(open)),
      m_feed(std::move(feed)),
      m_on_scan(std::move(on_scan)),
      m_log(std::move(log)),
      m_thread([this] { loop(); }) {}

CameraScanner::~CameraScanner() {
  m_stop = true;
  m_thread.join();  // the loop looks at m_stop at least every 200 ms
}

void CameraScanner::pause(int ms) {
  for (int waited = 0; waited < ms && !m_stop; waited += 100)
    std::this_thread::sleep_for(std::chrono::milliseconds(std::min(100, ms - waited)));
}

void CameraScanner::loop() {
  const QrDecoder decoder(m_options.try_harder);
  // Frames closer than 3/4 of the interval are let go: a 30 fps camera is
  // read at 10, a 10 fps one with some jitter loses none.
  const std::int64_t min_gap_ms = 750 / std::max(1, m_options.fps);
  std::string last_error;
  GrayFrame frame;
  while (!m_stop) {
    auto source = m_open();
    if (!source) {  // missing or not a camera: said once, looked for again quietly
      if (source.error().message != last_error)
        m_log(fmt::format("camera: {}; no preview, looking again every {:g} s", source.error().message,
                          m_options.retry_ms / 1000.0));
      last_error = source.error().message;
      pause(m_options.retry_ms);
      continue;
    }
    m_log(fmt::format("camera {}: reading QR codes", m_options.name));
    last_error.clear();
    SameCodeFilter filter(m_options.forget_after);
    std::int64_t last_decoded = 0;
    while (!m_stop) {
      const FrameSource::Next got = (*source)->next(frame, 200);
      if (got == FrameSource::Next::lost) {
        m_feed->put_gone();
        m_log(fmt::format("camera {}: lost (unplugged?); no preview until it is back", m_options.name));
        last_error = "lost";
        break;
      }
      if (got == FrameSource::Next::none) continue;
      const std::int64_t now = steady_ms();
      if (now - last_decoded < min_gap_ms) continue;  // a camera faster than we need
      last_decoded = now;
      m_feed->put_frame(frame, now, m_options.preview_width);
      if (auto code = filter.feed(decoder.decode(frame))) {
        m_feed->put_read(steady_ms());
        m_on_scan(std::move(*code));
      }
    }
    m_feed->put_gone();
    source->reset();
    if (!m_stop) pause(500);
  }
}

}  // namespace accueil::kiosk
