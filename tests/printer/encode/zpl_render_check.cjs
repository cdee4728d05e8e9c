// Renders our ZPL labels with zpl-renderer-js (zebrash, an independent ZPL
// renderer compiled to WebAssembly) and compares every dot with the source
// bitmap. Usage: node zpl_render_check.cjs CASE_DIR
// CASE_DIR comes from tools/zpl_cases: cases.txt, <name>.pbm, <name>.<enc>.zpl.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const zlib = require('node:zlib');

// Minimal PNG reader: 8-bit grey, grey+alpha, RGB, RGBA or palette; no interlace.
function readPng(buf) {
  if (buf.readUInt32BE(0) !== 0x89504e47) throw new Error('not a PNG');
  let pos = 8, width = 0, height = 0, depth = 0, type = 0, palette = null;
  const idat = [];
  while (pos < buf.length) {
    const len = buf.readUInt32BE(pos);
    const kind = buf.toString('latin1', pos + 4, pos + 8);
    const body = buf.subarray(pos + 8, pos + 8 + len);
    if (kind === 'IHDR') {
      width = body.readUInt32BE(0); height = body.readUInt32BE(4);
      depth = body[8]; type = body[9];
      if (body[12] !== 0) throw new Error('interlaced PNG not supported');
    } else if (kind === 'PLTE') palette = body;
    else if (kind === 'IDAT') idat.push(body);
    pos += 12 + len;
  }
  const channels = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 }[type];
  if (depth !== 8) throw new Error(`PNG bit depth ${depth} not supported`);
  const bpp = channels;
  const raw = zlib.inflateSync(Buffer.concat(idat));
  const stride = width * bpp;
  const px = Buffer.alloc(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    const src = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    const out = px.subarray(y * stride, (y + 1) * stride);
    const up = y > 0 ? px.subarray((y - 1) * stride, y * stride) : Buffer.alloc(stride);
    for (let i = 0; i < stride; i++) {
      const a = i >= bpp ? out[i - bpp] : 0, b = up[i], c = i >= bpp ? up[i - bpp] : 0;
      let v = src[i];
      if (filter === 1) v += a;
      else if (filter === 2) v += b;
      else if (filter === 3) v += (a + b) >> 1;
      else if (filter === 4) {
        const p = a + b - c, pa = Math.abs(p - a), pb = Math.abs(p - b), pc = Math.abs(p - c);
        v += pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
      }
      out[i] = v & 0xff;
    }
  }
  // Luminance of each pixel (alpha: transparent counts as white).
  const grey = new Uint8Array(width * height);
  for (let i = 0; i < width * height; i++) {
    let r, g, b, alpha = 255;
    if (type === 0) r = g = b = px[i];
    else if (type === 4) { r = g = b = px[2 * i]; alpha = px[2 * i + 1]; }
    else if (type === 2) { r = px[3 * i]; g = px[3 * i + 1]; b = px[3 * i + 2]; }
    else if (type === 6) { r = px[4 * i]; g = px[4 * i + 1]; b = px[4 * i + 2]; alpha = px[4 * i + 3]; }
    else { const k = px[i] * 3; r = palette[k]; g = palette[k + 1]; b = palette[k + 2]; }
    const l = (r * 299 + g * 587 + b * 114) / 1000;
    grey[i] = Math.round((l * alpha + 255 * (255 - alpha)) / 255);
  }
  return { width, height, grey };
}

function readPbm(buf) {
  const text = buf.toString('latin1', 0, 64);
  const m = /^P4\s+(\d+)\s+(\d+)\s/.exec(text);
  if (!m) throw new Error('not a P4 PBM');
  const width = +m[1], height = +m[2];
  return { width, height, bits: buf.subarray(m[0].length), stride: (width + 7) >> 3 };
}

async function main() {
  const dir = process.argv[2];
  const { ready } = require('zpl-renderer-js');
  const { api } = await ready;
  const lines = fs.readFileSync(path.join(dir, 'cases.txt'), 'utf8').trim().split('\n');
  let passed = 0, failed = 0;
  for (const line of lines) {
    const [name, w, h, dpi] = line.split(' ');
    const width = +w, height = +h, dpmm = Math.round(+dpi / 25.4);
    const src = readPbm(fs.readFileSync(path.join(dir, `${name}.pbm`)));
    for (const enc of ['none', 'ascii']) {
      const zpl = fs.readFileSync(path.join(dir, `${name}.${enc}.zpl`), 'latin1');
      // Canvas exactly ^PW x ^LL dots.
      const png = readPng(Buffer.from(await api.zplToBase64Async(zpl, width / dpmm, height / dpmm, dpmm), 'base64'));
      const problems = [];
      if (png.width !== width || png.height !== height)
        problems.push(`rendered ${png.width}x${png.height}, expected ${width}x${height}`);
      let wrong = 0, first = null;
      for (let y = 0; y < Math.min(height, png.height); y++)
        for (let x = 0; x < Math.min(width, png.width); x++) {
          const want = (src.bits[y * src.stride + (x >> 3)] >> (7 - (x & 7))) & 1;
          const got = png.grey[y * png.width + x] < 128 ? 1 : 0;
          if (want !== got) { wrong++; if (!first) first = `(${x},${y}) want ${want ? 'black' : 'white'}`; }
        }
      if (wrong) problems.push(`${wrong} dots differ, first at ${first}`);
      if (problems.length) { failed++; console.log(`FAIL ${name} ${enc}: ${problems.join('; ')}`); }
      else { passed++; console.log(`ok   ${name} ${enc}: ${width}x${height} dots identical`); }
    }
  }
  console.log(`zpl render check: ${passed} of ${passed + failed} labels identical`);
  process.exit(failed ? 1 : 0);
}

main().catch((e) => { console.error(e); process.exit(1); });
