// A QR code as an image the <image> component shows, without a canvas:
// qrcode-generator writes a GIF data URL in plain JavaScript.
const qrcode = require("qrcode-generator");

/** The token as a QR code (error correction M), a `data:image/gif;base64,…` URL. @param {string} text */
function dataUrl(text) {
  const qr = qrcode(0, "M");
  qr.addData(text);
  qr.make();
  return qr.createDataURL(6, 12);
}

module.exports = { dataUrl };
