#include "shared/intake/demo_data.hpp"

#include <array>
#include <span>
#include <string_view>

#include <fmt/core.h>

#include "shared/text/countries.hpp"
#include "shared/intake/csv.hpp"
#include "shared/text/text.hpp"

namespace accueil {

namespace {

using sv = std::string_view;

// splitmix64: small, fast, and the same sequence on every platform (the
// standard library's distributions are not).
class Rng {
public:
  explicit Rng(std::uint64_t seed) : m_state(seed) {}
  std::uint64_t next() {
    std::uint64_t z = (m_state += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }
  std::size_t below(std::size_t n) { return static_cast<std::size_t>(next() % n); }
  bool chance(double p) { return static_cast<double>(next() >> 11) * 0x1.0p-53 < p; }
  template <class T>
  const T& pick(std::span<const T> items) { return items[below(items.size())]; }

private:
  std::uint64_t m_state;
};

// A given name or a family name: in its own script, with a Latin form when
// that script is not Latin. Family names that change with gender (Czech,
// Greek) carry their feminine form too.
struct Name {
  sv native;
  sv latin = {};
  sv native_f = {};
  sv latin_f = {};
};

struct NamePool {
  std::span<const Name> male;
  std::span<const Name> female;
  std::span<const Name> family;
};

// --- Name pools ------------------------------------------------------------------

constexpr Name k_fr_m[] = {{"Jean-Pierre"}, {"François"}, {"Gaël"}, {"Loïc"}, {"Jérôme"}, {"Benoît"}, {"Frédéric"},
                           {"Stéphane"}, {"Éric"}, {"Noël"}, {"Hervé"}, {"Thierry"}, {"Mathieu"}, {"Yannick"},
                           {"Jean-Baptiste"}, {"Olivier"}, {"Christophe"}, {"Rémi"}, {"Théo"}, {"Guillaume"},
                           {"Aurélien"}, {"Joël"}, {"Anthony"}, {"Karim"}, {"Mehdi"}, {"Sébastien"}};
constexpr Name k_fr_f[] = {{"Marie-Hélène"}, {"Hélène"}, {"Chloé"}, {"Zoé"}, {"Inès"}, {"Maëlle"}, {"Céline"},
                           {"Thérèse"}, {"Agnès"}, {"Léa"}, {"Clémence"}, {"Anne-Sophie"}, {"Françoise"},
                           {"Nathalie"}, {"Séverine"}, {"Gaëlle"}, {"Émilie"}, {"Isabelle"}, {"Valérie"},
                           {"Béatrice"}, {"Anaïs"}, {"Noémie"}, {"Sophie"}, {"Nadia"}, {"Laëtitia"}, {"Sarah"}};
constexpr Name k_fr_family[] = {
    {"Martin"}, {"Bernard"}, {"Dubois"}, {"Lefèvre"}, {"Moncond'huy"}, {"Le Goff"}, {"N'Diaye"},
    {"Giscard d'Estaing"}, {"Loison-Duforestel"}, {"Lévêque"}, {"Rousseau"}, {"Côté"}, {"Lemaître"},
    {"Prud'homme"}, {"de La Fontaine"}, {"Chevènement"}, {"Hénaff"}, {"Quéré"}, {"Le Bihan"}, {"Kergoat"},
    {"Faure"}, {"Mercier"}, {"Garnier"}, {"Leroy"}, {"Morel"}, {"Girard"}, {"Bonnet"}, {"Fontaine"},
    {"Chevalier"}, {"Robin"}, {"Gauthier"}, {"Perrin"}, {"Da Silva"}, {"Nguyen"}, {"Benhamou"}, {"Haddad"},
    {"Ben Youssef"}, {"Kowalski"}, {"Muller"}, {"Schneider"}, {"Bouchard"}, {"Lacroix"}, {"D'Almeida"},
    {"Saint-Martin"}, {"Vasseur"}, {"Barbier"}, {"Aubert"}, {"Rey"}, {"Caron"}, {"Lemoine"}, {"Marchand"},
    {"Poirier"}, {"Brunet"}, {"Hoarau"}, {"Payet"}, {"Grondin"}, {"Le Roux"}, {"Guérin"}, {"Boyer"}, {"Blanc"},
    {"Roussel"}, {"Renaud"}, {"Legrand"}, {"Schmitt"}, {"Carpentier"}, {"Maréchal"}, {"Thévenin"}, {"Boucher"},
    {"Gérard"}, {"Cordier"}, {"Lebrun"}, {"Laurent-Delmas"}, {"Rebsamen"}, {"Delahaye-Beaumont"}, {"Œillet"},
    {"Dupont"}, {"Durand"}, {"Petit"}, {"Richard"}, {"Lambert"}, {"Bonnefoy"}, {"Achour"}, {"Mézière"}};

constexpr Name k_ar_m[] = {{"محمد", "Mohamed"}, {"يوسف", "Youssef"}, {"أمين", "Amine"}, {"كريم", "Karim"},
                           {"عمر", "Omar"}, {"حسن", "Hassan"}, {"Mehdi"}, {"Rachid"}, {"Georges"}, {"Sami"}};
constexpr Name k_ar_f[] = {{"فاطمة", "Fatima"}, {"خديجة", "Khadija"}, {"ليلى", "Leïla"}, {"سلمى", "Salma"},
                           {"نادية", "Nadia"}, {"مريم", "Meryem"}, {"Samira"}, {"Yasmine"}, {"Rania"}};
constexpr Name k_ar_family[] = {{"العلمي", "El Alami"}, {"بنعلي", "Benali"}, {"الإدريسي", "El Idrissi"},
                                {"بن سالم", "Ben Salem"}, {"التازي", "Tazi"}, {"الشريف", "Cherif"},
                                {"حداد", "Haddad"}, {"خوري", "Khoury"}, {"Bennani"}, {"Trabelsi"},
                                {"Bouazizi"}, {"Saadi"}, {"Hamdi"}, {"Ould Ahmed"}};

constexpr Name k_wa_m[] = {{"Moussa"}, {"Ousmane"}, {"Ibrahima"}, {"Koffi"}, {"Boubacar"}, {"Jean-Baptiste"},
                           {"Serge"}, {"Mamadou"}, {"Issa"}, {"Kwame"}, {"Désiré"}, {"Aboubacar Sidiki"}};
constexpr Name k_wa_f[] = {{"Aminata"}, {"Fatou"}, {"Awa"}, {"Mariam"}, {"Aïssata"}, {"Adjoa"}, {"Rokia"},
                           {"Ramatoulaye"}, {"Chantal"}, {"Mariétou"}, {"Kadidiatou"}};
constexpr Name k_wa_family[] = {{"Diallo"}, {"Traoré"}, {"Ndiaye"}, {"Sow"}, {"Kouassi"}, {"Keïta"},
                                {"Ouédraogo"}, {"Koné"}, {"Sanogo"}, {"Mbarga"}, {"Sawadogo"}, {"Kaboré"},
                                {"Coulibaly"}, {"Bâ"}, {"N'Diaye"}, {"Diop"}, {"Mensah"}, {"Agbodjan"},
                                {"Nkoulou"}, {"Tshisekedi-Mbuyi"}, {"Kabila Kabange"}, {"Adjovi"}};

constexpr Name k_mg_m[] = {{"Hery"}, {"Tojo"}, {"Rivo"}, {"Andry"}, {"Haja"}, {"Faniry"}};
constexpr Name k_mg_f[] = {{"Voahangy"}, {"Fanja"}, {"Mialy"}, {"Haingotiana"}, {"Lalaina"}, {"Tiana"}};
constexpr Name k_mg_family[] = {{"Andrianarivelo-Razafindrakoto"}, {"Rakotomalala"}, {"Andriamanantena"},
                                {"Razanamahefa"}, {"Randrianasolo"}, {"Andrianjafitrimo"}, {"Ramanantsoa"},
                                {"Rabemananjara"}, {"Razafimahaleo"}, {"Andrianampoinimerina"},
                                {"Rakotondrazafy-Andriamihaja"}};

constexpr Name k_am_m[] = {{"Արամ", "Aram"}, {"Նարեկ", "Narek"}, {"Տիգրան", "Tigran"}, {"Դավիթ", "Davit"}};
constexpr Name k_am_f[] = {{"Անի", "Ani"}, {"Լուսինե", "Lusine"}, {"Մարիամ", "Mariam"}, {"Անահիտ", "Anahit"}};
constexpr Name k_am_family[] = {{"Պետրոսյան", "Petrosyan"}, {"Սարգսյան", "Sargsyan"},
                                {"Հովհաննիսյան", "Hovhannisyan"}, {"Գրիգորյան", "Grigoryan"},
                                {"Ավետիսյան", "Avetisyan"}, {"Մկրտչյան", "Mkrtchyan"}};

constexpr Name k_jp_m[] = {{"太郎", "Tarō"}, {"健", "Ken"}, {"翔太", "Shōta"}, {"大輔", "Daisuke"}};
constexpr Name k_jp_f[] = {{"由紀", "Yuki"}, {"美咲", "Misaki"}, {"陽子", "Yōko"}, {"さくら", "Sakura"}};
constexpr Name k_jp_family[] = {{"山田", "Yamada"}, {"佐藤", "Satō"}, {"鈴木", "Suzuki"}, {"高橋", "Takahashi"},
                                {"田中", "Tanaka"}, {"渡辺", "Watanabe"}, {"伊藤", "Itō"}};

constexpr Name k_cn_m[] = {{"伟", "Wei"}, {"磊", "Lei"}, {"明", "Ming"}, {"建华", "Jianhua"}};
constexpr Name k_cn_f[] = {{"芳", "Fang"}, {"静", "Jing"}, {"丽娜", "Lina"}, {"秀英", "Xiuying"}};
constexpr Name k_cn_family[] = {{"王", "Wang"}, {"李", "Li"}, {"张", "Zhang"}, {"刘", "Liu"}, {"陈", "Chen"}};

constexpr Name k_kr_m[] = {{"민준", "Min-jun"}, {"지훈", "Ji-hoon"}, {"성민", "Sung-min"}};
constexpr Name k_kr_f[] = {{"서연", "Seo-yeon"}, {"수빈", "Su-bin"}, {"지영", "Ji-young"}};
constexpr Name k_kr_family[] = {{"김", "Kim"}, {"이", "Lee"}, {"박", "Park"}, {"최", "Choi"}};

constexpr Name k_gr_m[] = {{"Γιώργος", "Giorgos"}, {"Νίκος", "Nikos"}, {"Δημήτρης", "Dimitris"}};
constexpr Name k_gr_f[] = {{"Ελένη", "Eleni"}, {"Μαρία", "Maria"}, {"Κατερίνα", "Katerina"}};
constexpr Name k_gr_family[] = {{"Παπαδόπουλος", "Papadopoulos", "Παπαδοπούλου", "Papadopoulou"},
                                {"Γεωργίου", "Georgiou"}, {"Οικονόμου", "Oikonomou"}, {"Νικολάου", "Nikolaou"},
                                {"Αντωνίου", "Antoniou"}};

constexpr Name k_ua_m[] = {{"Олександр", "Oleksandr"}, {"Андрій", "Andrii"}, {"Тарас", "Taras"}};
constexpr Name k_ua_f[] = {{"Олена", "Olena"}, {"Ірина", "Iryna"}, {"Оксана", "Oksana"}};
constexpr Name k_ua_family[] = {{"Шевченко", "Shevchenko"}, {"Коваленко", "Kovalenko"}, {"Бондаренко", "Bondarenko"},
                                {"Мельник", "Melnyk"}, {"Кравчук", "Kravchuk"}};

constexpr Name k_ge_m[] = {{"გიორგი", "Giorgi"}, {"დავით", "Davit"}, {"ლევან", "Levan"}};
constexpr Name k_ge_f[] = {{"ნინო", "Nino"}, {"თამარ", "Tamar"}, {"მარიამ", "Mariam"}};
constexpr Name k_ge_family[] = {{"ბერიძე", "Beridze"}, {"კაპანაძე", "Kapanadze"}, {"გელაშვილი", "Gelashvili"},
                                {"მაისურაძე", "Maisuradze"}};

constexpr Name k_il_m[] = {{"דוד", "David"}, {"יוסף", "Yosef"}, {"Daniel"}};
constexpr Name k_il_f[] = {{"מיכל", "Michal"}, {"נועה", "Noa"}, {"Tamar"}};
constexpr Name k_il_family[] = {{"כהן", "Cohen"}, {"לוי", "Levi"}, {"מזרחי", "Mizrahi"}, {"פרץ", "Peretz"}};

constexpr Name k_vn_m[] = {{"Văn Minh"}, {"Quốc Huy"}, {"Đức Anh"}, {"Thành Long"}};
constexpr Name k_vn_f[] = {{"Thị Hương"}, {"Thị Minh Khai"}, {"Ngọc Ánh"}, {"Thu Trang"}};
constexpr Name k_vn_family[] = {{"Nguyễn"}, {"Trần"}, {"Lê"}, {"Phạm"}, {"Hoàng"}, {"Võ"}, {"Đặng"}};

constexpr Name k_es_m[] = {{"José Ángel"}, {"Álvaro"}, {"Iñaki"}, {"Jesús"}, {"Sebastián"}, {"Joaquín"}};
constexpr Name k_es_f[] = {{"Begoña"}, {"María José"}, {"Lucía"}, {"Inés"}, {"Mónica"}, {"Ximena"}};
constexpr Name k_es_family[] = {{"Muñoz"}, {"Ibáñez"}, {"Peña"}, {"García Márquez"}, {"Fernández"}, {"Núñez"},
                                {"Sáenz de Santamaría"}, {"Echeverría"}};

constexpr Name k_pt_m[] = {{"João"}, {"Gonçalo"}, {"Sérgio"}, {"António"}};
constexpr Name k_pt_f[] = {{"Conceição"}, {"Inês"}, {"Luísa"}, {"Fátima"}};
constexpr Name k_pt_family[] = {{"Gonçalves"}, {"Simões"}, {"Magalhães"}, {"Araújo"}, {"Brandão"}};

constexpr Name k_de_m[] = {{"Jürgen"}, {"Björn"}, {"Matthias"}, {"Klaus-Dieter"}};
constexpr Name k_de_f[] = {{"Jutta"}, {"Annegret"}, {"Käthe"}, {"Ulrike"}};
constexpr Name k_de_family[] = {{"Müller"}, {"Weiß"}, {"Schröder"}, {"Großmann"}, {"Fischer"}, {"Köhler"}};

constexpr Name k_it_m[] = {{"Niccolò"}, {"Giuseppe"}, {"Lorenzo"}};
constexpr Name k_it_f[] = {{"Francesca"}, {"Chiara"}, {"Giulia"}};
constexpr Name k_it_family[] = {{"Rossi"}, {"D'Angelo"}, {"Esposito"}, {"De Luca"}, {"Bianchi"}};

constexpr Name k_cz_m[] = {{"Jiří"}, {"Tomáš"}, {"Łukasz"}, {"Krzysztof"}};
constexpr Name k_cz_f[] = {{"Kateřina"}, {"Zofia"}, {"Małgorzata"}, {"Agnieszka"}};
constexpr Name k_cz_family[] = {{"Dvořák", "", "Dvořáková"}, {"Novák", "", "Nováková"}, {"Nowak"}, {"Wójcik"}};

constexpr Name k_en_m[] = {{"James"}, {"Oliver"}, {"Michael"}, {"Seán"}};
constexpr Name k_en_f[] = {{"Siobhan"}, {"Emily"}, {"Sarah"}, {"Aoife"}};
constexpr Name k_en_family[] = {{"O'Brien"}, {"Smith"}, {"Taylor"}, {"McAllister"}, {"Johnson-Reid"}};

constexpr Name k_ro_m[] = {{"Ștefan"}, {"Răzvan"}};
constexpr Name k_ro_f[] = {{"Ioana"}, {"Mădălina"}};
constexpr Name k_ro_family[] = {{"Popescu"}, {"Țurcanu"}, {"Ionescu"}, {"Dumitrașcu"}};

constexpr Name k_ht_m[] = {{"Jean-Robert"}, {"Wilfrid"}, {"Frantz"}};
constexpr Name k_ht_f[] = {{"Marie-Carmelle"}, {"Guerda"}, {"Nadège"}};
constexpr Name k_ht_family[] = {{"Pierre-Louis"}, {"Désir"}, {"Jean-Baptiste"}, {"Célestin"}};

constexpr Name k_kh_m[] = {{"Sokha"}, {"Vannak"}};
constexpr Name k_kh_f[] = {{"Sreymom"}, {"Chanthy"}};
constexpr Name k_kh_family[] = {{"Chan"}, {"Sok"}, {"Meas"}, {"Heng"}};

constexpr NamePool k_french{k_fr_m, k_fr_f, k_fr_family};
constexpr NamePool k_arabic{k_ar_m, k_ar_f, k_ar_family};
constexpr NamePool k_west_african{k_wa_m, k_wa_f, k_wa_family};
constexpr NamePool k_malagasy{k_mg_m, k_mg_f, k_mg_family};
constexpr NamePool k_armenian{k_am_m, k_am_f, k_am_family};
constexpr NamePool k_japanese{k_jp_m, k_jp_f, k_jp_family};
constexpr NamePool k_chinese{k_cn_m, k_cn_f, k_cn_family};
constexpr NamePool k_korean{k_kr_m, k_kr_f, k_kr_family};
constexpr NamePool k_greek{k_gr_m, k_gr_f, k_gr_family};
constexpr NamePool k_ukrainian{k_ua_m, k_ua_f, k_ua_family};
constexpr NamePool k_georgian{k_ge_m, k_ge_f, k_ge_family};
constexpr NamePool k_hebrew{k_il_m, k_il_f, k_il_family};
constexpr NamePool k_vietnamese{k_vn_m, k_vn_f, k_vn_family};
constexpr NamePool k_spanish{k_es_m, k_es_f, k_es_family};
constexpr NamePool k_portuguese{k_pt_m, k_pt_f, k_pt_family};
constexpr NamePool k_german{k_de_m, k_de_f, k_de_family};
constexpr NamePool k_italian{k_it_m, k_it_f, k_it_family};
constexpr NamePool k_central_european{k_cz_m, k_cz_f, k_cz_family};
constexpr NamePool k_english{k_en_m, k_en_f, k_en_family};
constexpr NamePool k_romanian{k_ro_m, k_ro_f, k_ro_family};
constexpr NamePool k_haitian{k_ht_m, k_ht_f, k_ht_family};
constexpr NamePool k_khmer{k_kh_m, k_kh_f, k_kh_family};

// --- Foreign partners ----------------------------------------------------------------

struct Country {
  sv code;
  const NamePool* names;
  sv language;  // the attendee's language
  sv embassy;   // in French, with the right article
  std::array<sv, 3> authorities;  // local governments that send delegations
};

constexpr Country k_countries[] = {
    {"MA", &k_arabic, "fr", "Ambassade du Royaume du Maroc", {"Commune de Fès", "Conseil de la région Souss-Massa", "Commune de Chefchaouen"}},
    {"TN", &k_arabic, "fr", "Ambassade de Tunisie", {"Municipalité de Sfax", "Municipalité de Tunis", "Municipalité de Sousse"}},
    {"DZ", &k_arabic, "fr", "Ambassade d'Algérie", {"APC d'Oran", "Wilaya de Tlemcen", "APC de Constantine"}},
    {"LB", &k_arabic, "fr", "Ambassade du Liban", {"Municipalité de Beyrouth", "Union des municipalités de Tyr", "Municipalité de Byblos"}},
    {"PS", &k_arabic, "en", "Mission de Palestine", {"Municipalité de Bethléem", "Municipalité d'Hébron", "Municipalité de Naplouse"}},
    {"MR", &k_arabic, "fr", "Ambassade de Mauritanie", {"Commune de Nouakchott", "Région de l'Assaba", "Commune d'Atar"}},
    {"SN", &k_west_african, "fr", "Ambassade du Sénégal", {"Ville de Dakar", "Commune de Saint-Louis", "Conseil départemental de Rufisque"}},
    {"CI", &k_west_african, "fr", "Ambassade de Côte d'Ivoire", {"District autonome d'Abidjan", "Commune de Bouaké", "Région du Gbêkê"}},
    {"ML", &k_west_african, "fr", "Ambassade du Mali", {"District de Bamako", "Commune de Ségou", "Commune de Kayes"}},
    {"BF", &k_west_african, "fr", "Ambassade du Burkina Faso", {"Commune de Ouagadougou", "Commune de Bobo-Dioulasso", "Commune de Koudougou"}},
    {"BJ", &k_west_african, "fr", "Ambassade du Bénin", {"Ville de Cotonou", "Commune de Porto-Novo", "Commune d'Abomey"}},
    {"CM", &k_west_african, "fr", "Ambassade du Cameroun", {"Communauté urbaine de Douala", "Commune de Yaoundé IV", "Commune de Dschang"}},
    {"NE", &k_west_african, "fr", "Ambassade du Niger", {"Ville de Niamey", "Commune de Zinder", "Région d'Agadez"}},
    {"TG", &k_west_african, "fr", "Ambassade du Togo", {"Commune de Lomé", "Commune de Kara", "Commune de Sokodé"}},
    {"GA", &k_west_african, "fr", "Ambassade du Gabon", {"Commune de Libreville", "Commune de Port-Gentil", "Commune de Franceville"}},
    {"CD", &k_west_african, "fr", "Ambassade de la République démocratique du Congo", {"Ville-province de Kinshasa", "Ville de Lubumbashi", "Ville de Goma"}},
    {"HT", &k_haitian, "fr", "Ambassade d'Haïti", {"Mairie de Jacmel", "Mairie du Cap-Haïtien", "Mairie des Gonaïves"}},
    {"MG", &k_malagasy, "fr", "Ambassade de Madagascar", {"Commune urbaine d'Antananarivo", "Commune urbaine de Mahajanga", "Région Atsinanana"}},
    {"AM", &k_armenian, "en", "Ambassade d'Arménie", {"Mairie d'Erevan", "Communauté de Goris", "Région du Syunik"}},
    {"GE", &k_georgian, "en", "Ambassade de Géorgie", {"Mairie de Tbilissi", "თბილისის მერია", "Municipalité de Koutaïssi"}},
    {"JP", &k_japanese, "en", "Ambassade du Japon", {"Ville de Yokohama", "横浜市国際局", "Préfecture de Kyoto"}},
    {"CN", &k_chinese, "en", "Ambassade de Chine", {"Ville de Wuhan", "成都市人民政府", "Ville de Shenzhen"}},
    {"KR", &k_korean, "en", "Ambassade de la République de Corée", {"Ville de Séoul", "광주광역시", "Ville de Busan"}},
    {"VN", &k_vietnamese, "fr", "Ambassade du Viêt Nam", {"Comité populaire de Hanoï", "Province de Thừa Thiên Huế", "Ville de Đà Nẵng"}},
    {"KH", &k_khmer, "fr", "Ambassade du Cambodge", {"Municipalité de Phnom Penh", "Province de Siem Reap", "Ville de Battambang"}},
    {"GR", &k_greek, "en", "Ambassade de Grèce", {"Δήμος Θεσσαλονίκης", "Municipalité d'Athènes", "Région de Crète"}},
    {"UA", &k_ukrainian, "en", "Ambassade d'Ukraine", {"Ville de Lviv", "Київська міська рада", "Ville d'Odessa"}},
    {"IL", &k_hebrew, "en", "Ambassade d'Israël", {"Municipalité de Haïfa", "עיריית תל אביב-יפו", "Municipalité de Beer-Sheva"}},
    {"ES", &k_spanish, "es", "Ambassade d'Espagne", {"Ayuntamiento de Barcelona", "Diputación de Barcelona", "Ayuntamiento de A Coruña"}},
    {"AR", &k_spanish, "es", "Ambassade d'Argentine", {"Municipalidad de Rosario", "Ciudad Autónoma de Buenos Aires", "Municipalidad de Córdoba"}},
    {"MX", &k_spanish, "es", "Ambassade du Mexique", {"Gobierno de la Ciudad de México", "Municipio de Guadalajara", "Estado de Oaxaca"}},
    {"PT", &k_portuguese, "en", "Ambassade du Portugal", {"Câmara Municipal de Lisboa", "Câmara Municipal do Porto", "Câmara Municipal de Évora"}},
    {"BR", &k_portuguese, "en", "Ambassade du Brésil", {"Prefeitura de São Paulo", "Prefeitura de Belo Horizonte", "Prefeitura de Curitiba"}},
    {"DE", &k_german, "en", "Ambassade d'Allemagne", {"Stadt Leipzig", "Landeshauptstadt Düsseldorf", "Freistaat Thüringen"}},
    {"IT", &k_italian, "en", "Ambassade d'Italie", {"Comune di Torino", "Regione Toscana", "Comune di Napoli"}},
    {"CZ", &k_central_european, "en", "Ambassade de Tchéquie", {"Magistrát města Brna", "Ville de Prague", "Région de Bohême du Sud"}},
    {"PL", &k_central_european, "en", "Ambassade de Pologne", {"Urząd Miasta Krakowa", "Województwo Łódzkie", "Ville de Gdańsk"}},
    {"GB", &k_english, "en", "Ambassade du Royaume-Uni", {"Glasgow City Council", "Greater Manchester Combined Authority", "Bristol City Council"}},
    {"US", &k_english, "en", "Ambassade des États-Unis", {"City of New Orleans", "City of Atlanta", "City of Saint Paul"}},
    {"CA", &k_french, "fr", "Ambassade du Canada", {"Ville de Québec", "Ville de Montréal", "Ville de Moncton"}},
    {"BE", &k_french, "fr", "Ambassade de Belgique", {"Ville de Liège", "Région wallonne", "Ville de Namur"}},
    {"CH", &k_german, "fr", "Ambassade de Suisse", {"Ville de Genève", "Canton de Vaud", "Stadt Zürich"}},
    {"RO", &k_romanian, "en", "Ambassade de Roumanie", {"Primăria Municipiului Cluj-Napoca", "Primăria Iași", "Județul Timiș"}},
};

// --- French local authorities ------------------------------------------------------------

constexpr sv k_communes[] = {
    "Paris", "Marseille", "Lyon", "Toulouse", "Nice", "Nantes", "Montpellier", "Strasbourg", "Bordeaux", "Lille",
    "Rennes", "Reims", "Saint-Étienne", "Le Havre", "Toulon", "Grenoble", "Dijon", "Angers", "Nîmes",
    "Villeurbanne", "Clermont-Ferrand", "Le Mans", "Aix-en-Provence", "Brest", "Tours", "Amiens", "Limoges",
    "Annecy", "Perpignan", "Boulogne-Billancourt", "Metz", "Besançon", "Orléans", "Saint-Denis", "Argenteuil",
    "Rouen", "Mulhouse", "Montreuil", "Caen", "Nancy", "Tourcoing", "Roubaix", "Nanterre", "Vitry-sur-Seine",
    "Avignon", "Créteil", "Poitiers", "Aubervilliers", "Versailles", "Colombes", "Aulnay-sous-Bois",
    "Asnières-sur-Seine", "Rueil-Malmaison", "Pau", "Aubagne", "La Rochelle", "Champigny-sur-Marne", "Antibes",
    "Béziers", "Saint-Maur-des-Fossés", "Cannes", "Calais", "Saint-Nazaire", "Mérignac", "Drancy", "Colmar",
    "Ajaccio", "Bourges", "Issy-les-Moulineaux", "Levallois-Perret", "La Seyne-sur-Mer", "Quimper",
    "Noisy-le-Grand", "Villeneuve-d'Ascq", "Neuilly-sur-Seine", "Valence", "Antony", "Cergy", "Vénissieux",
    "Pessac", "Troyes", "Clichy", "Ivry-sur-Seine", "Chambéry", "Lorient", "Les Abymes", "Montauban", "Sarcelles",
    "Niort", "Villejuif", "Saint-André", "Hyères", "Saint-Quentin", "Beauvais", "Épinay-sur-Seine", "Cayenne",
    "Maisons-Alfort", "Cholet", "Meaux", "Chelles", "Pantin", "Évry-Courcouronnes", "Fontenay-sous-Bois",
    "Fréjus", "Vannes", "Bondy", "La Roche-sur-Yon", "Arles", "Clamart", "Narbonne", "Annemasse", "Sartrouville",
    "Grasse", "Laval", "Belfort", "Bayonne", "Évreux", "Vincennes", "Montrouge", "Sevran", "Albi",
    "Charleville-Mézières", "Suresnes", "Martigues", "Corbeil-Essonnes", "Saint-Ouen-sur-Seine", "Bastia",
    "Blois", "Brive-la-Gaillarde", "Châteauroux", "Angoulême", "Sète", "Chalon-sur-Saône", "Châlons-en-Champagne",
    "Saint-Malo", "Tarbes", "Alès", "Le Puy-en-Velay", "L'Haÿ-les-Roses", "Les Sables-d'Olonne", "Pont-à-Mousson",
    "Saint-Pierre-des-Corps", "Château-Thierry", "Lons-le-Saunier", "Épinal", "Mâcon", "Dunkerque",
};

constexpr sv k_intercommunalities[] = {
    "Métropole de Lyon", "Montpellier Méditerranée Métropole", "Dijon Métropole", "Grand Poitiers",
    "Bordeaux Métropole", "Nantes Métropole", "Eurométropole de Strasbourg", "Métropole d'Aix-Marseille-Provence",
    "Métropole européenne de Lille", "Toulouse Métropole", "Rennes Métropole", "Grenoble-Alpes Métropole",
    "Métropole Nice Côte d'Azur", "Métropole Rouen Normandie", "Brest Métropole", "Clermont Auvergne Métropole",
    "Tours Métropole Val de Loire", "Metz Métropole", "Orléans Métropole", "Saint-Étienne Métropole",
    "Communauté d'agglomération du Pays Basque", "Communauté urbaine de Dunkerque",
};

constexpr sv k_departments[] = {
    "Conseil départemental de la Gironde", "Conseil départemental de l'Hérault", "Conseil départemental du Nord",
    "Conseil départemental de la Seine-Saint-Denis", "Conseil départemental des Bouches-du-Rhône",
    "Conseil départemental d'Ille-et-Vilaine", "Conseil départemental du Val-de-Marne",
    "Conseil départemental de la Haute-Garonne", "Conseil départemental du Finistère",
    "Conseil départemental de Meurthe-et-Moselle", "Conseil départemental des Côtes-d'Armor",
    "Conseil départemental de la Loire-Atlantique", "Conseil départemental du Pas-de-Calais",
    "Conseil départemental de l'Isère", "Conseil départemental des Hauts-de-Seine",
    "Conseil départemental de La Réunion", "Conseil départemental de la Guadeloupe",
};

constexpr sv k_regions[] = {
    "Région Occitanie", "Région Auvergne-Rhône-Alpes", "Région Grand Est", "Région Bretagne",
    "Région Nouvelle-Aquitaine", "Région Hauts-de-France", "Région Île-de-France",
    "Région Provence-Alpes-Côte d'Azur", "Région Normandie", "Région Pays de la Loire",
    "Région Centre-Val de Loire", "Région Bourgogne-Franche-Comté", "Collectivité de Corse",
    "Collectivité territoriale de Martinique",
};

// --- Others -------------------------------------------------------------------------------

constexpr sv k_speaker_bodies[] = {
    "Ministère de l'Europe et des Affaires étrangères", "Agence française de développement", "Cités Unies France",
    "Cités et Gouvernements Locaux Unis", "OCDE", "Banque mondiale", "Commission européenne", "Comité européen des régions",
    "Université Paris 1 Panthéon-Sorbonne", "Sciences Po", "Institut de recherche pour le développement",
    "ONU-Habitat", "Organisation internationale de la Francophonie", "Conseil de l'Europe", "Fondation Jean-Jaurès",
};
constexpr sv k_exhibitors[] = {
    "Veolia", "Suez", "Transdev", "La Poste", "EDF", "Caisse des Dépôts", "Banque des Territoires", "Orange Business",
    "Berger-Levrault", "Keolis", "Dalkia", "Egis", "Artelia", "Saur",
};
constexpr sv k_partners[] = {
    "Agence française de développement", "Banque des Territoires", "Expertise France", "Association des maires de France",
    "France urbaine", "Régions de France", "Départements de France", "Assemblée des communautés de France",
    "Association internationale des maires francophones", "Fonds mondial pour le développement des villes",
};
constexpr sv k_press[] = {
    "Le Monde", "La Gazette des communes", "Ouest-France", "Agence France-Presse", "France 24",
    "Radio France internationale", "Jeune Afrique", "TV5Monde", "Courrier international", "Acteurs publics",
    "Le Courrier des maires", "Maire info",
};

struct Function {
  sv male;
  sv female;
};
constexpr Function k_commune_elected[] = {
    {"Maire {de}", "Maire {de}"},
    {"Adjoint au maire {de}", "Adjointe au maire {de}"},
    {"Adjoint au maire chargé des relations internationales", "Adjointe au maire chargée des relations internationales"},
    {"Conseiller municipal délégué à la coopération décentralisée", "Conseillère municipale déléguée à la coopération décentralisée"},
};
constexpr Function k_interco_elected[] = {
    {"Président", "Présidente"},
    {"Vice-président chargé de l'international", "Vice-présidente chargée de l'international"},
    {"Conseiller communautaire", "Conseillère communautaire"},
};
constexpr Function k_department_elected[] = {
    {"Président du conseil départemental", "Présidente du conseil départemental"},
    {"Vice-président chargé des solidarités internationales", "Vice-présidente chargée des solidarités internationales"},
    {"Conseiller départemental", "Conseillère départementale"},
};
constexpr Function k_region_elected[] = {
    {"Président du conseil régional", "Présidente du conseil régional"},
    {"Vice-président chargé des relations internationales", "Vice-présidente chargée des relations internationales"},
    {"Conseiller régional", "Conseillère régionale"},
};
constexpr Function k_local_staff[] = {
    {"Directeur des relations internationales", "Directrice des relations internationales"},
    {"Chargé de mission coopération décentralisée", "Chargée de mission coopération décentralisée"},
    {"Directeur général des services", "Directrice générale des services"},
    {"Responsable Europe et international", "Responsable Europe et international"},
    {"Chef de cabinet", "Cheffe de cabinet"},
    {"Chargé de projets solidarité internationale", "Chargée de projets solidarité internationale"},
    {"Attaché territorial", "Attachée territoriale"},
};
constexpr Function k_embassy_staff[] = {
    {"Ambassadeur", "Ambassadrice"},
    {"Premier conseiller", "Première conseillère"},
    {"Conseiller de coopération", "Conseillère de coopération"},
    {"Attaché culturel", "Attachée culturelle"},
    {"Chargé d'affaires", "Chargée d'affaires"},
};
constexpr Function k_delegation_members[] = {
    {"Maire", "Maire"},
    {"Maire adjoint", "Maire adjointe"},
    {"Gouverneur", "Gouverneure"},
    {"Conseiller municipal", "Conseillère municipale"},
    {"Directeur de la coopération", "Directrice de la coopération"},
    {"Secrétaire général de la commune", "Secrétaire générale de la commune"},
    {"Chargé des relations internationales", "Chargée des relations internationales"},
    {"Interprète", "Interprète"},
};
constexpr Function k_speaker_functions[] = {
    {"Ministre délégué chargé de la Francophonie", "Ministre déléguée chargée de la Francophonie"},
    {"Délégué pour l'action extérieure des collectivités territoriales", "Déléguée pour l'action extérieure des collectivités territoriales"},
    {"Professeur de géographie urbaine", "Professeure de géographie urbaine"},
    {"Directeur de recherche", "Directrice de recherche"},
    {"Secrétaire général", "Secrétaire générale"},
    {"Économiste principal", "Économiste principale"},
    {"Directeur exécutif", "Directrice exécutive"},
};
constexpr Function k_exhibitor_functions[] = {
    {"Directeur commercial", "Directrice commerciale"},
    {"Responsable grands comptes", "Responsable grands comptes"},
    {"Chargé d'affaires collectivités", "Chargée d'affaires collectivités"},
};
constexpr Function k_partner_functions[] = {
    {"Chargé de partenariats", "Chargée de partenariats"},
    {"Directeur des relations institutionnelles", "Directrice des relations institutionnelles"},
    {"Délégué général", "Déléguée générale"},
};
constexpr Function k_press_functions[] = {
    {"Journaliste", "Journaliste"}, {"Rédacteur en chef", "Rédactrice en chef"},
    {"Photographe", "Photographe"}, {"Correspondant", "Correspondante"},
};
constexpr Function k_organiser_functions[] = {
    {"Coordinateur", "Coordinatrice"}, {"Chargé d'accueil", "Chargée d'accueil"},
    {"Logistique", "Logistique"}, {"Bénévole", "Bénévole"}, {"Responsable protocole", "Responsable protocole"},
};

constexpr sv k_staff_notes[] = {
    "Fauteuil roulant : prévoir l'accès PMR", "Arrivée prévue à 10 h (train)", "Accompagnée d'une interprète",
    "Intervient en plénière de clôture", "Régime alimentaire : végétarien", "Badge à remettre en main propre",
    "Doit repartir avant le déjeuner",
};

// "de Dijon", "d'Orléans", "du Havre", "des Sables-d'Olonne".
std::string of_place(sv place) {
  if (place.starts_with("Le ")) return fmt::format("du {}", place.substr(3));
  if (place.starts_with("Les ")) return fmt::format("des {}", place.substr(4));
  constexpr sv vowels[] = {"A", "E", "I", "O", "U", "Y", "É", "È", "Î", "Â", "H"};
  for (sv v : vowels)
    if (place.starts_with(v)) return fmt::format("d'{}", place);
  return fmt::format("de {}", place);
}

std::string ascii_slug(sv text) {
  std::string out;
  for (char c : fold_key(text))
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) out += c;
  return out.empty() ? std::string("x") : out;
}

struct Shares {
  double elected = 0.29, staff = 0.24, embassy = 0.05, delegation = 0.22, speaker = 0.06, exhibitor = 0.05,
         partner = 0.04, press = 0.03;  // the rest: organisers
};

}  // namespace

std::vector<Attendee> generate_demo_attendees(const Event& event, const DemoOptions& options) {
  Rng rng(options.seed * 0x2545F4914F6CDD1Dull + 1);
  auto key_for = [&](CategoryRole role, std::size_t nth = 0) -> std::string {
    std::size_t seen = 0;
    for (const Category& c : event.categories)
      if (c.role == role && seen++ == nth) return c.key;
    for (const Category& c : event.categories)  // a category of that role may be missing: use any
      if (c.role == role) return c.key;
    return event.categories.empty() ? std::string("other") : event.categories.front().key;
  };
  const std::string cat_elected = key_for(CategoryRole::local_government, 0);
  const std::string cat_staff = key_for(CategoryRole::local_government, 1);
  const int day_count = std::max(1, event.day_count());
  const Shares shares;

  std::vector<Attendee> out;
  out.reserve(options.count);
  // Delegations travel together: members of one delegation share its authority.
  std::string delegation_authority, delegation_name;
  const Country* delegation_country = nullptr;
  int delegation_left = 0;

  for (std::size_t i = 0; i < options.count; ++i) {
    Attendee a;
    a.external_ref = fmt::format("INS-{:06}", 100000 + i);
    // Unique by the row number, with two random letters as a registration platform adds.
    a.ticket_code = fmt::format("RIC26-{:06}-{:02X}", i + 1, static_cast<unsigned>(rng.next() & 0xFF));
    const bool female = rng.chance(0.48);
    a.civility = female ? "Mme" : "M.";
    const NamePool* pool = &k_french;
    const Country* country = nullptr;
    std::span<const Function> functions = k_local_staff;
    std::string place;  // for "Maire {de}"

    const double draw = static_cast<double>(rng.next() >> 11) * 0x1.0p-53;
    double edge = shares.elected;
    auto french_authority = [&](bool elected) {
      std::size_t kind = rng.below(10);
      if (kind < 6) {
        place = std::string(rng.pick<sv>(k_communes));
        a.organisation = rng.chance(0.5) ? "Ville " + of_place(place) : "Mairie " + of_place(place);
        if (elected) functions = k_commune_elected;
      } else if (kind < 8) {
        a.organisation = std::string(rng.pick<sv>(k_intercommunalities));
        if (elected) functions = k_interco_elected;
      } else if (kind < 9) {
        a.organisation = std::string(rng.pick<sv>(k_departments));
        if (elected) functions = k_department_elected;
      } else {
        a.organisation = std::string(rng.pick<sv>(k_regions));
        if (elected) functions = k_region_elected;
      }
      a.country = "FR";
    };
    if (draw < edge) {
      a.category = cat_elected;
      french_authority(true);
    } else if (draw < (edge += shares.staff)) {
      a.category = cat_staff;
      french_authority(false);
    } else if (draw < (edge += shares.embassy)) {
      a.category = key_for(CategoryRole::embassy);
      country = &rng.pick<Country>(k_countries);
      a.organisation = std::string(country->embassy);
      functions = k_embassy_staff;
    } else if (draw < (edge += shares.delegation)) {
      a.category = key_for(CategoryRole::delegation);
      if (delegation_left-- <= 0 || !delegation_country) {
        delegation_country = &rng.pick<Country>(k_countries);
        delegation_authority = std::string(delegation_country->authorities[rng.below(3)]);
        delegation_name = fmt::format("Délégation : {}", delegation_authority);
        delegation_left = 2 + static_cast<int>(rng.below(9));
      }
      country = delegation_country;
      a.organisation = delegation_authority;
      a.delegation = delegation_name;
      functions = k_delegation_members;
    } else if (draw < (edge += shares.speaker)) {
      a.category = key_for(CategoryRole::speaker);
      a.organisation = std::string(rng.pick<sv>(k_speaker_bodies));
      if (rng.chance(0.3)) country = &rng.pick<Country>(k_countries);
      functions = k_speaker_functions;
    } else if (draw < (edge += shares.exhibitor)) {
      a.category = key_for(CategoryRole::exhibitor);
      a.organisation = std::string(rng.pick<sv>(k_exhibitors));
      functions = k_exhibitor_functions;
    } else if (draw < (edge += shares.partner)) {
      a.category = key_for(CategoryRole::partner);
      a.organisation = std::string(rng.pick<sv>(k_partners));
      functions = k_partner_functions;
    } else if (draw < (edge += shares.press)) {
      a.category = key_for(CategoryRole::press);
      a.organisation = std::string(rng.pick<sv>(k_press));
      if (rng.chance(0.2)) country = &rng.pick<Country>(k_countries);
      functions = k_press_functions;
    } else {
      a.category = key_for(CategoryRole::organiser);
      a.organisation = "Comité d'organisation";
      functions = k_organiser_functions;
    }

    if (country) {
      pool = country->names;
      a.country = std::string(country->code);
      a.language = std::string(country->language);
    } else {
      if (a.country.empty()) a.country = "FR";
      a.language = "fr";
    }

    const Name& given = rng.pick<Name>(female ? pool->female : pool->male);
    const Name& family = rng.pick<Name>(pool->family);
    // Arabic-speaking delegations are split: some registrations use the Arabic
    // script, others only the French transliteration.
    const bool native_script = !given.latin.empty() && (pool != &k_arabic || rng.chance(0.5));
    const sv family_native = female && !family.native_f.empty() ? family.native_f : family.native;
    const sv family_latin = female && !family.latin_f.empty() ? family.latin_f : family.latin;
    if (native_script) {
      a.first_name = std::string(given.native);
      a.first_name_latin = std::string(given.latin);
      a.last_name = std::string(family_native);
      a.last_name_latin = std::string(family_latin.empty() ? family_native : family_latin);
    } else {
      a.first_name = std::string(given.latin.empty() ? given.native : given.latin);
      a.last_name = std::string(family_latin.empty() ? family_native : family_latin);
    }

    const Function& f = rng.pick<Function>(functions);
    std::string function(female ? f.female : f.male);
    if (auto pos = function.find("{de}"); pos != std::string::npos) function.replace(pos, 4, of_place(place));
    a.function = std::move(function);
    if (a.category == key_for(CategoryRole::embassy) && a.function.starts_with("Ambassad"))
      a.civility = female ? "S.E. Mme" : "S.E. M.";

    a.vip = a.function.starts_with("Ambassad") || a.function.starts_with("Ministre") ||
            a.function.starts_with("Président") || (a.function.starts_with("Maire") && rng.chance(0.25));
    const std::size_t day_draw = rng.below(10);
    a.days = day_count == 1 || day_draw < 7 ? DaySet::all(day_count)
                                            : DaySet::from_bits(day_draw < 9 ? 1u << (day_count - 1) : 1u);
    if (rng.chance(0.02)) a.status = AttendeeStatus::cancelled;
    if (rng.chance(0.03)) a.staff_note = std::string(rng.pick<sv>(k_staff_notes));
    const std::string first_ascii = ascii_slug(a.first_name_latin.empty() ? a.first_name : a.first_name_latin);
    const std::string last_ascii = ascii_slug(a.last_name_latin.empty() ? a.last_name : a.last_name_latin);
    a.email = fmt::format("{}.{}@{}.example", first_ascii, last_ascii, ascii_slug(a.organisation).substr(0, 24));
    out.push_back(std::move(a));
  }
  return out;
}

std::string demo_export_csv(const std::vector<Attendee>& attendees, const Event& event) {
  std::string out = "\xEF\xBB\xBF";  // Excel's "CSV UTF-8" starts with a byte order mark
  append_csv_record(out,
                    {"Référence", "Code billet", "Civilité", "Prénom", "Nom", "Prénom (latin)", "Nom (latin)",
                     "Organisme", "Fonction", "Pays", "Catégorie", "E-mail", "Langue", "Jours", "Délégation", "VIP",
                     "Statut", "Remarque"},
                    ';');
  for (const Attendee& a : attendees) {
    const Category* category = event.category(a.category);
    std::string days;
    if (a.days == DaySet::all(event.day_count())) days = event.day_count() > 1 ? "Tous" : "1";
    else days = a.days.to_string();
    append_csv_record(out,
                      {a.external_ref, a.ticket_code, a.civility, a.first_name, a.last_name, a.first_name_latin,
                       a.last_name_latin, a.organisation, a.function, country_name(a.country, "fr"),
                       category ? category->label("fr") : a.category, a.email,
                       a.language == "fr" ? "Français" : a.language == "es" ? "Espagnol" : "Anglais", days,
                       a.delegation, a.vip ? "Oui" : "", a.status == AttendeeStatus::cancelled ? "Annulé" : "Confirmé",
                       a.staff_note},
                      ';');
  }
  return out;
}

}  // namespace accueil
