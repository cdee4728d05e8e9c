#include <catch2/catch.hpp>

#include "fixtures.hpp"
#include "shared/intake/demo_data.hpp"
#include "shared/search/search.hpp"
#include "shared/text/text.hpp"

using namespace accueil;
using namespace accueil::testing;

namespace {

std::vector<Attendee> sample_people() {
  std::vector<Attendee> list;
  list.push_back(make_attendee("1", "Hélène", "Moncond'huy", "Ville de Poitiers"));
  list.push_back(make_attendee("2", "François", "Rebsamen", "Dijon Métropole"));
  list.push_back(make_attendee("3", "Marie-Hélène", "Loison-Duforestel", "Montpellier Méditerranée Métropole"));
  list.push_back(make_attendee("4", "Jean", "Dupont", "Mairie de Lyon"));
  list.push_back(make_attendee("5", "Jeanne", "Dupontel", "Ville de Paris"));
  list.push_back(make_attendee("6", "Paul", "Martin", "Dupont & Associés"));
  Attendee aram = make_attendee("7", "Արամ", "Պետրոսյան", "Mairie d'Erevan");
  aram.first_name_latin = "Aram";
  aram.last_name_latin = "Petrosyan";
  list.push_back(aram);
  Attendee yuki = make_attendee("8", "由紀", "山田", "横浜市");
  yuki.first_name_latin = "Yuki";
  yuki.last_name_latin = "Yamada";
  list.push_back(yuki);
  list.push_back(make_attendee("9", "Hery", "Andrianarivelo-Razafindrakoto", "Commune urbaine d'Antananarivo"));
  list.push_back(make_attendee("10", "Valéry", "Giscard d'Estaing", "Conseil régional"));
  return list;
}

// The sample people and their index, which refers to them by position.
struct Sample {
  std::vector<Attendee> people = sample_people();
  SearchIndex index{people};
};
const Sample& sample() {
  static const Sample s;
  return s;
}
const SearchIndex& sample_index() { return sample().index; }

std::vector<std::string> refs(const SearchIndex& index, std::string_view query, std::size_t limit = 10) {
  std::vector<std::string> out;
  for (const SearchHit& h : index.search(query, limit)) out.push_back(sample().people[h.index].external_ref);
  return out;
}

bool finds(const SearchIndex& index, std::string_view query, std::string_view ref) {
  auto r = refs(index, query);
  return std::ranges::find(r, ref) != r.end();
}

}  // namespace

TEST_CASE("search ignores case, accents and punctuation", "[search]") {
  const SearchIndex& index = sample_index();
  CHECK(refs(index, "helene moncond") == std::vector<std::string>{"1"});
  CHECK(finds(index, "helene", "1"));
  CHECK(finds(index, "HÉLÈNE", "1"));
  CHECK(finds(index, "moncondhuy", "1"));
  CHECK(finds(index, "Moncond'huy", "1"));
  CHECK(finds(index, "huy", "1"));
  CHECK(finds(index, "loison duforestel", "3"));
  CHECK(finds(index, "loisonduforestel", "3"));
  CHECK(finds(index, "marie-helene", "3"));
  CHECK(finds(index, "destaing", "10"));
  CHECK(finds(index, "giscard d'estaing", "10"));
}

TEST_CASE("search is word-order free and matches prefixes while typing", "[search]") {
  const SearchIndex& index = sample_index();
  CHECK(refs(index, "rebsamen francois") == std::vector<std::string>{"2"});
  CHECK(refs(index, "francois rebsamen") == std::vector<std::string>{"2"});
  for (std::string typed : {"r", "re", "reb", "rebs", "rebsa", "rebsam", "rebsame", "rebsamen"}) {
    INFO(typed);
    CHECK(finds(index, typed, "2"));
  }
  CHECK(refs(index, "fr reb") == std::vector<std::string>{"2"});
  CHECK(refs(index, "andrianari") == std::vector<std::string>{"9"});
  CHECK(refs(index, "razafind") == std::vector<std::string>{"9"});
}

TEST_CASE("one typo is tolerated in words of five letters or more", "[search]") {
  const SearchIndex& index = sample_index();
  CHECK(finds(index, "rebsamne", "2"));   // neighbours swapped
  CHECK(finds(index, "rebzamen", "2"));   // one substituted
  CHECK(finds(index, "rebsamenn", "2"));  // one too many
  CHECK(finds(index, "rbsamen", "2"));    // one missing
  CHECK(finds(index, "monkond", "1"));    // while typing
  CHECK_FALSE(finds(index, "rebzamne", "2"));  // two typos
  CHECK(refs(index, "jeam").empty());          // four letters: no typo allowed
  CHECK(refs(index, "xyzzy").empty());
}

TEST_CASE("native and Latin names, organisation and ticket code are searched", "[search]") {
  const SearchIndex& index = sample_index();
  CHECK(refs(index, "Պետրոսյան") == std::vector<std::string>{"7"});
  CHECK(refs(index, "petrosyan") == std::vector<std::string>{"7"});
  CHECK(refs(index, "aram") == std::vector<std::string>{"7"});
  CHECK(refs(index, "山田") == std::vector<std::string>{"8"});
  CHECK(refs(index, "yamada yuki") == std::vector<std::string>{"8"});
  CHECK(refs(index, "erevan") == std::vector<std::string>{"7"});
  CHECK(refs(index, "poitiers") == std::vector<std::string>{"1"});
  CHECK(refs(index, "T-5") == std::vector<std::string>{"5"});
  CHECK(refs(index, "t5") == std::vector<std::string>{"5"});
}

TEST_CASE("best matches come first", "[search]") {
  const SearchIndex& index = sample_index();
  // The exact last name, then the longer last name, then the organisation.
  CHECK(refs(index, "dupont") == std::vector<std::string>{"4", "5", "6"});
  // The exact first name before the longer one.
  CHECK(refs(index, "jean") == std::vector<std::string>{"4", "5"});
  // Equal scores: alphabetical by last name (Dupontel before Moncond'huy).
  CHECK(refs(index, "ville") == std::vector<std::string>{"5", "1"});
  CHECK(refs(index, "paris").front() == "5");
}

TEST_CASE("limits and empty queries", "[search]") {
  const SearchIndex& index = sample_index();
  CHECK(index.search("", 10).empty());
  CHECK(index.search("  ' - ", 10).empty());
  CHECK(index.search("d", 2).size() == 2);
  CHECK(SearchIndex().search("dupont", 10).empty());
  // What a public screen may show: id, name (native and Latin), organisation.
  const SearchIndex& index2 = sample_index();
  CHECK(index2.size() == sample().people.size());
  CHECK(index2.id(6) == sample().people[6].id);
  CHECK(index2.name(6) == "Արամ Պետրոսյան (Aram Petrosyan)");
  CHECK(index2.organisation(6) == "Mairie d'Erevan");
}

TEST_CASE("the typo rule on its own", "[search]") {
  auto check = [](std::u32string_view typed, std::u32string_view word, bool whole) {
    return within_one_edit(typed, word, whole);
  };
  CHECK(check(U"martni", U"martin", true));
  CHECK(check(U"martn", U"martin", true));
  CHECK(check(U"martinn", U"martin", true));
  CHECK(check(U"nartin", U"martin", true));
  CHECK_FALSE(check(U"nartni", U"martin", true));
  CHECK(check(U"marti", U"martinez", false));
  CHECK(check(U"matri", U"martinez", false));
  CHECK_FALSE(check(U"matri", U"martinez", true));
  CHECK(check(U"ελενα", U"ελενη", true));
}

TEST_CASE("any single edit, at any position, of a name still finds the person", "[search]") {
  // Property check of the typo index against the rule: for names from the
  // demo generator, apply one random substitution, insertion, deletion or swap
  // (including in the first two letters) and search the result as a prefix.
  Event event = sample_event();
  auto people = generate_demo_attendees(event, {3000, 11});
  const SearchIndex index(people);
  std::uint64_t state = 12345;
  auto next = [&](std::size_t n) {
    state = state * 6364136223846793005ull + 1442695040888963407ull;
    return static_cast<std::size_t>((state >> 33) % n);
  };
  int checked = 0;
  for (int round = 0; round < 3000; ++round) {
    const std::size_t target = next(people.size());
    const auto words = index_words(people[target].last_name_latin.empty() ? people[target].last_name
                                                                          : people[target].last_name_latin);
    if (words.empty()) continue;
    std::u32string w;
    for (char c : words.front()) {
      if (static_cast<unsigned char>(c) >= 0x80) { w.clear(); break; }  // keep to ASCII for byte edits
      w += static_cast<char32_t>(c);
    }
    if (w.size() < 6) continue;  // the edited word keeps at least 5 letters
    const std::size_t pos = next(w.size() - 1);
    const char32_t letter = U'a' + static_cast<char32_t>(next(26));
    switch (next(4)) {
      case 0: w[pos] = letter; break;                        // substitution
      case 1: w.insert(w.begin() + static_cast<std::ptrdiff_t>(pos), letter); break;  // a letter too many
      case 2: w.erase(w.begin() + static_cast<std::ptrdiff_t>(pos)); break;           // a letter missing
      default: std::swap(w[pos], w[pos + 1]); break;         // neighbours swapped
    }
    std::string typed(w.begin(), w.end());
    auto hits = index.search(typed, people.size());
    INFO("typed \"" << typed << "\" for " << people[target].last_name);
    CHECK(std::ranges::any_of(hits, [&](const SearchHit& h) { return h.index == target; }));
    ++checked;
  }
  CHECK(checked > 1000);
}

TEST_CASE("find my name at a kiosk offers neither cancelled registrations nor, unless allowed, VIPs", "[search][privacy]") {
  Attendee active = make_attendee("A", "Camille", "Dupuis", "Ville de Nantes");
  Attendee cancelled = make_attendee("C", "Camille", "Désistée", "Ville de Nantes");
  cancelled.status = AttendeeStatus::cancelled;
  Attendee minister = make_attendee("V", "Camille", "Ministre", "Ministère de l'Europe");
  minister.vip = true;
  NameSearchRules rules;
  CHECK(offered_by_name(active, rules));
  CHECK_FALSE(offered_by_name(cancelled, rules));
  CHECK_FALSE(offered_by_name(minister, rules));
  rules.vip = true;  // the event allows it
  CHECK(offered_by_name(minister, rules));
  CHECK_FALSE(offered_by_name(cancelled, rules));  // never

  // As a kiosk builds its index: only the people offered can be found.
  std::vector<Attendee> list = {active, cancelled, minister};
  std::erase_if(list, [](const Attendee& a) { return !offered_by_name(a, NameSearchRules{}); });
  const SearchIndex index(list);
  CHECK(index.size() == 1);
  CHECK(index.search("desistee", 10).empty());
  CHECK(index.search("ministre", 10).empty());
  REQUIRE(index.search("camille", 10).size() == 1);
}

TEST_CASE("the check key: the first letters of the e-mail or organisation, folded, never shown", "[search][privacy]") {
  Attendee helene = make_attendee("1", "Hélène", "Moncond'huy", "Ville de Poitiers");
  helene.email = "Hélène.M@example.org";
  NameSearchRules rules;
  CHECK(check_key(helene, rules).empty());  // no check
  rules.check = NameSearchRules::Check::email;
  CHECK(check_key(helene, rules) == "hel");
  rules.check_letters = 5;
  CHECK(check_key(helene, rules) == "helen");
  rules.check = NameSearchRules::Check::organisation;
  rules.check_letters = 3;
  CHECK(check_key(helene, rules) == "vil");
  Attendee aram = make_attendee("7", "Արամ", "Պետրոսյան", "");
  CHECK(check_key(aram, rules).empty());  // nothing to check against

  rules.check = NameSearchRules::Check::email;
  const std::vector<Attendee> list = {helene};
  const SearchIndex index(list, rules);
  CHECK(index.check_key(0) == "hel");
  CHECK(index.name(0) == "Hélène Moncond'huy");
  CHECK(index.organisation(0) == "Ville de Poitiers");
  CHECK(index.search("hel", 10).size() == 1);  // by her name, not by the key
  CHECK(index.search("example", 10).empty());   // the e-mail is not searchable
}

namespace {

Store open_store(const std::filesystem::path& path) {
  auto store = Store::open(path);
  REQUIRE(store);
  return std::move(*store);
}

// A store holding people named in five scripts, none with a Latin form from the
// export, as a kiosk reads it; and the index a kiosk builds from it.
struct ScriptsStore {
  TempDir dir;
  Store store = open_store(dir.path / "accueil.db");
  std::vector<Attendee> people;

  explicit ScriptsStore(bool with_other_scripts) {
    std::vector<Attendee> list = {make_attendee("L1", "Jean", "Dupont", "Mairie de Lyon"),
                                  make_attendee("L2", "Jeanne", "Dupontel", "Ville de Paris"),
                                  make_attendee("L3", "Paul", "Martin", "Dupont & Associés"),
                                  make_attendee("L4", "Ivana", "Martinez", "Ville de Nice")};
    if (with_other_scripts) {
      list.push_back(make_attendee("RU", "Иван", "Иванов", "Мэрия Самары"));
      list.push_back(make_attendee("UA", "Тарас", "Шевченко", "Київська міська рада"));
      list.push_back(make_attendee("GR", "Γιώργος", "Παπαδόπουλος", "Δήμος Θεσσαλονίκης"));
      list.push_back(make_attendee("AM", "Արամ", "Պետրոսյան", "Mairie d'Erevan"));
      list.push_back(make_attendee("GE", "ნინო", "ბერიძე", "Mairie de Tbilissi"));
      Attendee vip = make_attendee("VIP", "Ольга", "Смирнова", "Посольство");
      vip.vip = true;
      vip.email = "olga@example.org";
      list.push_back(vip);
      Attendee gone = make_attendee("GONE", "Олег", "Соколов", "Мэрия Самары");
      gone.status = AttendeeStatus::cancelled;
      list.push_back(gone);
    }
    REQUIRE(store.save_event(sample_event()));
    for (Attendee& a : list) {
      if (a.email.empty()) a.email = a.external_ref + "@example.org";
      REQUIRE(store.insert_attendee(a, AttendeeSource::import));
    }
  }

  // As the kiosk builds its index: the people "find my name" may offer, with the event's rules.
  SearchIndex kiosk_index(const NameSearchRules& rules) {
    auto all = store.attendees();
    REQUIRE(all);
    people = std::move(*all);
    std::erase_if(people, [&](const Attendee& a) { return !offered_by_name(a, rules); });
    return SearchIndex(people, rules);
  }
  std::vector<std::string> found(const SearchIndex& index, std::string_view query) const {
    std::vector<std::string> out;
    for (const SearchHit& h : index.search(query, 10)) out.push_back(people[h.index].external_ref);
    return out;
  }
};

}  // namespace

TEST_CASE("a name in Cyrillic, Greek, Armenian or Georgian is found by its Latin spelling", "[search][scripts]") {
  ScriptsStore s(true);
  const SearchIndex index = s.kiosk_index(NameSearchRules{});
  using refs_t = std::vector<std::string>;
  CHECK(s.found(index, "Ivanov") == refs_t{"RU"});
  CHECK(s.found(index, "ivan ivanov") == refs_t{"RU"});
  CHECK(s.found(index, "Ivan") == refs_t{"RU", "L4"});  // Иван's first name is a whole word; Ivana's a prefix
  CHECK(s.found(index, "ivanof") == refs_t{"RU"});      // one typo, as for any name
  CHECK(s.found(index, "shevchenko taras") == refs_t{"UA"});  // BGN/PCGN, as in passports
  CHECK(s.found(index, "sevcenko") == refs_t{"UA"});          // the scholarly spelling too
  CHECK(s.found(index, "papadopoulos") == refs_t{"GR"});
  CHECK(s.found(index, "giorgos papado") == refs_t{"GR"});
  CHECK(s.found(index, "petrosyan aram") == refs_t{"AM"});
  CHECK(s.found(index, "nino beridze") == refs_t{"GE"});
  CHECK(s.found(index, "Иванов") == refs_t{"RU"});  // the native spelling still works

  // Search only: what the screen shows is the name as registered, never a key.
  const auto hits = index.search("ivanov", 10);
  REQUIRE(hits.size() == 1);
  CHECK(index.name(hits[0].index) == "Иван Иванов");
  CHECK(index.organisation(hits[0].index) == "Мэрия Самары");
  CHECK(s.found(index, "samary").empty());  // only names get Latin keys
}

TEST_CASE("the Latin keys leave a Latin name's results as they were", "[search][scripts]") {
  ScriptsStore latin_only(false), mixed(true);
  const SearchIndex before = latin_only.kiosk_index(NameSearchRules{});
  const SearchIndex after = mixed.kiosk_index(NameSearchRules{});
  for (std::string_view query : {"dupont", "jean", "jeanne dupontel", "martin", "mart", "duponr", "paul dup"}) {
    INFO(query);
    CHECK(mixed.found(after, query) == latin_only.found(before, query));
    CHECK_FALSE(mixed.found(after, query).empty());
  }
}

TEST_CASE("the Latin keys follow the name-search privacy rules", "[search][scripts][privacy]") {
  ScriptsStore s(true);
  NameSearchRules rules;  // VIPs not offered by default, cancelled never
  SearchIndex index = s.kiosk_index(rules);
  CHECK(s.found(index, "smirnova").empty());
  CHECK(s.found(index, "olga").empty());
  CHECK(s.found(index, "sokolov").empty());

  rules.vip = true;
  rules.check = NameSearchRules::Check::email;
  index = s.kiosk_index(rules);
  REQUIRE(s.found(index, "olga smirnova") == std::vector<std::string>{"VIP"});
  CHECK(s.found(index, "sokolov").empty());  // cancelled: never, in any script
  const SearchHit hit = index.search("olga smirnova", 10).front();
  CHECK(index.name(hit.index) == "Ольга Смирнова");
  CHECK(index.check_key(hit.index) == "olg");  // the check asks the same letters
  CHECK(s.found(index, "example").empty());     // and the e-mail is still not searchable
}
