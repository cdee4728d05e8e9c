#include "shared/flow/desk_notice.hpp"

#include "shared/text/catalog.hpp"

namespace accueil {

namespace {

std::string say_one(const NoticeMessage& m, const NoticeWords& translate, const NoticeWords& problem) {
  std::vector<std::pair<std::string_view, std::string>> values;
  values.reserve(m.args.size());
  for (const NoticeArg& a : m.args) {
    std::string value;
    switch (a.kind) {
      case NoticeArg::Kind::text: value = a.value; break;
      case NoticeArg::Kind::message: value = translate(a.value); break;
      case NoticeArg::Kind::printer_problem:
        if (problem) {
          value = problem(a.value);
        } else {
          value = a.value;
          for (char& c : value)
            if (c == '_') c = ' ';
        }
        break;
    }
    values.emplace_back(a.name, std::move(value));
  }
  return fill(translate(m.id), values);
}

}  // namespace

NoticeMessage message(std::string_view id, std::vector<NoticeArg> args) { return {std::string(id), std::move(args)}; }

NoticeMessage error_message(const Error& error) {
  if (error.id.empty()) return message(desk_notice::failed, {{"error", error.message}});
  NoticeMessage m{error.id, {}};
  for (const auto& [name, value] : error.values) m.args.push_back({name, value});
  return m;
}

std::string say(const Notice& notice, const NoticeWords& translate, const NoticeWords& problem) {
  if (notice.empty()) return {};
  std::string out = say_one(notice.said, translate, problem);
  if (notice.print) out += " " + say_one(*notice.print, translate, problem);
  return out;
}

std::string english(const Notice& notice) {
  return say(notice, [](std::string_view text) { return std::string(text); });
}

}  // namespace accueil
