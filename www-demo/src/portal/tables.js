// The clerk's files as tables: a grid of cells (from the CSV reader or from
// read-excel-file) becomes records keyed by the engine's field names, each
// remembering its row in the file, so that an error the engine finds at
// `$.punches[15].at` can be shown as "punches.csv row 17, column at".
//
// No DOM here: the same code runs in the page and in the Node tests.

import { parseCsv, CsvError } from "./csv.js";

/** A problem with a file that is not the engine's to find: bad CSV, a missing column. */
export class FileError extends Error {
  constructor(file, row, column, en, zh) {
    super(en);
    this.name = "FileError";
    this.file = file;
    this.row = row;
    this.column = column;
    this.messageEn = en;
    this.messageZh = zh;
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
      id: "text", name: "text", id_number: "text", hukou_province: "text", school_province: "text",
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

/**
 * A grid (first row: the column titles) → `{ file, kind, columns, records, ignored }`.
 * `columns[field]` is the title as the file writes it; each record is
 * `{ row, values }` with `row` the spreadsheet row number (the titles are row 1).
 * Empty rows are skipped.
 */
export function tableFromGrid(file, kind, grid) {
  const spec = KINDS[kind];
  const titles = (grid[0] || []).map((t) => cellText(t, "text") ?? "");
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
  for (const f of spec.required) {
    if (!(f in index)) {
      throw new FileError(file, 1, f, `no column “${f}” in the first row (the column titles)`, `首行（列名）中没有“${f}”列`);
    }
  }
  const records = [];
  for (let r = 1; r < grid.length; r++) {
    const row = grid[r] || [];
    if (row.every((c) => cellText(c, "text") === null)) continue;
    const values = {};
    for (const [key, i] of Object.entries(index)) {
      const v = typed(cellText(row[i], spec.fields[key]), spec.fields[key]);
      if (v !== undefined) values[key] = v;
    }
    records.push({ row: r + 1, values });
  }
  return { file, kind, columns, records, ignored };
}

/** CSV text → table; a malformed file is a FileError with its row and column. */
export function tableFromCsv(file, kind, text) {
  let grid;
  try {
    grid = parseCsv(text);
  } catch (e) {
    if (e instanceof CsvError) throw new FileError(file, e.row, `#${e.column}`, e.messageEn, e.messageZh);
    throw e;
  }
  return tableFromGrid(file, kind, grid);
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
