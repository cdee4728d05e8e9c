#include "printer/encode/printer_state.hpp"

#include <algorithm>
#include <array>
#include <optional>
#include <utility>

namespace accueil::printer {

namespace {

struct Sentences {
  PrinterProblem problem;
  std::string_view name;
  std::string_view fr;
  std::string_view en;
  std::string_view es;
};

// One row per problem; the order of this table is also the priority of
// main_problem(): the first listed issue present is the one shown.
constexpr std::array<Sentences, 8> k_sentences{{
    {PrinterProblem::cover_open, "cover_open",
     "Le capot de l'imprimante est ouvert : refermez-le.",
     "The printer cover is open: close it.",
     "La tapa de la impresora está abierta: ciérrela."},
    {PrinterProblem::media_empty, "media_empty",
     "Plus d'étiquettes : remettez un rouleau.",
     "Out of labels: load a new roll.",
     "No quedan etiquetas: coloque un rollo nuevo."},
    {PrinterProblem::media_jam, "media_jam",
     "Étiquette coincée : ouvrez l'imprimante et dégagez-la.",
     "A label is stuck: open the printer and clear it.",
     "Etiqueta atascada: abra la impresora y retírela."},
    {PrinterProblem::ribbon_empty, "ribbon_empty",
     "Le ruban d'impression est terminé : remplacez-le.",
     "The print ribbon has run out: replace it.",
     "La cinta de impresión se ha agotado: cámbiela."},
    {PrinterProblem::wrong_media, "wrong_media",
     "Ce ne sont pas les bonnes étiquettes : mettez le rouleau prévu pour les badges.",
     "These are not the right labels: load the roll meant for badges.",
     "No son las etiquetas correctas: coloque el rollo previsto para las acreditaciones."},
    {PrinterProblem::offline, "offline",
     "L'imprimante ne répond pas : vérifiez qu'elle est allumée, branchée et pas en pause.",
     "The printer is not responding: check that it is on, plugged in and not paused.",
     "La impresora no responde: compruebe que está encendida, conectada y no en pausa."},
    {PrinterProblem::other, "other",
     "L'imprimante signale un problème : éteignez-la puis rallumez-la, ou appelez l'équipe technique.",
     "The printer reports a problem: switch it off and on again, or call the technical team.",
     "La impresora indica un problema: apáguela y vuelva a encenderla, o llame al equipo técnico."},
    {PrinterProblem::none, "none",
     "L'imprimante est prête.",
     "The printer is ready.",
     "La impresora está lista."},
}};

const Sentences& row(PrinterProblem p) {
  for (const auto& s : k_sentences)
    if (s.problem == p) return s;
  return k_sentences.back();
}

bool starts_with_language(std::string_view tag, std::string_view lang) {
  if (tag.size() < lang.size()) return false;
  for (std::size_t i = 0; i < lang.size(); ++i) {
    char c = tag[i];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c != lang[i]) return false;
  }
  return tag.size() == lang.size() || tag[lang.size()] == '-' || tag[lang.size()] == '_';
}

}  // namespace

bool PrinterState::has(PrinterProblem p) const {
  return std::any_of(issues.begin(), issues.end(), [p](const PrinterIssue& i) { return i.problem == p; });
}

PrinterProblem PrinterState::main_problem() const {
  for (const auto& s : k_sentences)
    if (s.problem != PrinterProblem::none && has(s.problem)) return s.problem;
  return PrinterProblem::none;
}

std::string PrinterState::main_detail() const {
  const PrinterProblem main = main_problem();
  for (const auto& issue : issues)
    if (issue.problem == main) return issue.detail;
  return {};
}

void PrinterState::add(PrinterProblem p, std::string detail) {
  readiness = Readiness::needs_attention;
  issues.push_back(PrinterIssue{p, std::move(detail)});
}

std::string_view describe(PrinterProblem problem, std::string_view language) {
  const Sentences& s = row(problem);
  if (starts_with_language(language, "en")) return s.en;
  if (starts_with_language(language, "es")) return s.es;
  return s.fr;
}

std::string_view name(PrinterProblem problem) { return row(problem).name; }

std::optional<PrinterProblem> problem_from_name(std::string_view text) {
  for (const auto& s : k_sentences)
    if (s.name == text) return s.problem;
  return std::nullopt;
}

}  // namespace accueil::printer
