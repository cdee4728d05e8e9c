#!/usr/bin/env python3
"""Writes the hand-made seed inputs of tests/fuzz/corpus/ (run from the repository root).

Seeds are real-looking inputs: the sample files of assets/ and tests/data/, the
cases of the unit tests, and signed tickets made with the fuzz targets' key
(tests/fuzz/fuzz_key.hpp: Ed25519 seed bytes 0..31). Inputs the fuzzer found
(crashes, kept as regressions) are committed beside them and not written here.
"""
import glob
import os
import struct
import sys

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

ROOT = os.getcwd()
CORPUS = os.path.join(ROOT, "tests/fuzz/corpus")


def put(target, name, data):
    d = os.path.join(CORPUS, target)
    os.makedirs(d, exist_ok=True)
    if isinstance(data, str):
        data = data.encode()
    with open(os.path.join(d, name), "wb") as f:
        f.write(data)


def read(path):
    with open(os.path.join(ROOT, path), "rb") as f:
        return f.read()


B45 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:"


def base45(data):
    out = []
    for i in range(0, len(data) - 1, 2):
        n = data[i] * 256 + data[i + 1]
        c, n = n % 45, n // 45
        d, e = n % 45, n // 45
        out += [B45[c], B45[d], B45[e]]
    if len(data) % 2:
        n = data[-1]
        out += [B45[n % 45], B45[n // 45]]
    return "".join(out)


def varint(v):
    out = bytearray()
    while True:
        b = v & 0x7F
        v >>= 7
        if v:
            out.append(b | 0x80)
        else:
            out.append(b)
            return bytes(out)


def payload(tag, days, texts):
    p = bytes([1]) + struct.pack(">I", tag) + varint(days)
    for t in texts:
        b = t.encode()
        p += varint(len(b)) + b
    return p


KEY = Ed25519PrivateKey.from_private_bytes(bytes(range(32)))


def ticket(p):
    return "AC1:" + base45(p + KEY.sign(p))


CLAIMS = [
    (0x1234ABCD, 3, ["T-0001", "Anne", "Dupont", "", "", "Mairie de Dijon", "elu", "FR", "fr"]),
    (0x1234ABCD, 2, ["AB12CD34", "كريم", "حداد", "Karim", "Haddad", "Ambassade du Maroc", "ambassade", "MA", "ar"]),
    (7, 1, ["T-0003", "Անի", "Պետրոսյան", "Ani", "Petrosyan", "Erevan", "delegation", "AM", "hy"]),
    (0, 0, ["", "", "", "", "", "", "", "", ""]),
]

# --- CSV import: option byte, then the export
for i, path in enumerate(sorted(glob.glob(os.path.join(ROOT, "tests/data/import/*.csv")))):
    name = os.path.splitext(os.path.basename(path))[0]
    data = read(path)
    put("csv_import", name, bytes([0x00]) + data)
    put("csv_import", name + "-over-earlier", bytes([0x20 | (i & 0x1F)]) + data)
put("csv_import", "utf16-tab", b"\x00" + "\ufeffRéférence\tPrénom\tNom\r\nR-9\tÉlodie\tLefèvre\r\n".encode("utf-16-le"))
put("csv_import", "cp1252-semicolon", b"\x00" + "Nom;Prénom;Organisation\r\nLefèvre;Élodie;Mairie de Besançon\r\n".encode("cp1252"))
put("csv_import", "quoted-multiline", b"\x20" + "Référence,Prénom,Nom,Organisation\r\nR-1,Anne,Dupont,\"Mairie de Dijon,\r\nCôte-d'Or\"\r\nR-4,\"Jean \"\"JJ\"\"\",Martin,\r\n".encode())
put("csv_import", "unclosed-quote", b"\x00" + b"Nom,Prenom\r\n\"Dupont,Anne\r\n")
put("csv_import", "mapping-cancel", b"\x2a" + "Référence;Nom;Prénom;Structure;Statut;Code\r\nR-1;Dupont;Anne;Ville de Dijon;Élu(e);T-1\r\n".encode())

# --- mapping file
put("mapping", "columns-categories", """[columns]
"N° dossier" = "external_ref"
"Nom complet de famille" = "last_name"
"Employeur public" = "organisation"
"Téléphone" = "ignore"
[categories]
"Maire" = "elu"
"Adjoint" = "elu"
[defaults]
language = "en"
""")
put("mapping", "fuzz-columns", """[columns]
"Structure" = "organisation"
"Statut" = "category"
"Code" = "ticket_code"
"Commentaire" = "staff_note"
[categories]
"Élu(e)" = "elu"
"Ambassade" = "ambassade"
[defaults]
category = "participant"
language = "fr"
""")
put("mapping", "unknown-field", '[columns]\n"Nom" = "surname"\n')

# --- event, kiosk, printers, badge templates
put("event_toml", "rencontres-2026", read("assets/events/rencontres-2026.toml"))
for path in sorted(glob.glob(os.path.join(ROOT, "assets/badges/*.toml"))) + [
        os.path.join(ROOT, "tests/bench/render/name-organisation-qr.toml")]:
    put("badge_template", os.path.splitext(os.path.basename(path))[0], read(os.path.relpath(path, ROOT)))
put("printers_toml", "example", read("assets/printers/example.toml"))
KIOSK = """store = "accueil.db"
kiosk = "entree-1"
rehearsal_day = 2
languages = ["fr", "en"]
idle_timeout_s = 30
list_check_s = 2
printer = "entree-1"
[templates]
presse = "a6"
[done_message]
fr = "Plénière à 9 h 30"
[scanner]
layout = "fr"
serial = ["/dev/ttyACM0"]
max_gap_ms = 40
max_pause_ms = 400
[camera]
device = "/dev/video2"
fps = 8
[screen]
fullscreen = false
width = 1024
height = 768
[[printers]]
name = "entree-1"
uri = "cups:Kiosque1"
media = "62x100"
template = "continuous-62"
failover = "accueil"
[[printers]]
name = "accueil"
uri = "file:/tmp/badges:brother-ql-820nwb"
media = "62x100"
"""
put("kiosk_toml", "entree-1", KIOSK)
put("kiosk_toml", "minimal", 'store = "accueil.db"\nkiosk = "k1"\n')

# --- Base45 (RFC 9285 examples) and tickets
for name, text in [("ab", "BB8"), ("hello", "%69 VD92EX0"), ("base-45", "UJCLQE7W581"), ("ietf", "QED8WEX0"),
                   ("overflow", "GGW"), ("bad-length", "ZZZZ")]:
    put("base45", name, text)
for i, (tag, days, texts) in enumerate(CLAIMS):
    p = payload(tag, days, texts)
    t = ticket(p)
    put("signed_ticket", f"ticket-{i}", b"\x00" + t.encode())
    put("signed_ticket", f"payload-{i}", b"\x01" + p)
    put("signed_ticket", f"claims-{i}", b"\x02" + "|".join(["rencontres-2026"] + texts + ["12"]).encode())
    put("base45", f"ticket-{i}", t[4:])
    put("ticket_code", f"signed-{i}", b"\x00" + t.encode())
put("signed_ticket", "tampered", b"\x00" + (ticket(payload(*CLAIMS[0]))[:-3] + "AAA").encode())
for name, code in [("plain", "T-0001"), ("plain-day2", "AB12CD34"), ("spaces", "  t-0003 \r\n"),
                   ("badge-number", "T-0001*2"), ("unknown", "ZZ-404"), ("url", "https://example.org/t/T-0001"),
                   ("empty", "")]:
    put("ticket_code", name, bytes([0x01 if "day2" in name else 0x00]) + code.encode())

# --- keyboard wedge: layout byte, then (usage, modifiers, gap) per key
US = {c: (4 + i, False) for i, c in enumerate("abcdefghijklmnopqrstuvwxyz")}
US.update({c.upper(): (4 + i, True) for i, c in enumerate("abcdefghijklmnopqrstuvwxyz")})
US.update({str(d): (30 + (d - 1) % 10, False) for d in range(10)})
US.update({"-": (45, False), ":": (51, True), " ": (44, False), "$": (33, True), "%": (34, True),
           "*": (37, True), "+": (46, True), ".": (55, False), "/": (56, False), "\n": (40, False)})


def keys(text, gap, slow=False):
    out = bytearray()
    for c in text:
        usage, shift = US[c]
        out += bytes([usage, (1 if shift else 0) | (8 if slow else 0), gap])
    return bytes(out)


put("keyboard_wedge", "scan-us", b"\x00" + keys("T-0001\n", 8))
put("keyboard_wedge", "scan-fr-layout", b"\x01" + keys("AB12CD34\n", 12))
put("keyboard_wedge", "person-typing", b"\x00" + keys("dupont", 5, slow=True))
put("keyboard_wedge", "scan-no-enter", b"\x00" + keys("T-0003", 4))
put("keyboard_wedge", "signed-ticket", b"\x00" + keys(ticket(payload(*CLAIMS[0])) + "\n", 6))
put("keyboard_wedge", "stall", b"\x00" + keys("T-00", 8) + bytes([30, 0, 255]) + keys("01\n", 8))

# --- serial scanner lines: chunking seed, then the stream
put("serial_line", "codes", b"\x07T-0001\r\nAB12CD34\n\n   \r  T-0003  \r\n")
put("serial_line", "ticket", b"\x03" + ticket(payload(*CLAIMS[1])).encode() + b"\r\n")
put("serial_line", "long", b"\x01" + b"X" * 5000 + b"\nT-1\n")

# --- Brother QL status replies (captured from printers; see test_brother_status.cpp)
def reply(*b):
    r = bytearray(32)
    r[:len(b)] = bytes(b)
    return bytes(r)


QL800 = [0x80, 0x20, 0x42, 0x34, 0x38, 0x30, 0, 0, 0, 0, 62, 0x0A, 0, 0, 35, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 129]
put("brother_status", "ql800-62-continuous", reply(*QL800))
put("brother_status", "ql1050-102x152", reply(0x80, 0x20, 0x42, 0x30, 0x50, 0x30, 0, 0, 0, 0, 0x66, 0x0B, 0, 0, 0x2E, 0, 0, 0x99))
put("brother_status", "ql500-24-round", reply(0x80, 0x20, 0x42, 0x30, 0x4F, 0x30, 0, 0, 0, 0, 0x18, 0x0B, 0, 0, 0x12, 0, 0, 0x18))
err = list(QL800); err[8] = 0x01; err[18] = 0x02
put("brother_status", "no-media-error", reply(*err))
cover = list(QL800); cover[9] = 0x10; cover[18] = 0x02; cover[22] = 0x01
put("brother_status", "cover-open", reply(*cover))
off = list(QL800); off[18] = 0x04
put("brother_status", "turned-off", reply(*off))
printing = list(QL800); printing[18] = 0x06; printing[19] = 0x01
put("brother_status", "printing", reply(*printing))
put("brother_status", "short", bytes([0x80, 0x20, 0x42]))


# --- Zebra ~HQES replies
def hqes(errors, warnings):
    return ("\x02\r\n\r\n  PRINTER STATUS                            \r\n"
            f"   ERRORS:         {1 if errors else 0} 00000000 {errors:08X}\r\n"
            f"   WARNINGS:       {1 if warnings else 0} 00000000 {warnings:08X}\r\n\x03")


put("zpl_status", "ok", hqes(0, 0))
put("zpl_status", "media-out-head-open", hqes(0x5, 0))
put("zpl_status", "paused-near-end", hqes(0x10000, 0x8))
put("zpl_status", "unframed", "ERRORS: 1 00000000 00000005\nWARNINGS: 0 00000000 00000000")
put("zpl_status", "no-warnings", "ERRORS: 1 00000000 00000005")

# --- CUPS printer-state-reasons: state byte, reasons one a line, "--", message
put("cups_reasons", "idle-none", b"\x00none")
put("cups_reasons", "media-empty", b"\x00media-empty-error\nmedia-low-report\n--\nOut of labels")
put("cups_reasons", "processing", b"\x01cups-waiting-for-job-completed\nconnecting-to-device")
put("cups_reasons", "stopped", b"\x02paused\ncover-open-error\n--\nCover open")
put("cups_reasons", "not-accepting", b"\x80none")
put("cups_reasons", "vendor", b"\x00com.brother-label-end-warning\norg.example-thing\ncups-missing-filter-error")

# --- central rows: null-mask byte, fields split by 0x1F, rows by 0x1E
def row(*fields):
    return "\x1f".join(fields)


rows = [
    row("0b6f3e5e-9d1c-4c39-9f0e-1f3b6a0e7c11", "R-1", "T-0001", "Mme", "Anne", "Dupont", "", "", "Mairie de Dijon",
        "Maire", "FR", "elu", "fr", "3", "", "f", "", "anne@", "active", ""),
    row("3c2d7a80-5a3e-4b7e-8c44-61c2f0b7a9d2", "R-2", "AB12CD34", "M.", "كريم", "حداد", "Karim", "Haddad",
        "Ambassade du Maroc", "Conseiller", "MA", "ambassade", "ar", "2", "Maroc", "t", "protocole", "", "active",
        ticket(payload(*CLAIMS[1]))),
    row("9a1e0c5b-2f44-4d0a-b7a6-3e8d5c1f0b22", "ticket:T-0003", "T-0003", "", "Անի", "Պետրոսյան", "Ani", "Petrosyan",
        "Erevan", "", "AM", "delegation", "hy", "1", "Arménie", "f", "", "", "cancelled", ""),
]
put("sync_row", "three-rows", b"\x00" + "\x1e".join(rows).encode())
put("sync_row", "update-same-id", b"\x00" + "\x1e".join([rows[0], rows[0].replace("Dupont", "Dupont-Moreau")]).encode())
put("sync_row", "nulls", b"\x05" + rows[0].encode())
put("sync_row", "bad-days", b"\x00" + rows[0].replace("\x1f3\x1f", "\x1f-99999999999999999999\x1f").encode())
print("seeds written under", CORPUS)
