// PeixunError: what the engine throws. The engine itself throws plain `Error`
// objects (name "PeixunError", with code, path, messageZh, messageEn), so that
// every loader and every JS realm gets the same thing; this class matches them
// with `instanceof` and can also build one.

export class PeixunError extends Error {
  constructor(code, path, messageZh, messageEn) {
    super(`${code}: ${messageEn}`);
    this.name = "PeixunError";
    this.code = code;
    this.path = path;
    this.messageZh = messageZh;
    this.messageEn = messageEn;
  }

  static [Symbol.hasInstance](value) {
    return isPeixunError(value);
  }
}

export function isPeixunError(value) {
  try {
    return (
      value !== null &&
      typeof value === "object" &&
      value.name === "PeixunError" &&
      typeof value.code === "string" &&
      typeof value.path === "string"
    );
  } catch {
    return false; // a getter or a Proxy that throws: not ours
  }
}
