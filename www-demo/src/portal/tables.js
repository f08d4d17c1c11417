// The clerk's files as tables: a grid of cells (from the CSV reader, from
// read-excel-file or, for .xls and .et, from xls.js) becomes records keyed by
// the engine's field names, each remembering its row in the file, so that an
// error the engine finds at `$.punches[15].at` can be shown as "punches.csv
// row 17, column at".
//
// Files as the clerk's programs write them: a CSV in UTF-8 (with or without a
// byte-order mark) or, failing that, in GB18030 (what Excel's "CSV (逗号分隔)"
// writes on Chinese Windows: GBK); a title row or two above the column titles
// (the first row of the first few that names every required column is taken);
// punch moments without an offset (a punch clock's "2024-03-04 08:12:00") read
// as China time; an ID number that Excel stored as a number refused with why
// and how to fix it. What was assumed is said in the file's status line
// (`sourceNotes`).
//
// No DOM here: the same code runs in the page and in the Node tests.

import { parseCsv, CsvError } from "./csv.js";

/** A problem with a file that is not the engine's to find: bad CSV, a missing column. */
export class FileError extends Error {
  /** `code`: a stable code (`file.missing_column`, `file.id_number_as_number`, …); null for the older ones. */
  constructor(file, row, column, en, zh, code = null) {
    super(en);
    this.name = "FileError";
    this.file = file;
    this.row = row;
    this.column = column;
    this.messageEn = en;
    this.messageZh = zh;
    this.code = code;
  }
}

/**
 * The five kinds of file. `fields` are the engine's names with their type;
 * `aliases` the column titles a Chinese export may use instead.
 *
 * An exceptions row is one punch exception (FS-A4) flattened: the trainee, the
 * day, the session (empty: every session of the day), the case, the written
 * note's three marks (yes/no; an empty cell is not stated) and, for the
 * clerk's own record, the note's text (`note`, kept in the page: the engine
 * takes only the marks).
 */
export const KINDS = {
  roster: {
    required: ["id"],
    fields: {
      id: "text", name: "text", id_number: "id_number", hukou_province: "text", school_province: "text",
      education: "text", graduation_year: "int", employed_since_graduation: "bool",
      unit_social_insurance_record: "bool", participations_this_year: "int", dishonest: "bool",
      stamped_roster: "bool", not_employed_institution: "check", not_employed_district: "check",
    },
    aliases: {
      学员编号: "id", 编号: "id", 姓名: "name", 身份证号码: "id_number", 身份证号: "id_number",
      户籍省份: "hukou_province", 就读省份: "school_province", 学校所在省份: "school_province",
      学历类型: "education", 学历: "education", 毕业年份: "graduation_year",
      毕业后是否就业: "employed_since_graduation", 单位参保记录: "unit_social_insurance_record",
      本年参训次数: "participations_this_year", 是否失信: "dishonest",
      学校盖章学籍名单: "stamped_roster", 学籍名单已盖章: "stamped_roster",
      机构核实未就业: "not_employed_institution", 培训机构核实未就业日期: "not_employed_institution",
      区人社核实未就业: "not_employed_district", 区人社部门核实未就业日期: "not_employed_district",
    },
  },
  punches: {
    required: ["trainee", "at", "kind"],
    fields: { trainee: "text", at: "moment", kind: "punch_kind", method: "punch_method", device: "text" },
    aliases: { 学员编号: "trainee", 打卡时间: "at", 时间: "at", 打卡类型: "kind", 类型: "kind", 打卡方式: "method", 方式: "method", 设备: "device" },
  },
  leave: {
    required: ["trainee", "date", "kind"],
    fields: { trainee: "text", date: "date", session: "int", kind: "leave_kind" },
    aliases: { 学员编号: "trainee", 日期: "date", 节次: "session", 假别: "kind", 类型: "kind" },
  },
  exceptions: {
    required: ["trainee", "date", "reason", "manager_signature", "stamp", "trainee_signature"],
    fields: {
      trainee: "text", date: "date", session: "int", reason: "exception_reason",
      manager_signature: "bool", stamp: "bool", trainee_signature: "bool", note: "text",
    },
    aliases: {
      kind: "reason", 学员编号: "trainee", 日期: "date", 异常日期: "date", 节次: "session", 课次: "session",
      异常情形: "reason", 异常类型: "reason", 情形: "reason", 类型: "reason", 原因: "reason",
      管理人员签字: "manager_signature", 机构管理人员签字: "manager_signature", 培训机构管理人员签字: "manager_signature",
      盖章: "stamp", 是否盖章: "stamp", 加盖公章: "stamp",
      学员签字: "trainee_signature", 学员本人签字: "trainee_signature",
      书面说明: "note", 说明: "note", 说明内容: "note", 备注: "note",
    },
  },
  certificates: {
    required: ["trainee", "type"],
    fields: { trainee: "text", type: "certificate", first_time: "bool" },
    aliases: { 学员编号: "trainee", 证书类型: "type", 初次鉴定: "first_time" },
  },
};

const WORDS = {
  punch_kind: { 签到: "sign_in", 签退: "sign_out" },
  // How a punch was made (DL-P6: the voucher check-in of the e-social-security-card app; FS-A2: a
  // face-recognition device; or entered by hand); English as codes or words (any case).
  punch_method: {
    电子培训券签到: "voucher_qr", 电子培训券: "voucher_qr", 电子培训券扫码签到: "voucher_qr", 电子社保卡电子培训券签到: "voucher_qr",
    人脸识别装置: "face_device", 人脸识别: "face_device", 人脸识别设备: "face_device", 人脸识别打卡: "face_device",
    人工录入: "manual", 手工录入: "manual", 人工: "manual",
    voucher_qr: "voucher_qr", face_device: "face_device", manual: "manual",
  },
  leave_kind: { 病假: "sick", 事假: "personal" },
  certificate: { 职业资格证书: "qualification", 职业技能等级证书: "skill_level", 专项职业能力证书: "special_ability", 培训合格证书: "training_certificate" },
  // FS-A4's three cases, in the notice's words and shorter ones; English as codes or words (any case).
  exception_reason: {
    设备故障: "device_failure", 设备故障不能打卡: "device_failure", 设备问题: "device_failure", 设备出现问题: "device_failure",
    设备出现问题不能及时进行打卡: "device_failure",
    学员无法打卡: "unable_to_punch", 无法打卡: "unable_to_punch", 学员无法实现打卡: "unable_to_punch", 培训学员无法实现打卡: "unable_to_punch",
    其他: "other", 其他情况: "other", 其他需要说明情况: "other", 其他需要说明的情况: "other",
    device_failure: "device_failure", unable_to_punch: "unable_to_punch", trainee_unable_to_punch: "unable_to_punch",
    other: "other", other_case: "other",
  },
};
const TRUE = new Set(["true", "yes", "y", "1", "是", "有"]);
const FALSE = new Set(["false", "no", "n", "0", "否", "无"]);

const pad = (n) => String(n).padStart(2, "0");

/**
 * One cell as text. A date cell of a spreadsheet has no time zone: its wall
 * clock is taken as China Standard Time (read-excel-file gives it as UTC), and
 * it is rounded to the second (a cell holds a fraction of a day).
 */
export function cellText(value, type) {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) {
    const d = new Date(Math.round(value.getTime() / 1000) * 1000);
    const day = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
    if (type === "moment") return `${day}T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}+08:00`;
    return day;
  }
  const s = String(value).trim();
  return s === "" ? null : s;
}

/** A value of the engine's type; a value that is not of it is passed on as text, for the engine to name. */
function typed(text, type) {
  if (text === null) return undefined;
  switch (type) {
    case "int":
      return /^-?\d+$/.test(text) ? Number(text) : text;
    case "bool":
    case "check": {
      // A check (DL-P2's "not employed" verification) is done or not, or the date it was done.
      const l = text.toLowerCase();
      return TRUE.has(l) ? true : FALSE.has(l) ? false : text;
    }
    case "punch_kind":
    case "leave_kind":
    case "certificate":
      return WORDS[type][text] ?? text;
    case "exception_reason":
    case "punch_method":
      return WORDS[type][text] ?? WORDS[type][text.toLowerCase().replace(/[\s-]+/g, "_")] ?? text;
    default:
      return text;
  }
}

/** How many rows from the top are searched for the column titles (a title row or two may stand above them). */
export const HEADER_ROWS_SEARCHED = 10;

/** The columns a row of titles names: `{ index, columns, ignored }`. */
function titlesOf(spec, row) {
  const titles = (row || []).map((t) => cellText(t, "text") ?? "");
  const columns = {};
  const index = {};
  const ignored = [];
  titles.forEach((title, i) => {
    const key = spec.fields[title] ? title : spec.fields[title.toLowerCase()] ? title.toLowerCase() : spec.aliases[title];
    if (key && !(key in index)) {
      index[key] = i;
      columns[key] = title;
    } else if (title) ignored.push(title);
  });
  return { index, columns, ignored };
}

/**
 * The row of column titles: the first of the first HEADER_ROWS_SEARCHED rows
 * that names every required column. None: a FileError at the row that names
 * the most of them (the first such), for the first it lacks.
 */
function headerOf(file, spec, grid) {
  const n = Math.max(1, Math.min(HEADER_ROWS_SEARCHED, grid.length));
  let best = null;
  for (let r = 0; r < n; r++) {
    const found = titlesOf(spec, grid[r]);
    const missing = spec.required.filter((f) => !(f in found.index));
    if (!missing.length) return { row: r, ...found };
    if (!best || missing.length < best.missing.length) best = { row: r, missing };
  }
  const f = best.missing[0];
  if (best.row === 0 && n === 1) {
    throw new FileError(file, 1, f, `no column “${f}” in the first row (the column titles)`, `首行（列名）中没有“${f}”列`, "file.missing_column");
  }
  const need = spec.required.join(", ");
  throw new FileError(file, best.row + 1, f,
    `none of the first ${n} rows names every required column (${need}); row ${best.row + 1} comes closest and has no column “${f}”`,
    `前 ${n} 行中没有一行含有全部必需的列（${spec.required.join("、")}）；第 ${best.row + 1} 行最接近，缺“${f}”列`,
    "file.missing_column");
}

// A moment as punch clocks and Excel's CSV write it, with no offset: 2024-03-04 08:12:00,
// 2024/3/4 8:12, 2024-03-04T08:12:00.
const LOCAL_MOMENT = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T]+|\s*)(\d{1,2}):(\d{2})(?::(\d{2}))?$/;

/**
 * A moment cell's text: one without an offset is a wall-clock time in China
 * (punch clocks and Excel write no offset), returned with +08:00 and
 * `local: true`; one with an offset is kept as given.
 *
 * ```js
 * momentOf("2024/3/4 8:12"); // { text: "2024-03-04T08:12:00+08:00", local: true }
 * momentOf("2024-03-04T08:12:00+09:00"); // { text: "2024-03-04T08:12:00+09:00", local: false }
 * ```
 */
export function momentOf(text) {
  const m = LOCAL_MOMENT.exec(text);
  if (!m) return { text, local: false };
  const [, y, mo, d, h, mi, sec] = m;
  return { text: `${y}-${pad(mo)}-${pad(d)}T${pad(h)}:${mi}:${sec ?? "00"}+08:00`, local: true };
}

const EXPONENT = /^[+-]?\d+(?:\.\d+)?[eE][+-]?\d+$/;

/**
 * Whether an ID-number cell holds what Excel makes of an ID typed into a
 * number cell: a number (from .xlsx/.xls), or exponent notation as Excel's
 * CSV writes it ("2.10211E+17"). Returns `{ shown, exact, digits }` or null.
 * `exact`: the number is the digits typed (at most 2^53 and whole); an 18-digit
 * number never is (Excel keeps 15 significant digits), nor a trailing X.
 */
export function idNumberAsNumber(value) {
  if (typeof value === "number") {
    const exact = Number.isSafeInteger(value);
    return { shown: String(value), exact, digits: exact ? String(Math.abs(value)).length : null };
  }
  if (typeof value === "string" && EXPONENT.test(value.trim())) return { shown: value.trim(), exact: false, digits: null };
  return null;
}

function idNumberError(file, row, column, found, count) {
  const more = count > 1 ? { zh: `（本文件共有 ${count} 行如此）`, en: ` (${count} rows of this file are)` } : { zh: "", en: "" };
  const what = found.exact
    ? { zh: `身份证号码是数字“${found.shown}”，只有 ${found.digits} 位（身份证号码为 18 位）`, en: `the ID number is the number ${found.shown}, ${found.digits} digits (an ID number has 18 characters)` }
    : { zh: `身份证号码是数字“${found.shown}”：Excel 把号码存成了数字，只保留 15 位有效数字，18 位号码的后几位已变成 0，末位的 X 也存不下，原号码已无法从本文件得出`,
      en: `the ID number is the number ${found.shown}: Excel stored the ID as a number, which keeps 15 significant digits, so the last digits of an 18-digit ID became 0 and a final X cannot be stored; the ID cannot be read back from this file` };
  return new FileError(file, row, column,
    `${what.en}${more.en}. Set the column's cell format to Text before pasting or typing the IDs (or type an apostrophe ' before each), then save and upload again`,
    `${what.zh}${more.zh}。请先把该列的单元格格式设为“文本”，再粘贴或录入号码（或在号码前加英文单引号 '），保存后重新上传`,
    "file.id_number_as_number");
}

/**
 * A grid → `{ file, kind, columns, records, ignored, source }`. The column
 * titles are the first row of the first few that names every required column
 * (rows above it, a title, are not read); `columns[field]` is the title as the
 * file writes it; each record is `{ row, values }` with `row` the spreadsheet
 * row number (the grid's first row is row 1). Empty rows are skipped.
 * `source` says how the file was read: `headerRow`, `localMoments` (moments
 * without an offset read as China time), and what the caller gives (`format`,
 * `encoding`, `sheet`, `sheets`).
 */
export function tableFromGrid(file, kind, grid, source = {}) {
  const spec = KINDS[kind];
  const { row: header, index, columns, ignored } = headerOf(file, spec, grid);
  const records = [];
  let localMoments = 0;
  const badIds = [];
  for (let r = header + 1; r < grid.length; r++) {
    const row = grid[r] || [];
    if (row.every((c) => cellText(c, "text") === null)) continue;
    const values = {};
    for (const [key, i] of Object.entries(index)) {
      const type = spec.fields[key];
      if (type === "id_number") {
        const found = idNumberAsNumber(row[i]);
        if (found) badIds.push({ row: r + 1, found });
      }
      let text = cellText(row[i], type);
      if (type === "moment" && text !== null) {
        if (row[i] instanceof Date) localMoments += 1;
        else {
          const m = momentOf(text);
          text = m.text;
          if (m.local) localMoments += 1;
        }
      }
      const v = typed(text, type);
      if (v !== undefined) values[key] = v;
    }
    records.push({ row: r + 1, values });
  }
  if (badIds.length) throw idNumberError(file, badIds[0].row, columns.id_number, badIds[0].found, badIds.length);
  return { file, kind, columns, records, ignored, source: { ...source, headerRow: header + 1, localMoments } };
}

const utf8 = () => new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

/**
 * A CSV file's bytes → `{ text, encoding }`: UTF-8 after a byte-order mark
 * ("utf-8-bom"), UTF-8 when every byte sequence is UTF-8 ("utf-8"), else
 * GB18030 ("gb18030"), the superset of GBK that Excel's "CSV (逗号分隔)" writes
 * on Chinese Windows. Bytes that are neither are a FileError.
 *
 * ```js
 * decodeCsv(new Uint8Array([0xd1, 0xa7, 0xd4, 0xb1])); // { text: "学员", encoding: "gb18030" }
 * ```
 */
export function decodeCsv(bytes, file = "") {
  const b = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
  if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) {
    return { text: new TextDecoder("utf-8", { ignoreBOM: true }).decode(b.subarray(3)), encoding: "utf-8-bom" };
  }
  try {
    return { text: utf8().decode(b), encoding: "utf-8" };
  } catch {
    // not UTF-8: the Chinese Windows code page
  }
  try {
    return { text: new TextDecoder("gb18030", { fatal: true }).decode(b), encoding: "gb18030" };
  } catch {
    throw new FileError(file, null, null, "the file is neither UTF-8 nor GB18030 (GBK) text: save it from Excel as “CSV UTF-8” or as .xlsx",
      "文件既不是 UTF-8 也不是 GB18030（GBK）编码的文本：请在 Excel 中另存为“CSV UTF-8（逗号分隔）”或 .xlsx 文件", "file.encoding");
  }
}

/** CSV text → table; a malformed file is a FileError with its row and column. */
export function tableFromCsv(file, kind, text, source = {}) {
  let grid;
  try {
    grid = parseCsv(text);
  } catch (e) {
    if (e instanceof CsvError) throw new FileError(file, e.row, `#${e.column}`, e.messageEn, e.messageZh, "file.csv_syntax");
    throw e;
  }
  return tableFromGrid(file, kind, grid, { format: "csv", ...source });
}

/** A CSV file's bytes → table, its encoding found as decodeCsv finds it and kept in `source.encoding`. */
export function tableFromCsvBytes(file, kind, bytes) {
  const { text, encoding } = decodeCsv(bytes, file);
  return tableFromCsv(file, kind, text, { encoding });
}

const ENCODINGS = {
  "utf-8-bom": { zh: "编码：UTF-8（带 BOM）", en: "encoding: UTF-8 (with BOM)" },
  "utf-8": { zh: "编码：UTF-8", en: "encoding: UTF-8" },
  gb18030: { zh: "编码：不是 UTF-8，按 GB18030（GBK）读取（中文版 Windows 上 Excel 另存的 CSV 即此编码）", en: "encoding: not UTF-8, read as GB18030 (GBK, what Excel on Chinese Windows saves a CSV in)" },
};
const FORMATS = {
  xls: { zh: "按 Excel 97-2003 工作簿（.xls）读取", en: "read as an Excel 97-2003 workbook (.xls)" },
  et: { zh: "按 WPS 表格文件（.et）读取", en: "read as a WPS Spreadsheets file (.et)" },
};

/**
 * What the file status says of how a table was read, each `{ zh, en }`: the
 * format (.xls, .et) and sheet, a CSV's encoding, the row of column titles when
 * it is not the first, and how many moments without an offset were read as
 * China time.
 */
export function sourceNotes(table) {
  const s = table.source || {};
  const notes = [];
  if (FORMATS[s.format]) notes.push(FORMATS[s.format]);
  if (s.sheets > 1) notes.push({ zh: `读取第一个工作表“${s.sheet}”（共 ${s.sheets} 个）`, en: `the first sheet “${s.sheet}” read (of ${s.sheets})` });
  if (ENCODINGS[s.encoding]) notes.push(ENCODINGS[s.encoding]);
  if (s.headerRow > 1) {
    const above = s.headerRow - 1;
    notes.push({ zh: `列名在第 ${s.headerRow} 行，其上 ${above} 行（标题）未读取`, en: `column titles in row ${s.headerRow}, the ${above} row${above === 1 ? "" : "s"} above (a title) not read` });
  }
  if (s.localMoments) {
    notes.push({ zh: `未注明时区的时间按北京时间（UTC+08:00）读取：${s.localMoments} 个`, en: `times without a time zone read as China time (UTC+08:00): ${s.localMoments}` });
  }
  return notes;
}

/**
 * The ways a punch can be made, for the clerk's statement of a punch file's
 * source ("本文件的打卡方式"): `value` is the engine's code, "" not stated.
 */
export const PUNCH_METHODS = [
  { value: "", zh: "未注明", en: "not stated" },
  { value: "voucher_qr", zh: "电子培训券签到", en: "electronic training voucher check-in" },
  { value: "face_device", zh: "人脸识别装置", en: "face-recognition device" },
  { value: "manual", zh: "人工录入", en: "entered by hand" },
];

/**
 * A punches table with the clerk's statement of how its punches were made
 * (`method`: an engine code of PUNCH_METHODS; "" or null: not stated) filled
 * into every row that states none; a row that states its own keeps it. A
 * filled record is marked `filled: true`. Returns a new table with `stated`
 * (rows stating their own method), `filled` (rows filled here) and
 * `unstated` (rows left without one, which the engine neither counts nor
 * refuses under a rule that accepts only some methods).
 *
 * ```js
 * const t = tableFromCsv("p.csv", "punches", "trainee,at,kind\r\nT01,2023-10-09T08:20:00+08:00,sign_in");
 * withPunchMethod(t, "voucher_qr").records[0].values.method; // "voucher_qr"
 * ```
 */
export function withPunchMethod(table, method) {
  let stated = 0;
  let filled = 0;
  const records = table.records.map((rec) => {
    if (rec.values.method !== undefined) {
      stated += 1;
      return rec;
    }
    if (!method) return rec;
    filled += 1;
    return { ...rec, values: { ...rec.values, method }, filled: true };
  });
  return { ...table, records, method: method || null, stated, filled, unstated: records.length - stated - filled };
}
