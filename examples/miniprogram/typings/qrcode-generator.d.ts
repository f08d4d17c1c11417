// What lib/qr.js uses of qrcode-generator. Its own declarations name the DOM's
// CanvasRenderingContext2D, which a mini-program (lib ES2020, no DOM) does not
// have; tsconfig.json maps the module here instead.
declare function qrcode(typeNumber: number, errorCorrectionLevel: "L" | "M" | "Q" | "H"): {
  addData(data: string): void;
  make(): void;
  /** A GIF data URL (`data:image/gif;base64,…`), drawn without a canvas. */
  createDataURL(cellSize?: number, margin?: number): string;
};
export = qrcode;
