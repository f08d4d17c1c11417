// Policy files as the WebAssembly engine reads them. The engine in the browser
// reads policy files as JSON only (its TOML reader stays in the native build, to
// keep the module small); a clerk's or a deployment's file is usually TOML. So
// the page parses TOML itself (smol-toml) and hands the engine the same document
// as JSON: the engine's lint then reports paths in that document ($.rules[0]…),
// which are the same in the TOML file.
import { parse, TomlError } from "smol-toml";

/** A TOML syntax error, located by line and column (the engine never sees the text). */
export class PolicySyntaxError extends Error {
  constructor(line, column, detail) {
    super(`TOML syntax error at line ${line}, column ${column}: ${detail}`);
    this.name = "PolicySyntaxError";
    this.code = "policy.syntax";
    this.path = `line ${line}, column ${column}`;
    this.messageZh = `政策文件不是有效的 TOML（第 ${line} 行第 ${column} 列）：${detail}`;
    this.messageEn = this.message;
  }
}

/** Whether a policy text is JSON (an object) rather than TOML. */
export function isJsonText(text) {
  return String(text ?? "").trimStart().startsWith("{");
}

/**
 * The policy document of a TOML or JSON text, as an object. Throws a
 * PolicySyntaxError for TOML that does not parse; JSON is parsed by the engine
 * (this returns null for JSON that does not parse, and the engine says why).
 */
export function policyObject(text) {
  const t = String(text ?? "");
  if (isJsonText(t)) {
    try {
      return JSON.parse(t);
    } catch {
      return null;
    }
  }
  try {
    return parse(t);
  } catch (err) {
    if (err instanceof TomlError) {
      throw new PolicySyntaxError(err.line, err.column, String(err.message).split("\n")[0]);
    }
    throw err;
  }
}

/** The text to give the engine: JSON as it is, TOML converted to JSON. */
export function policyJson(text) {
  if (isJsonText(text)) return String(text);
  return JSON.stringify(policyObject(text));
}
