#include "kiosk/app/modes/dashboard/dashboard.hpp"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstdint>
#include <limits>
#include <map>
#include <optional>

#include <fmt/core.h>

#include "kiosk/app/modes/dashboard/chart_axis.hpp"
#include "kiosk/app/modes/dashboard/chime.hpp"
#include "kiosk/app/modes/dashboard/title.hpp"
#include "kiosk/app/modes/dashboard/words.hpp"
#include "kiosk/app/shell/text_textures.hpp"
#include "kiosk/app/shell/trace.hpp"
#include "kiosk/app/shell/ui_queue.hpp"
#include "kiosk/app/shell/worker.hpp"
#include "shared/base/files.hpp"
#include "shared/domain/clock.hpp"
#include "shared/text/catalog.hpp"
#include "shared/text/countries.hpp"

namespace accueil::kiosk {

namespace {

std::uint32_t rgb_of(std::string_view hex) {
  if (hex.size() != 7 || hex[0] != '#') return 0x808080;
  return static_cast<std::uint32_t>(std::strtoul(std::string(hex.substr(1)).c_str(), nullptr, 16));
}
ImU32 col(std::uint32_t rgb, int alpha = 255) {
  return IM_COL32((rgb >> 16) & 0xFF, (rgb >> 8) & 0xFF, rgb & 0xFF, alpha);
}

constexpr std::uint32_t k_ink = 0x1B1F24, k_muted = 0x5F6B76, k_line = 0xD5DAE0, k_panel = 0xFFFFFF, k_back = 0xEEF1F4,
                        k_red = 0xC0392B, k_green = 0x2E8B57, k_remaining = 0xC9D1D9;

std::string percent(double share) { return fmt::format("{:.1f} %", 100.0 * share); }

class Dashboard final : public DashboardMode {
public:
  Dashboard(std::unique_ptr<DashboardFeed> feed, std::vector<std::string> languages, bool vip_sound)
      : m_feed(std::move(feed)),
        m_languages(std::move(languages)),
        m_chime(vip_sound, [](const std::string& line) { fmt::print(stderr, "accueil: {}\n", line); }) {
    // None given: the event's, once the feed knows it (central's first answer).
    m_languages_from_event = m_languages.empty();
    if (m_languages.empty()) m_languages.push_back("fr");
  }

  void start(const ShellServices& shell) override {
    m_shell = &shell;
    m_services.emplace(shell);
    // The texts added since the Words tables, from the catalogs (English: the msgids).
    if (auto catalogs = Catalogs::load(assets_dir() / "i18n", {"fr", "es"}); catalogs)
      m_catalogs = std::move(*catalogs);
    else
      shell.trace.log("catalogs", catalogs.error().message);
    std::shared_ptr<DashboardFeed> feed(std::move(m_feed));
    m_worker = std::make_unique<Worker<std::shared_ptr<DashboardFeed>>>(
        [feed]() -> Result<std::shared_ptr<DashboardFeed>> { return feed; }, shell.ui, [](Error) {});
    poll();
  }

  void on_scan(const std::string&) override {}
  void on_key(SDL_Scancode key) override {
    if (key == SDL_SCANCODE_L && m_languages.size() > 1) {
      m_language = (m_language + 1) % m_languages.size();
      m_force = true;
      m_next_poll_ms = 0;
    }
  }

  void tick() override {
    if (monotonic_ms() >= m_next_poll_ms) poll();
    // The clock keeps time while the figures stand still (central down, a
    // quiet hour): a frame when its minute turns, no more. The empty work
    // posted is what makes the shell draw.
    if (m_data && !m_clock_frame_asked && m_clock.due(m_services->clock.now_ms())) {
      m_clock_frame_asked = true;
      m_services->ui.post([] {});
    }
    // A print queue's heartbeat going stale turns it red without new figures
    // (a desk killed, its store quiet): a frame when the freshest one expires.
    if (m_stale_frame_at_ms && m_services->clock.now_ms() >= *m_stale_frame_at_ms) {
      m_stale_frame_at_ms.reset();
      m_services->ui.post([] {});
    }
  }

  bool draw(const Frame& frame) override;

  void after_frame() override {
    // The time the title shows, once per minute drawn (the e2e test sees the
    // clock move while central is down).
    if (m_drawn_time != m_traced_time) {
      m_traced_time = m_drawn_time;
      m_services->trace.log("clock", m_drawn_time);
    }
    if (m_drawn_new && m_data) {
      const Figures& today = m_data->report.days.empty() ? m_data->report.total
                                                         : m_data->report.days[static_cast<std::size_t>(m_data->day - 1)];
      m_services->trace.log(
          "figures", fmt::format("lang={} day={} arrived={} registered={} total={} total_registered={} countries={} "
                                 "vip={} expected={} bins={} peak={} remaining={} read_ms={:.2f} compute_ms={:.2f} stations={} "
                                 "reception={} duplicates={}",
                                 m_data->language, m_data->day, today.checked_in.people, today.registered.people,
                                 m_data->report.total.checked_in.people, m_data->report.total.registered.people,
                                 m_data->report.total.checked_in.countries, m_data->protocol.arrived.size(),
                                 m_data->protocol.expected.size(), m_data->timeline.bins.size(), m_data->timeline.peak,
                                 m_data->timeline.remaining, m_data->read_ms, m_data->compute_ms,
                                 m_data->stations.holders.size(), m_data->stations.reception_waiting,
                                 m_data->duplicates.size()));
      m_drawn_new = false;
    }
  }

  std::string screen() const override {
    return m_data ? "dashboard" : m_unreachable_since ? "dashboard-unreachable" : "dashboard-loading";
  }
  // A screenshot for each language shown.
  std::string screen_key() const override {
    return fmt::format("{}-{}", screen(), m_data ? m_data->language : m_languages[m_language]);
  }
  bool animates() const override { return false; }
  std::optional<std::int64_t> next_wake_ms() const override {
    const auto poll = std::max<std::int64_t>(0, static_cast<std::int64_t>(m_next_poll_ms - monotonic_ms()));
    const std::int64_t now = m_services->clock.now_ms();
    std::int64_t wake = std::min(poll, MinuteTicker::ms_to_next_minute(now));
    if (m_stale_frame_at_ms) wake = std::min(wake, std::max<std::int64_t>(0, *m_stale_frame_at_ms - now));
    return wake;
  }

private:
  // One refresh on the worker. The UI hears of it only when the figures
  // changed (or an error came or went): an idle poll draws no frame.
  void poll() {
    const double now_mono = monotonic_ms();
    m_next_poll_ms = now_mono + std::max<double>(k_poll_ms, m_backoff_ms.load());
    if (m_in_flight.exchange(true)) return;  // the last one is still running: skip a turn
    const bool recompute = m_force || now_mono - m_last_compute_ms >= k_recompute_ms;
    if (recompute) m_last_compute_ms = now_mono;
    m_force = false;
    const std::int64_t now = m_services->clock.now_ms();
    std::string language = m_languages[m_language];
    UiQueue* ui = &m_services->ui;
    Trace* trace = &m_services->trace;
    m_worker->run([this, ui, trace, now, language, recompute](std::shared_ptr<DashboardFeed>& feed) {
      const double began = monotonic_ms();
      auto result = feed->refresh(now, language, recompute);
      const double spent = monotonic_ms() - began;
      if (trace->enabled()) trace->log("poll", fmt::format("{:.2f} {}", spent, result && *result ? "new" : "same"));
      const bool had_error = m_worker_error.exchange(!result);
      const std::optional<std::int64_t> down_since = result ? std::nullopt : feed->unreachable_since_ms();
      if (result && *result) {
        // Figures that cost much wait longer for the next: the dashboard
        // takes at most about a fifth of a core however busy the event.
        m_backoff_ms = std::min(10'000.0, 4 * (*result)->compute_ms);
        ui->post([this, data = std::move(**result)]() mutable {
          m_error.clear();
          m_unreachable_since.reset();
          if (m_languages_from_event && !data.event.languages.empty()) {
            m_languages_from_event = false;
            m_languages = data.event.languages;
            m_language = 0;
            if (data.language != m_languages[0]) {  // drawn in the event's own language next
              m_force = true;
              m_next_poll_ms = 0;
            }
          }
          m_data = std::move(data);
          m_new = true;
          if (m_chime.on_feed(m_data->protocol)) m_services->trace.log("chime", m_data->protocol.arrived.front().attendee_id);
        });
      } else if (!result) {
        // The same failure again (central still down) draws nothing: a frame
        // per poll kept a tenth of a core busy through an outage.
        const bool news = !had_error || result.error().message != m_last_error || down_since != m_last_down_since;
        if (news) {
          m_last_error = result.error().message;
          m_last_down_since = down_since;
          if (trace->enabled()) trace->log("feed-error", result.error().message);
          ui->post([this, message = result.error().message, down_since] {
            m_error = message;
            m_unreachable_since = down_since;
          });
        }
      } else if (had_error) {
        ui->post([this] {
          m_error.clear();
          m_unreachable_since.reset();
        });
      }
      m_in_flight = false;
    });
  }

  // --- Drawing ---------------------------------------------------------------------------
  struct Box {
    float x, y, w, h;
  };
  void panel(const Box& b, const char* title) {
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRectFilled(ImVec2(b.x, b.y), ImVec2(b.x + b.w, b.y + b.h), col(k_panel), 6.0f);
    if (title) text(title, b.x + m_u, b.y + m_u * 0.6f, m_shell->fonts.body, m_u * 1.25f, k_muted);
  }
  float text(std::string_view s, float x, float y, ImFont* font, float size, std::uint32_t rgb) {
    std::string str(s);
    ImGui::GetWindowDrawList()->AddText(font, size, ImVec2(x, y), col(rgb), str.c_str());
    return font->CalcTextSizeA(size, FLT_MAX, 0, str.c_str()).x;
  }
  float text_right(std::string_view s, float right, float y, ImFont* font, float size, std::uint32_t rgb) {
    std::string str(s);
    const float w = font->CalcTextSizeA(size, FLT_MAX, 0, str.c_str()).x;
    ImGui::GetWindowDrawList()->AddText(font, size, ImVec2(right - w, y), col(rgb), str.c_str());
    return w;
  }
  // A name in any script, as Pango sets it.
  void name(std::string_view s, float x, float y, float size, float max_w, bool bold = true, std::uint32_t rgb = k_ink) {
    TextTexture t = m_services->names.get(s, static_cast<int>(size), bold, rgb, static_cast<int>(max_w));
    if (!t.texture) return;
    ImGui::GetWindowDrawList()->AddImage(reinterpret_cast<ImTextureID>(t.texture), ImVec2(x, y),
                                         ImVec2(x + static_cast<float>(t.width), y + static_cast<float>(t.height)));
  }

  void draw_contents(const Frame& frame);
  void draw_headline(const Box& b, const Words& w);
  void draw_timeline(const Box& b, const Words& w);
  void draw_bars(const Box& b, const char* title, const std::vector<CountRow>& rows, std::int64_t total,
                 const std::map<std::string, std::uint32_t>& colours, std::size_t max_rows);
  void draw_protocol(const Box& b, const Words& w);
  void draw_stations(const Box& b, const Words& w);

  std::string time_of(std::int64_t ms) const { return local_time(ms, m_data->event.timezone); }
  std::string tr(std::string_view language, std::string_view english) const {
    return std::string(m_catalogs.translate(language, english));
  }
  // The title's clock (now) and the red line under it (title.hpp).
  TitleLines title_lines(std::string_view language, std::int64_t now) const {
    return dashboard_title({m_data ? &*m_data : nullptr, language, now, m_error, m_unreachable_since}, m_catalogs);
  }

  std::unique_ptr<DashboardFeed> m_feed;
  std::vector<std::string> m_languages;
  ProtocolChime m_chime;
  std::size_t m_language = 0;
  const ShellServices* m_shell = nullptr;
  std::optional<ShellServices> m_services;
  std::unique_ptr<Worker<std::shared_ptr<DashboardFeed>>> m_worker;
  std::atomic<bool> m_in_flight{false};  // a refresh is running on the worker
  std::atomic<bool> m_worker_error{false};
  std::string m_last_error;                         // worker side: the failure last shown
  std::optional<std::int64_t> m_last_down_since;    // worker side
  std::atomic<double> m_backoff_ms{0};  // 4 x the last figures' cost
  bool m_force = false;
  double m_next_poll_ms = 0;
  double m_last_compute_ms = 0;
  std::optional<DashboardData> m_data;
  bool m_new = false, m_drawn_new = false;
  std::string m_error;
  std::optional<std::int64_t> m_unreachable_since;  // Unix ms, while the feed's source is down
  bool m_languages_from_event = false;
  Catalogs m_catalogs;
  MinuteTicker m_clock;             // the title's clock: the minute last drawn
  bool m_clock_frame_asked = false;  // a frame for it is on its way
  std::optional<std::int64_t> m_stale_frame_at_ms;  // when the next print queue shown online goes stale
  std::string m_drawn_time, m_traced_time;  // "09:47": on screen, in the trace
  float m_u = 10;  // the layout's unit, pixels
};

bool Dashboard::draw(const Frame& frame) {
  ImGui::SetNextWindowPos(ImVec2(0, 0));
  ImGui::SetNextWindowSize(ImVec2(frame.width, frame.height));
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(0, 0));
  ImGui::Begin("dashboard", nullptr,
               ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                   ImGuiWindowFlags_NoBringToFrontOnFocus | ImGuiWindowFlags_NoScrollWithMouse |
                   ImGuiWindowFlags_NoInputs);
  draw_contents(frame);
  ImGui::End();
  ImGui::PopStyleVar();
  return false;
}

void Dashboard::draw_contents(const Frame& frame) {
  m_u = std::max(6.0f, std::min(frame.width / 128.0f, frame.height / 80.0f));
  const float u = m_u;
  ImDrawList* dl = ImGui::GetWindowDrawList();
  dl->AddRectFilled(ImVec2(0, 0), ImVec2(frame.width, frame.height), col(k_back));
  const std::int64_t now = m_services->clock.now_ms();
  if (!m_data) {
    const std::string said = title_lines(m_languages[m_language], now).status;
    text(said.empty() ? "..." : said, 2 * u, 2 * u, m_shell->fonts.body, 1.6f * u, said.empty() ? k_muted : k_red);
    return;
  }
  const Words& w = words(m_data->language);
  // The title bar: the event, the day, the time now, where the figures come
  // from; in red when they are the last known ones, and since when.
  const TitleLines title = title_lines(m_data->language, now);
  m_clock.drawn(now);
  m_drawn_time = time_of(now);
  m_clock_frame_asked = false;
  name(m_data->event.name, 1.5f * u, 0.8f * u, 2.2f * u, frame.width * 0.55f);
  text_right(title.clock, frame.width - 1.5f * u, 1.0f * u, m_shell->fonts.body, 1.6f * u, k_ink);
  text_right(m_data->source, frame.width - 1.5f * u, 2.8f * u, m_shell->fonts.body, 1.1f * u, k_muted);
  if (!title.status.empty()) text(title.status, 1.5f * u, 3.2f * u, m_shell->fonts.body, 1.1f * u, k_red);

  const float top = 4.6f * u, gap = 1.0f * u;
  const float head_h = 9.5f * u;
  draw_headline({gap, top, frame.width - 2 * gap, head_h}, w);
  const float mid_y = top + head_h + gap;
  const float mid_h = (frame.height - mid_y - gap) * 0.52f;
  const float left_w = (frame.width - 3 * gap) * 0.58f;
  const float right_w = frame.width - 3 * gap - left_w;
  draw_timeline({gap, mid_y, left_w, mid_h}, w);
  std::map<std::string, std::uint32_t> colours;
  for (const Category& c : m_data->event.categories) colours[c.key] = rgb_of(c.colour);
  const Figures& today = m_data->report.days.empty() ? m_data->report.total
                                                     : m_data->report.days[static_cast<std::size_t>(m_data->day - 1)];
  std::vector<CountRow> categories = today.by_category;
  std::ranges::stable_sort(categories, [](const CountRow& x, const CountRow& y) { return x.checked_in > y.checked_in; });
  draw_bars({2 * gap + left_w, mid_y, right_w, mid_h}, w.by_category, categories, today.checked_in.people, colours, 9);
  const float low_y = mid_y + mid_h + gap;
  const float low_h = frame.height - low_y - gap;
  const float third = (frame.width - 4 * gap) / 3;
  draw_protocol({gap, low_y, third * 1.25f, low_h}, w);
  draw_bars({2 * gap + third * 1.25f, low_y, third * 0.85f, low_h}, w.by_country, today.by_country,
            today.checked_in.people, {}, 9);
  draw_stations({3 * gap + third * 2.1f, low_y, third * 0.9f, low_h}, w);
  if (m_new) {
    m_new = false;
    m_drawn_new = true;
  }
}

void Dashboard::draw_headline(const Box& b, const Words& w) {
  const float u = m_u;
  const Figures& total = m_data->report.total;
  const Figures& today = m_data->report.days.empty() ? total
                                                     : m_data->report.days[static_cast<std::size_t>(m_data->day - 1)];
  struct Tile {
    std::string label, value, under;
    bool wide;
  };
  const std::vector<Tile> tiles = {
      {w.today, std::to_string(today.checked_in.people), fmt::format(fmt::runtime(w.arrived_of), "", today.registered.people), true},
      {w.event, std::to_string(total.checked_in.people), fmt::format(fmt::runtime(w.arrived_of), "", total.registered.people), true},
      {w.foreign, percent(total.checked_in.foreign_share()), std::to_string(total.checked_in.foreign_people), false},
      {w.authorities, std::to_string(total.checked_in.local_authorities), "", false},
      {w.countries, std::to_string(total.checked_in.countries), "", false},
      {w.delegations, std::to_string(total.checked_in.foreign_delegations), "", false},
      {w.embassies, std::to_string(total.checked_in.embassies), "", false},
  };
  float units = 0;
  for (const Tile& t : tiles) units += t.wide ? 1.5f : 1.0f;
  const float gap = 0.8f * u;
  const float unit_w = (b.w - gap * static_cast<float>(tiles.size() - 1)) / units;
  float x = b.x;
  for (const Tile& t : tiles) {
    const float tw = unit_w * (t.wide ? 1.5f : 1.0f);
    panel({x, b.y, tw, b.h}, nullptr);
    text(t.label, x + u, b.y + 0.6f * u, m_shell->fonts.body, 1.2f * u, k_muted);
    const float vw = text(t.value, x + u, b.y + 2.4f * u, m_shell->fonts.title, 4.6f * u, k_ink);
    if (!t.under.empty())
      text(t.under, x + u + vw + 0.4f * u, b.y + 5.0f * u, m_shell->fonts.body, 1.6f * u, k_muted);
    x += tw + gap;
  }
}

void Dashboard::draw_timeline(const Box& b, const Words& w) {
  const float u = m_u;
  panel(b, w.arrivals);
  const Timeline& t = m_data->timeline;
  ImDrawList* dl = ImGui::GetWindowDrawList();
  // The figures under the title.
  std::string line;
  if (t.peak > 0)
    line = fmt::format("{} {} {} ({})   {} {:.0f}/h   ", w.peak, t.peak, w.per_10_min, time_of(t.peak_start_ms), w.rate,
                       t.rate_per_hour);
  line += queue_clears_text(w, t, m_services->clock.now_ms(), m_data->event.timezone);
  text(line, b.x + u, b.y + 2.4f * u, m_shell->fonts.body, 1.2f * u, k_ink);
  const float cx = b.x + 4.0f * u, cy = b.y + 4.6f * u, cw = b.w - 5.0f * u, ch = b.h - 7.4f * u;
  if (t.bins.empty()) {
    text(w.nothing_yet, cx, cy + ch / 2, m_shell->fonts.body, 1.4f * u, k_muted);
    return;
  }
  // Stacked bars per 10 minutes, scaled to the highest stack (chart_axis.hpp),
  // so an organiser reads the arrivals; the last bar on the right is the
  // registered not yet arrived, to the same scale while it fits, and drawn
  // broken at the top with its number above when it does not.
  const ChartAxis axis = chart_axis(t.peak);
  const float scale_top = static_cast<float>(axis.top());
  std::vector<std::uint32_t> colours;
  for (const CountRow& c : t.categories) {
    const Category* cat = m_data->event.category(c.key);
    colours.push_back(cat ? rgb_of(cat->colour) : 0x808080);
  }
  const std::size_t n = t.bins.size();
  const float slot = cw / static_cast<float>(n + 2);
  const float bar = std::max(1.0f, slot * 0.8f);
  for (int g = 0; g <= axis.steps; ++g) {
    const float y = cy + ch - ch * static_cast<float>(g) / static_cast<float>(axis.steps);
    dl->AddLine(ImVec2(cx, y), ImVec2(cx + cw, y), col(k_line));
    text_right(std::to_string(axis.step * g), cx - 0.4f * u, y - 0.6f * u, m_shell->fonts.body, 1.0f * u, k_muted);
  }
  for (std::size_t i = 0; i < n; ++i) {
    const ArrivalBin& bin = t.bins[i];
    const float x = cx + slot * static_cast<float>(i);
    float y = cy + ch;
    for (std::size_t c = 0; c < bin.by_category.size(); ++c) {
      if (!bin.by_category[c]) continue;
      const float h = ch * static_cast<float>(bin.by_category[c]) / scale_top;
      dl->AddRectFilled(ImVec2(x, y - h), ImVec2(x + bar, y), col(colours[c]));
      y -= h;
    }
    if (n <= 16 || i % ((n + 11) / 12) == 0)
      text(time_of(bin.start_ms), x, cy + ch + 0.3f * u, m_shell->fonts.body, 1.0f * u, k_muted);
  }
  // The remainder: one bar in grey, with its number; past the scale, a break
  // across it says it is cut.
  const float rx = cx + slot * static_cast<float>(n + 1) - slot * 0.5f, rw = std::max(bar, 1.2f * u);
  const bool cut = t.remaining > axis.top();
  const float rh = cut ? ch : ch * static_cast<float>(t.remaining) / scale_top;
  dl->AddRectFilled(ImVec2(rx, cy + ch - rh), ImVec2(rx + rw, cy + ch), col(k_remaining));
  if (cut) {
    const float by = cy + 0.2f * ch, d = 0.35f * u;
    dl->AddQuadFilled(ImVec2(rx - d, by + d), ImVec2(rx + rw + d, by - d), ImVec2(rx + rw + d, by + d),
                      ImVec2(rx - d, by + 3 * d), col(k_panel));
  }
  text_right(fmt::format("{} {}", t.remaining, w.not_arrived), cx + cw, cy - 0.2f * u, m_shell->fonts.body, 1.1f * u,
             k_muted);
}

void Dashboard::draw_bars(const Box& b, const char* title, const std::vector<CountRow>& rows, std::int64_t total,
                          const std::map<std::string, std::uint32_t>& colours, std::size_t max_rows) {
  const float u = m_u;
  panel(b, title);
  std::int64_t most = 1;
  for (const CountRow& r : rows) most = std::max(most, r.checked_in);
  const float row_h = std::min(2.6f * u, (b.h - 3.0f * u) / static_cast<float>(std::max<std::size_t>(max_rows, 1)));
  const float label_w = b.w * 0.38f, numbers_w = b.w * 0.24f;
  const float bar_x = b.x + u + label_w, bar_w = b.w - 2 * u - label_w - numbers_w;
  float y = b.y + 2.6f * u;
  std::size_t shown = 0;
  for (const CountRow& r : rows) {
    if (shown++ == max_rows) break;
    name(r.label, b.x + u, y, row_h * 0.55f, label_w - 0.5f * u, false);
    const float len = bar_w * static_cast<float>(r.checked_in) / static_cast<float>(most);
    auto c = colours.find(r.key);
    ImGui::GetWindowDrawList()->AddRectFilled(ImVec2(bar_x, y + row_h * 0.1f), ImVec2(bar_x + len, y + row_h * 0.75f),
                                              col(c == colours.end() ? 0x3C6E91 : c->second));
    const double share = total ? static_cast<double>(r.checked_in) / static_cast<double>(total) : 0.0;
    text_right(fmt::format("{}/{}  {}", r.checked_in, r.registered, percent(share)), b.x + b.w - u, y,
               m_shell->fonts.body, row_h * 0.55f, k_ink);
    y += row_h;
  }
}

void Dashboard::draw_protocol(const Box& b, const Words& w) {
  const float u = m_u;
  panel(b, w.protocol);
  const ProtocolFeed& p = m_data->protocol;
  const float row_h = 2.4f * u;
  float y = b.y + 2.6f * u;
  const float bottom_arrived = b.y + b.h * 0.66f;
  for (const ProtocolEntry& e : p.arrived) {
    if (y + row_h > bottom_arrived) break;
    text(time_of(e.at_ms), b.x + u, y, m_shell->fonts.body, 1.2f * u, k_ink);
    name(e.name, b.x + 5.5f * u, y, 1.2f * u, b.w * 0.36f);
    name(fmt::format("{} · {} · {}", e.function, country_name(e.country, m_data->language), e.kiosk),
         b.x + 5.5f * u + b.w * 0.37f, y, 1.05f * u, b.w - 7.0f * u - b.w * 0.37f, false, k_muted);
    y += row_h;
  }
  y = bottom_arrived;
  text(fmt::format("{} ({})", w.expected, p.expected.size()), b.x + u, y, m_shell->fonts.body, 1.2f * u, k_muted);
  y += 1.8f * u;
  std::string names;
  for (const ProtocolEntry& e : p.expected) {
    if (names.size() > 400) {
      names += ", …";
      break;
    }
    names += (names.empty() ? "" : ", ") + e.name;
  }
  name(names, b.x + u, y, 1.05f * u, b.w - 2 * u, false);
}

void Dashboard::draw_stations(const Box& b, const Words& w) {
  const float u = m_u;
  panel(b, w.stations);
  const StationsState& s = m_data->stations;
  float y = b.y + 2.6f * u;
  const float size = 1.1f * u;
  // Now, by the app's clock: the figures' own time stands still while the
  // store is quiet or central is down, and a dead queue would stay green.
  const std::int64_t now = m_services->clock.now_ms();
  m_stale_frame_at_ms.reset();
  for (const KioskActivity& k : m_data->kiosks) {
    if (y > b.y + b.h - 6 * u) break;
    text(fmt::format("{} · {} {} · {}", k.kiosk.empty() ? "?" : k.kiosk, w.kiosk_last, time_of(k.last_ms), k.arrivals),
         b.x + u, y, m_shell->fonts.body, size, k_ink);
    y += 1.6f * u;
  }
  y += 0.4f * u;
  if (s.holders.empty()) {
    text(w.no_queue, b.x + u, y, m_shell->fonts.body, size, k_red);
    y += 1.6f * u;
  }
  for (const QueueHolderState& h : s.holders) {
    const bool online = queue_online(h.heartbeat_ms, now);
    if (online)
      m_stale_frame_at_ms = std::min(m_stale_frame_at_ms.value_or(std::numeric_limits<std::int64_t>::max()), h.heartbeat_ms + k_queue_alive_ms);
    text(fmt::format("{} {} · {} ({})", online ? "•" : "×", h.program, w.queue_of, time_of(h.heartbeat_ms)), b.x + u, y,
         m_shell->fonts.body, size, online ? k_green : k_red);
    y += 1.6f * u;
  }
  for (const PrinterLoad& p : s.printers) {
    const bool trouble = p.problem != "none" && !p.problem.empty();
    text(fmt::format("{}: {} · {}", p.printer, p.waiting, trouble ? p.problem : "ok"), b.x + u, y, m_shell->fonts.body,
         size, trouble ? k_red : k_ink);
    y += 1.6f * u;
  }
  text(fmt::format("{} {}", s.reception_waiting, w.reception), b.x + u, y, m_shell->fonts.body, size,
       s.reception_waiting ? k_red : k_ink);
  y += 1.6f * u;
  // Cross-kiosk duplicates (central): how many, and the latest pair.
  if (!m_data->duplicates.empty()) {
    const DuplicateCheckin& d = m_data->duplicates.front();
    text(fill(tr(m_data->language, "{count} checked in twice by kiosks cut off from each other"),
              {{"count", std::to_string(m_data->duplicates.size())}}),
         b.x + u, y, m_shell->fonts.body, size, k_red);
    y += 1.6f * u;
    text(fmt::format("{} {}: {} {} · {} {}", w.day, d.day, d.first_kiosk, time_of(d.first_at_ms), d.later_kiosk,
                     time_of(d.later_at_ms)),
         b.x + 2 * u, y, m_shell->fonts.body, size, k_muted);
    y += 1.6f * u;
  }
  text(fmt::format("{} {}", s.outbox_pending, w.outbox), b.x + u, y, m_shell->fonts.body, size, k_muted);
  if (s.outbox_refused > 0) {  // set aside by the sync: staff must see why (shared/sync/local.cpp)
    y += 1.6f * u;
    text(fmt::format("{} {}: {}", s.outbox_refused, w.refused, s.last_refusal), b.x + u, y, m_shell->fonts.body, size,
         k_red);
  }
}

}  // namespace

std::unique_ptr<DashboardMode> DashboardMode::create(std::unique_ptr<DashboardFeed> feed,
                                                     std::vector<std::string> languages, bool vip_sound) {
  return std::make_unique<Dashboard>(std::move(feed), std::move(languages), vip_sound);
}

}  // namespace accueil::kiosk

namespace accueil::kiosk {

int run_dashboard(Shell& shell, const KioskConfig& config) {
  // The central list when the configuration names one (read as a viewer), the store otherwise.
  auto feed = config.central.empty() ? open_local_feed(config.store, config.rehearsal_day)
                                     : open_central_feed(config.central, config.rehearsal_day);
  if (!feed) {
    fmt::print(stderr, "accueil: {}\n", feed.error().message);
    return 1;
  }
  // The central feed knows its event only once central answers: the
  // dashboard then takes the event's languages.
  auto languages = config.languages.empty() ? (*feed)->event().languages : config.languages;
  auto mode = DashboardMode::create(std::move(*feed), std::move(languages), config.dashboard_vip_sound);
  if (auto opened = shell.open_window(); !opened) {
    fmt::print(stderr, "accueil: {}\n", opened.error().message);
    return 1;
  }
  mode->start(shell.services());
  return shell.run(*mode);
}

}  // namespace accueil::kiosk
