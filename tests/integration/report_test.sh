#!/usr/bin/env bash
# accueilctl report --pdf / --html: the after-event report as a document, read
# back by other programs than ours: pdftotext and pdftoppm (poppler) for the
# PDF, headless Chromium for the HTML page.
#   report_test.sh BIN_DIR SOURCE_DIR OUT_DIR CASE
# OUT_DIR keeps what a person may want to look at (the PDF, the HTML page,
# their pictures).
mkdir -p "$3" && out_dir=$(cd "$3" && pwd)
source "$(dirname "$0")/lib.sh" "$1" "$2"
case_name=$4

# A small event with names in Arabic, Japanese and Armenian script among the
# organisations and delegations, checked in over two days, one check-in undone.
setup_event() {
  accueilctl init --event "$sample_event" >/dev/null || fail "init"
  cat >list.csv <<'CSV'
Nom;Prénom;Code;Catégorie;Pays;Organisme;Délégation
Moreau;Claire;C1;elu;FR;Ville de Dijon;
Bernard;Luc;C2;agent;FR;Mairie de Dijon;
Le Gall;Anne;C3;elu;FR;Région Bretagne;
Petit;Marc;C4;elu;FR;Ville de Poitiers;
بنعلي;فاطمة;C5;ambassade;MA;سفارة المملكة المغربية;
山田;太郎;C6;delegation;JP;横浜市国際局;横浜市代表団
佐藤;花子;C7;delegation;JP;横浜市国際局;横浜市代表団
Պետրոսյան;Արամ;C8;delegation;AM;Երևանի քաղաքապետարան;Երևանի պատվիրակություն
Durand;Paul;C9;presse;FR;Le Monde;
Diop;Awa;C10;intervenant;SN;Ville de Dakar;
CSV
  accueilctl import list.csv >/dev/null || fail "import"
  for c in C1 C2 C5 C6 C8 C9; do accueilctl checkin "$c" --day 1 --kiosk entree-1 >/dev/null || fail "checkin $c day 1"; done
  for c in C1 C3 C7 C10; do accueilctl checkin "$c" --day 2 --kiosk entree-2 >/dev/null || fail "checkin $c day 2"; done
  accueilctl undo C9 --day 1 --reason "wrong person" >/dev/null || fail "undo C9"
}

# The figures of the whole event as the report's --json gives them (the one
# source of truth), and as the rules make them by hand for this list.
check_figures_json() {
  accueilctl report --json >figures.json || fail "report --json"
  expect_eq "came" 8 "$(jq .total.checked_in.people figures.json)"
  expect_eq "registered" 10 "$(jq .total.registered.people figures.json)"
  expect_eq "day 1 came" 5 "$(jq '.days[0].checked_in.people' figures.json)"
  expect_eq "day 2 came" 4 "$(jq '.days[1].checked_in.people' figures.json)"
  expect_eq "local authorities" 2 "$(jq .total.checked_in.local_authorities figures.json)"
  expect_eq "countries" 5 "$(jq .total.checked_in.countries figures.json)"
  expect_eq "delegations" 2 "$(jq .total.checked_in.foreign_delegations figures.json)"
  expect_eq "embassies" 1 "$(jq .total.checked_in.embassies figures.json)"
  expect_eq "delegation names" '["Երևանի պատվիրակություն","横浜市代表団"]' \
    "$(jq -c '[.total.represented.foreign_delegations[].name] | sort' figures.json)"
}

# What both documents must say, in French (the event's first language).
expected_texts=(
  "Bilan de l’événement" "8 sur 10" "5 sur 10" "4 sur 10" "2 sur 3" "62,5 %"
  "Collectivités territoriales (France)" "Délégations étrangères" "Ambassades"
  "Maroc" "Japon" "Arménie" "Sénégal" "Élu·e" "Délégation"
  "سفارة المملكة المغربية" "横浜市代表団" "Երևանի պատվիրակություն" "Ville de Dijon" "Région Bretagne"
)

case_pdf() {
  setup_event
  check_figures_json
  expect_status "report --pdf" 0 accueilctl report --pdf "$out_dir/report.pdf"
  expect_contains "says where" "$out_dir/report.pdf" "$(cat out)"
  pdfinfo "$out_dir/report.pdf" >info.txt 2>&1 || fail "pdfinfo cannot read the PDF: $(cat info.txt)"
  expect_contains "A4" "595.28 x 841.89 pts" "$(cat info.txt)"
  pdftotext "$out_dir/report.pdf" report.txt || fail "pdftotext"
  # Words of one line may come apart in the text layer; compare with runs of spaces as one.
  local text
  text=$(tr -s ' \n' '  ' <report.txt)
  for t in "${expected_texts[@]}"; do expect_contains "PDF says" "$t" "$text"; done
  # Ville de Poitiers registered but never came: not among those represented.
  [[ $text != *"Ville de Poitiers"* ]] || fail "a local authority nobody came from is listed"
  rm -f "$out_dir"/report-page-*.png
  pdftoppm -r 60 -png "$out_dir/report.pdf" "$out_dir/report-page" || fail "pdftoppm cannot render the PDF"
  expect_eq "pages rendered" true "$([[ -s $out_dir/report-page-1.png ]] && echo true || echo false)"
  # English on request.
  expect_status "report --pdf --language en" 0 accueilctl report --pdf report-en.pdf --language en
  text=$(pdftotext report-en.pdf - | tr -s ' \n' '  ')
  for t in "After-event report" "8 of 10" "62.5%" "Morocco" "Japan" "Armenia" "横浜市代表団"; do
    expect_contains "English PDF says" "$t" "$text"
  done
}

case_html() {
  setup_event
  check_figures_json
  expect_status "report --html" 0 accueilctl report --html "$out_dir/report.html"
  # Self-contained: nothing to fetch (no src or href, no url(), no @import).
  if grep -Eiq '(src|href)=|url\(|@import' "$out_dir/report.html"; then
    fail "the page fetches something: $(grep -Eio '(src|href)=[^ >]*|url\([^)]*\)|@import' "$out_dir/report.html" | head -3)"
  fi
  command -v chromium >/dev/null || { echo "chromium is not installed (deploy/setup.sh test)"; exit 77; }
  local chrome=(chromium --headless --no-sandbox --disable-gpu --no-first-run --user-data-dir="$work/chrome"
                --disable-background-networking --proxy-server=127.0.0.1:9)
  # One start of Chromium (some seconds) both prints the DOM and takes the screenshot.
  rm -f "$out_dir/report-html.png"
  timeout 60 "${chrome[@]}" --hide-scrollbars --window-size=1100,2600 --screenshot="$out_dir/report-html.png" \
    --dump-dom "file://$out_dir/report.html" >dom.html 2>chrome.err || fail "chromium: $(grep -v dbus chrome.err | tail -3)"
  local dom
  dom=$(sed 's/&nbsp;/ /g' dom.html | tr -s ' \n' '  ')  # Chromium writes U+00A0 back as &nbsp;
  for t in "${expected_texts[@]}"; do expect_contains "page shows" "$t" "$dom"; done
  expect_eq "a chart per day" 2 "$(grep -c '<svg id="chart-' dom.html)"
  expect_eq "screenshot" true "$([[ -s $out_dir/report-html.png ]] && echo true || echo false)"
}

# A write that fails half-way (the file size limit, as a full disk would) leaves
# no file, and an older report where it was.
case_failed_write() {
  setup_event
  # 64 kB: room for the store's shared memory file, not for the PDF (its fonts alone are more).
  (ulimit -f 64; trap '' XFSZ; exec accueilctl report --pdf big.pdf) >out 2>err
  expect_eq "exit" 1 "$?"
  expect_contains "says why" "cannot write" "$(cat err)"
  expect_eq "no file" "" "$(ls big.pdf* 2>/dev/null)"
  echo "old report" >old.pdf
  (ulimit -f 64; trap '' XFSZ; exec accueilctl report --pdf old.pdf) >out 2>err
  expect_eq "exit (over an old report)" 1 "$?"
  expect_eq "old file kept" "old report" "$(cat old.pdf)"
  expect_eq "no temporary left" "old.pdf" "$(ls old.pdf*)"
  # Without the limit, the same command writes it.
  expect_status "then written" 0 accueilctl report --pdf old.pdf
  expect_eq "a PDF" "%PDF" "$(head -c 4 old.pdf)"
}

# The text report: every figure in its column, whatever the length of a
# country's name (a long one arrives late: République centrafricaine).
case_text() {
  setup_event
  printf 'Nom;Prénom;Code;Catégorie;Pays;Organisme\nNdoumba;Joël;C11;elu;CF;Mairie de Bangui\n' >late.csv
  accueilctl import late.csv >/dev/null || fail "import late.csv"
  accueilctl checkin C11 --day 1 --kiosk entree-1 >/dev/null || fail "checkin C11"
  expect_status "report" 0 accueilctl report
  expect_contains "the long name, whole" "République centrafricaine" "$(cat "$work/out")"
  # Where " of " falls on each row of the categories and countries, in characters.
  expect_eq "the rows' figures in one column" 1 \
    "$(perl -CSD -ne 'print index($_, " of "), "\n" if /^    /' "$work/out" | sort -u | wc -l)"
  expect_eq "rows were read" 1 "$(grep -c 'République centrafricaine$' "$work/out" | awk '{ print ($1 >= 2) }')"
}

case_bad_arguments() {
  setup_event
  mkdir folder
  expect_status "missing folder" 1 accueilctl report --pdf nowhere/report.pdf
  expect_contains "names the folder" "the folder nowhere does not exist" "$(cat err)"
  expect_status "a folder" 1 accueilctl report --pdf folder
  expect_contains "says it is a folder" "is a directory" "$(cat err)"
  expect_status "html name for the PDF" 1 accueilctl report --pdf report.html
  expect_contains "says which" "did you mean --html report.html" "$(cat err)"
  expect_status "pdf name for the page" 1 accueilctl report --html report.pdf
  expect_status "a PDF under another name" 1 accueilctl report --pdf report.txt
  expect_contains "says how it ends" "ends in .pdf" "$(cat err)"
  accueilctl report --pdf '' >out 2>err && fail "an empty file name was taken (the text report printed instead)"
  expect_contains "an empty name" "an empty file name" "$(cat err)"
  expect_status "same file" 1 accueilctl report --pdf r --html ./r
  expect_contains "same file" "same file" "$(cat err)"
  accueilctl report --pdf r.pdf --language de >out 2>err && fail "a language without a catalog was taken"
  expect_contains "unknown language" "--language: de not in {fr,en,es}" "$(cat err)"
  expect_eq "nothing written" "folder list.csv" "$(ls | grep -v -e '^out$' -e '^err$' -e '^store.db' | tr '\n' ' ' | sed 's/ $//')"
}

"case_$case_name"
passed
