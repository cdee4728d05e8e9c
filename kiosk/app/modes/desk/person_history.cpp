#include "kiosk/app/modes/desk/person_history.hpp"

#include <set>
#include <string>

#include <fmt/core.h>
#include <imgui.h>

#include "shared/domain/clock.hpp"

namespace accueil::kiosk {

Presence presence_in(const std::vector<CheckinEvent>& log, int day) {
  std::set<std::string> undone;
  for (const CheckinEvent& e : log)
    if (e.kind == CheckinKind::undo) undone.insert(e.undoes);
  Presence p;
  for (const CheckinEvent& e : log) {
    if ((e.kind != CheckinKind::checkin && e.kind != CheckinKind::walkin) || undone.contains(e.uuid)) continue;
    p.ever = true;
    if (e.day == day) p.today = true;
  }
  return p;
}

std::string history_kind_words(DeskDraw& d, CheckinKind kind) {
  switch (kind) {
    case CheckinKind::checkin: return d.tr("checked in");
    case CheckinKind::undo: return d.tr("check-in undone");
    case CheckinKind::reprint: return d.tr("badge reprinted");
    case CheckinKind::walkin: return d.tr("registered on site");
    case CheckinKind::correction: return d.tr("record corrected");
    case CheckinKind::superseded: return d.tr("replaced badge refused");
  }
  return std::string(to_string(kind));
}

void draw_person_history(DeskDraw& d, const std::vector<CheckinEvent>& log, std::string_view timezone) {
  ImGui::Separator();
  ImGui::TextUnformatted(d.tr("History").c_str());
  ImGui::BeginChild("history", ImVec2(0, 0));
  for (auto e = log.rbegin(); e != log.rend(); ++e)
    ImGui::TextUnformatted(fmt::format("{}  {} {}  {}  {}  {}", local_date_time(e->at_ms, timezone), d.tr("day"), e->day,
                                       e->kiosk, history_kind_words(d, e->kind), e->operator_name)
                               .c_str());
  ImGui::EndChild();
}

}  // namespace accueil::kiosk
