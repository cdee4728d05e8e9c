#include <catch2/catch.hpp>

#include "fixtures.hpp"
#include "shared/search.hpp"

using namespace accueil;
using namespace accueil::testing;

namespace {

SearchIndex sample_index() {
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
  return SearchIndex(std::move(list));
}

std::vector<std::string> refs(const SearchIndex& index, std::string_view query, std::size_t limit = 10) {
  std::vector<std::string> out;
  for (const SearchHit& h : index.search(query, limit)) out.push_back(index.attendee(h.index).external_ref);
  return out;
}

bool finds(const SearchIndex& index, std::string_view query, std::string_view ref) {
  auto r = refs(index, query);
  return std::ranges::find(r, ref) != r.end();
}

}  // namespace

TEST_CASE("search ignores case, accents and punctuation", "[search]") {
  SearchIndex index = sample_index();
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
  SearchIndex index = sample_index();
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
  SearchIndex index = sample_index();
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
  SearchIndex index = sample_index();
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
  SearchIndex index = sample_index();
  // The exact last name, then the longer last name, then the organisation.
  CHECK(refs(index, "dupont") == std::vector<std::string>{"4", "5", "6"});
  // The exact first name before the longer one.
  CHECK(refs(index, "jean") == std::vector<std::string>{"4", "5"});
  // Equal scores: alphabetical by last name (Dupontel before Moncond'huy).
  CHECK(refs(index, "ville") == std::vector<std::string>{"5", "1"});
  CHECK(refs(index, "paris").front() == "5");
}

TEST_CASE("limits and empty queries", "[search]") {
  SearchIndex index = sample_index();
  CHECK(index.search("", 10).empty());
  CHECK(index.search("  ' - ", 10).empty());
  CHECK(index.search("d", 2).size() == 2);
  CHECK(SearchIndex().search("dupont", 10).empty());
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
