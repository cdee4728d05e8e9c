// Inside the self-service mode (selfservice.hpp), shared by its two halves:
// kiosk_mode.cpp (what comes in, the screens, the attendee list for "find my
// name") and effects.cpp (what the flow asks for: check-ins, badge previews,
// print requests, and the print queue they go to).
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "kiosk/app/modes/selfservice/selfservice.hpp"
#include "kiosk/app/modes/selfservice/views.hpp"
#include "kiosk/app/shell/worker.hpp"
#include "printer/queue/print_queue.hpp"
#include "printer/render/badge_template.hpp"
#include "printer/render/render.hpp"
#include "shared/base/files.hpp"
#include "shared/flow/kiosk_flow.hpp"
#include "shared/search/search.hpp"
#include "shared/store/store.hpp"
#include "shared/text/catalog.hpp"

namespace accueil::kiosk {

// Badge previews are made on a worker thread with a typesetter of its own.
struct PreviewMaker {
  render::Typesetter typesetter;
  render::TemplateShelf templates{assets_dir() / "badges"};

  Result<render::RgbaImage> make(const Event& event, const Attendee& attendee, std::string code,
                                 const std::string& template_id, double height_px);
};

class SelfService final : public SelfServiceMode {
public:
  SelfService(KioskConfig kiosk_config, const Clock& event_clock)
      : config(std::move(kiosk_config)), clock(event_clock) {}
  ~SelfService() override;

  // SelfServiceMode, Mode
  void start(const ShellServices& shell) override;
  void follow_first_pull(std::function<FirstPull()> progress) override;
  void on_scan(const std::string& code) override;
  void on_key(SDL_Scancode key) override;
  void tick() override;
  bool draw(const Frame& frame) override;
  void after_frame() override;
  std::string screen() const override;
  std::string screen_key() const override;
  bool ready_to_capture(double ms_on_screen) const override;
  bool animates() const override;
  std::optional<std::int64_t> next_wake_ms() const override;

  KioskConfig config;
  const Clock& clock;
  Event event;
  std::vector<std::string> languages;
  std::string kiosk_id;
  std::string printer_name;
  Catalogs catalogs;
  std::optional<ShellServices> shell;  // from start()

  std::shared_ptr<const SearchIndex> index;
  // The attendee list's version the index was built from (Store::attendees_version);
  // whether a reload is under way, and whether another was asked for meanwhile.
  std::int64_t index_version = -1;
  bool index_loading = false;
  bool index_recheck = false;
  double next_list_check = 0;  // monotonic_ms
  // List reads started and finished (check_attendee_list), to know when one
  // begun after the first pull has landed.
  std::uint64_t list_reads_started = 0, list_reads_done = 0;
  // First start with a central list (follow_first_pull): the store's list was
  // empty; the pull runs, then the index of what it brought is built.
  bool store_was_empty = false;
  enum class ListLoad { none, pulling, indexing } list_load = ListLoad::none;
  std::function<FirstPull()> first_pull;
  FirstPull pull_progress;
  std::uint64_t list_read_wanted = 0;
  void follow_list_load();
  std::unique_ptr<KioskFlow> flow;
  Intents intents;  // of the frame last drawn, done after it is shown
  // What the trace last said: the event day, "find my name"'s results, the screen.
  std::string last_day, last_results, last_screen;

  // The badge on screen, and the print requests the flow waits for.
  Picture badge;
  std::string badge_of;  // the attendee whose badge it is
  // The badge preview of the person the screen is about, if it has come.
  const Picture* badge_shown() const;
  std::map<printer::RequestId, std::uint64_t> print_tickets;  // request -> flow ticket
  // Updates that came before submit() returned, in the order they came: the
  // queue's worker can report "printed" before submit() has said "queued".
  // Only while a submit() is under way: other requests of the store (a desk's
  // reprint, one settled after a crash) are not this kiosk's to follow.
  std::map<printer::RequestId, std::vector<printer::RequestUpdate>> early_updates;
  int submits_under_way = 0;
  // The request of each print ticket until it printed; tickets whose attendee
  // was sent to reception before submit() answered.
  std::map<std::uint64_t, printer::RequestId> request_of_ticket;
  std::set<std::uint64_t> hand_over_when_queued;

  // Threads last: they are stopped first, while what they post to still exists.
  std::unique_ptr<Worker<Store>> store_worker;
  std::unique_ptr<Worker<PreviewMaker>> preview_worker;
  // "Find my name": reads and indexes the attendee list on a connection of its
  // own (WAL: it never waits for the writer, nor the writer for it), since a
  // 100,000-name list takes a second, which must hold up no check-in.
  std::unique_ptr<Worker<Store>> index_worker;
  std::unique_ptr<printer::PrintQueue> print_queue;
  // PrintQueue::start() runs on a thread of its own (it settles requests cut
  // by a crash, which may ask CUPS or a USB printer): first at start, so that
  // the first frame waits for none of it, and then, while another program
  // runs the store's print queue (a desk's accueilctl print, another kiosk on
  // a shared store), every print_queue_retry_ms. A queue it starts waits in
  // the slot for the UI thread. Meanwhile people are checked in and sent to
  // reception for their badge (apply()); badges asked for before the first
  // answer wait for it.
  printer::PrintQueueOptions queue_options;
  bool queue_first_try = true;        // until the first start() answered
  std::vector<std::pair<std::uint64_t, printer::PrintRequest>> prints_before_queue;  // ticket, request
  std::string queue_trouble;          // why it is not running here, for the log
  double next_queue_try = 0;          // monotonic_ms; 0 while a try is under way or the queue runs
  std::mutex queue_slot_mutex;
  std::unique_ptr<printer::PrintQueue> queue_slot;
  std::unique_ptr<Worker<int>> queue_starter;

  // kiosk_mode.cpp
  void check_attendee_list();
  void apply_intents(const Intents& intents);
  // effects.cpp
  void start_print_queue();
  void apply(const Effects& effects);
  void print(std::uint64_t ticket, printer::PrintRequest request, bool to_reception);
  void submit(std::uint64_t ticket, printer::PrintRequest request);
  void on_decision(std::uint64_t ticket, const Result<Decision>& d, std::string code);
  void on_print_update(const printer::RequestUpdate& u);
  void hand_over(std::uint64_t ticket);
  void show_badge(const Attendee& attendee, std::string code);
  void on_queue_start(Result<std::unique_ptr<printer::PrintQueue>> started);
  void try_queue_again();
};

}  // namespace accueil::kiosk
