# accueil_ql_explain --lines output ("page P line L <hex bytes>") to a plain
# PBM (P1) image, one row per raster line, so that zbarimg can read the QR
# code a Brother QL job prints. Set MIRROR=1 to flip left and right.
BEGIN { hex = "0123456789ABCDEF" }
{
  row = ""
  for (i = 5; i <= NF; i++) {
    v = (index(hex, substr($i, 1, 1)) - 1) * 16 + index(hex, substr($i, 2, 1)) - 1
    for (b = 7; b >= 0; b--) {
      bit = int(v / 2 ^ b) % 2
      row = MIRROR ? bit " " row : row bit " "
    }
  }
  rows[NR] = row
  width = (NF - 4) * 8
}
END {
  print "P1"
  print width, NR
  for (r = 1; r <= NR; r++) print rows[r]
}
