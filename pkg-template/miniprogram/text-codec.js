// UTF-8 TextEncoder / TextDecoder for runtimes without them (WeChat and Alipay
// mini-programs). The real ones are used where they exist. The decoder accepts
// the options wasm-bindgen passes (`{ ignoreBOM: true }`, `{ fatal: true }`);
// bad bytes become U+FFFD unless `fatal`.
"use strict";

function PolyTextEncoder() {}
PolyTextEncoder.prototype.encoding = "utf-8";
PolyTextEncoder.prototype.encode = function (input) {
  var s = input === undefined ? "" : String(input);
  var out = [];
  for (var i = 0; i < s.length; i++) {
    var c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      var d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        c = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
        i++;
      } else {
        c = 0xfffd;
      }
    } else if (c >= 0xd800 && c <= 0xdfff) {
      c = 0xfffd; // a lone surrogate
    }
    if (c < 0x80) {
      out.push(c);
    } else if (c < 0x800) {
      out.push(0xc0 | (c >> 6), 0x80 | (c & 0x3f));
    } else if (c < 0x10000) {
      out.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 0x3f), 0x80 | (c & 0x3f));
    } else {
      out.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 0x3f), 0x80 | ((c >> 6) & 0x3f), 0x80 | (c & 0x3f));
    }
  }
  return new Uint8Array(out);
};
// No encodeInto: wasm-bindgen's glue adds one built on encode().

function PolyTextDecoder(label, options) {
  var name = (label === undefined ? "utf-8" : String(label)).toLowerCase();
  if (name !== "utf-8" && name !== "utf8") {
    throw new RangeError("peixun text-codec: only utf-8 is supported, not " + label);
  }
  var opts = options || {};
  this.encoding = "utf-8";
  this.fatal = !!opts.fatal;
  this.ignoreBOM = !!opts.ignoreBOM;
}
PolyTextDecoder.prototype.decode = function (input) {
  if (input === undefined) return "";
  var bytes = input instanceof Uint8Array ? input : ArrayBuffer.isView(input) ? new Uint8Array(input.buffer, input.byteOffset, input.byteLength) : new Uint8Array(input);
  var fatal = this.fatal;
  var parts = [];
  var units = [];
  var i = 0;
  if (!this.ignoreBOM && bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) i = 3;
  function bad() {
    if (fatal) throw new TypeError("The encoded data was not valid utf-8");
    units.push(0xfffd);
  }
  while (i < bytes.length) {
    var b = bytes[i];
    var need = 0;
    var cp = 0;
    var min = 0;
    if (b < 0x80) {
      units.push(b);
      i++;
    } else {
      if (b >= 0xc2 && b <= 0xdf) { need = 1; cp = b & 0x1f; min = 0x80; }
      else if (b >= 0xe0 && b <= 0xef) { need = 2; cp = b & 0x0f; min = 0x800; }
      else if (b >= 0xf0 && b <= 0xf4) { need = 3; cp = b & 0x07; min = 0x10000; }
      else { bad(); i++; continue; }
      var j = 1;
      for (; j <= need; j++) {
        var n = bytes[i + j];
        if (n === undefined || (n & 0xc0) !== 0x80) break;
        cp = (cp << 6) | (n & 0x3f);
      }
      if (j <= need || cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) {
        bad();
        i += Math.max(1, j);
        continue;
      }
      i += need + 1;
      if (cp >= 0x10000) {
        cp -= 0x10000;
        units.push(0xd800 + (cp >> 10), 0xdc00 + (cp & 0x3ff));
      } else {
        units.push(cp);
      }
    }
    if (units.length >= 8192) {
      parts.push(String.fromCharCode.apply(null, units));
      units = [];
    }
  }
  parts.push(String.fromCharCode.apply(null, units));
  return parts.join("");
};

module.exports = {
  TextEncoder: typeof TextEncoder !== "undefined" ? TextEncoder : PolyTextEncoder,
  TextDecoder: typeof TextDecoder !== "undefined" ? TextDecoder : PolyTextDecoder,
  PolyTextEncoder: PolyTextEncoder,
  PolyTextDecoder: PolyTextDecoder,
};
