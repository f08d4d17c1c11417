#!/usr/bin/env node
// Generates the portal's clerk files: the sample class (public/samples/, made
// by gen-sample-class.mjs) as a clerk's own programs give it, in
// tests/data/clerk-files/:
//
//   roster-gbk.csv          the roster saved by Excel as "CSV (逗号分隔)" on Chinese
//                           Windows: GBK, CRLF after every row, no byte-order mark,
//                           Chinese column titles, 是/否 for yes/no
//   punch-clock.csv         the punches as a punch clock's software exports them: GBK,
//                           CRLF, two title rows above the column titles, moments
//                           without an offset ("2023-10-09 08:01:37"), 签到/签退, a
//                           name and a device column, no method column
//   roster.xls              the roster as an Excel 97-2003 workbook (BIFF8 in a
//                           compound file, what Excel's 另存为 "Excel 97-2003 工作簿"
//                           and WPS's .xls write), a title row above the column
//                           titles, IDs as text cells, years as number cells, the
//                           verification dates as date cells
//   roster-id-numbers.xlsx  the roster with its ID numbers typed into number cells:
//                           Excel keeps 15 significant digits (210211199901064360
//                           becomes 210211199901064000); an ID ending in X stays text
//   roster-id-exponent.csv  that workbook saved by Excel as "CSV (逗号分隔)": GBK, the
//                           number cells written as Excel shows them, 2.10211E+17
//
//   node scripts/gen-clerk-files.mjs          write the files
//   node scripts/gen-clerk-files.mjs --check  exit 1 if the committed files differ
//
// No Excel, WPS or punch clock runs here: the bytes are made to their formats.
// The CSV files are GBK as TextDecoder("gbk") reads it (the encoder is that
// decoder's table turned round) and are compared byte for byte. The .xls is
// written by SheetJS CE's BIFF8 writer (@e965/xlsx, the library the portal
// reads it with) and the .xlsx by write-excel-file; a workbook's bytes carry
// no meaning of their own (a zip's or a compound file's layout), so --check
// compares the cells read back with those that would be written.

import { readFileSync, writeFileSync, mkdirSync, existsSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { utils, write } from "@e965/xlsx";
import writeExcelFile from "write-excel-file/node";
import { readSheet } from "read-excel-file/node";
import { parseCsv } from "../src/portal/csv.js";
import { gridFromWorkbook } from "../src/portal/xls.js";
import { SAMPLE_CLASS } from "../src/portal/sample-class.js";

const here = fileURLToPath(new URL("..", import.meta.url));
const SAMPLES = join(here, "public", "samples");
export const CLERK_FILES = join(here, "tests", "data", "clerk-files");

/** The roster's columns under the titles a Chinese roster uses (tables.js knows each). */
export const ROSTER_TITLES = {
  id: "学员编号", name: "姓名", id_number: "身份证号码", hukou_province: "户籍省份", school_province: "就读省份",
  education: "学历类型", graduation_year: "毕业年份", employed_since_graduation: "毕业后是否就业",
  unit_social_insurance_record: "单位参保记录", participations_this_year: "本年参训次数", dishonest: "是否失信",
  stamped_roster: "学校盖章学籍名单", not_employed_institution: "机构核实未就业", not_employed_district: "区人社核实未就业",
};
const YES_NO = { true: "是", false: "否" };
const NUMBER_COLUMNS = new Set(["graduation_year", "participations_this_year"]);
const DATE_COLUMNS = new Set(["not_employed_institution", "not_employed_district"]);

/** The punch clock's title rows, as its export writes them above the column titles. */
export const PUNCH_CLOCK_TITLE = [
  `${SAMPLE_CLASS.major}培训班 考勤记录（${SAMPLE_CLASS.start} 至 ${SAMPLE_CLASS.end}）`,
  "导出时间：2024-04-09 17:05:12",
];
export const ROSTER_TITLE = `${SAMPLE_CLASS.major}培训班（${SAMPLE_CLASS.start} 开班）学员花名册`;
const CLOCK_DEVICE = "考勤机01";

/** A sample file of public/samples as rows of objects keyed by its column titles. */
function sampleRows(name) {
  const [head, ...rows] = parseCsv(readFileSync(join(SAMPLES, name), "utf8")).filter((r) => r.length);
  return rows.map((r) => Object.fromEntries(head.map((h, i) => [h, r[i]])));
}

let gbkTable = null;
/** Text → GBK bytes, through TextDecoder("gbk")'s own table turned round. */
export function gbk(text) {
  if (!gbkTable) {
    gbkTable = new Map();
    const dec = new TextDecoder("gbk");
    for (let lead = 0x81; lead <= 0xfe; lead++) {
      for (let trail = 0x40; trail <= 0xfe; trail++) {
        if (trail === 0x7f) continue;
        const ch = dec.decode(new Uint8Array([lead, trail]));
        if (ch.length === 1 && ch !== "\uFFFD" && !gbkTable.has(ch)) gbkTable.set(ch, [lead, trail]);
      }
    }
  }
  const out = [];
  for (const ch of text) {
    const c = ch.codePointAt(0);
    if (c < 0x80) out.push(c);
    else {
      const b = gbkTable.get(ch);
      if (!b) throw new Error(`not in GBK: ${ch}`);
      out.push(...b);
    }
  }
  return Uint8Array.from(out);
}

/** Rows of cells → CSV as Excel writes it: CRLF after every row, quotes only where needed. */
function excelCsv(rows) {
  const field = (v) => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  return rows.map((r) => r.map((v) => field(String(v ?? ""))).join(",") + "\r\n").join("");
}

/** What Excel keeps of an ID typed into a number cell: 15 significant digits; an ID ending in X is text. */
export function asExcelNumber(id) {
  if (!/^\d+$/.test(id)) return id;
  return Number(id.length > 15 ? id.slice(0, 15) + "0".repeat(id.length - 15) : id);
}

/** A number as Excel's General format shows it in 11 characters (what "CSV (逗号分隔)" writes): 2.10211E+17. */
export function excelGeneral(n) {
  const s = String(n);
  if (s.length <= 11) return s;
  const [mant, exp] = n.toExponential(5).split("e");
  return `${mant.replace(/\.?0+$/, "")}E+${exp.replace("+", "").padStart(2, "0")}`;
}

/** Excel's day count (1900 date system) of a date "YYYY-MM-DD". */
function serial(date) {
  return Date.parse(`${date}T00:00:00Z`) / 86400000 + 25569;
}

const rosterValue = (k, v) => (v === "" ? "" : YES_NO[v] ?? v);

/** Every clerk file: name -> { bytes } (byte for byte) or { grid } (cells, with a writer). */
export function clerkFiles() {
  const roster = sampleRows("roster.csv");
  const cols = Object.keys(ROSTER_TITLES);
  const titles = cols.map((c) => ROSTER_TITLES[c]);
  const names = new Map(roster.map((r) => [r.id, r.name]));
  const out = {};

  out["roster-gbk.csv"] = { bytes: gbk(excelCsv([titles, ...roster.map((r) => cols.map((c) => rosterValue(c, r[c])))])) };

  const punches = sampleRows("punches.csv");
  const clock = [[PUNCH_CLOCK_TITLE[0]], [PUNCH_CLOCK_TITLE[1]], ["学员编号", "姓名", "打卡时间", "打卡类型", "设备"]];
  for (const p of punches) {
    const at = p.at.replace("T", " ").replace(/\+08:00$/, "");
    clock.push([p.trainee, names.get(p.trainee), at, p.kind === "sign_in" ? "签到" : "签退", CLOCK_DEVICE]);
  }
  out["punch-clock.csv"] = { bytes: gbk(excelCsv(clock)) };

  // The .xls: a title row, then the titles; each cell of its type.
  const xls = [[ROSTER_TITLE, ...cols.slice(1).map(() => null)], titles];
  for (const r of roster) {
    xls.push(cols.map((c) => {
      const v = r[c];
      if (v === "") return null;
      if (NUMBER_COLUMNS.has(c)) return { t: "n", v: Number(v) };
      if (DATE_COLUMNS.has(c)) return { t: "n", v: serial(v), z: "yyyy-mm-dd" };
      return { t: "s", v: rosterValue(c, v) };
    }));
  }
  out["roster.xls"] = { grid: xls, kind: "xls" };

  // IDs typed into number cells.
  const numeric = [titles, ...roster.map((r) => cols.map((c) => {
    const v = rosterValue(c, r[c]);
    if (v === "") return null;
    if (c === "id_number") return asExcelNumber(v);
    if (NUMBER_COLUMNS.has(c)) return Number(v);
    return v;
  }))];
  out["roster-id-numbers.xlsx"] = { grid: numeric, kind: "xlsx" };
  out["roster-id-exponent.csv"] = { bytes: gbk(excelCsv(numeric.map((row) => row.map((v) => (typeof v === "number" ? excelGeneral(v) : v))))) };
  return out;
}

/** The cells of a generated workbook as they read back: text, numbers, dates as "YYYY-MM-DD". */
function plainGrid(grid) {
  const day = (n) => new Date((n - 25569) * 86400000).toISOString().slice(0, 10);
  return grid.map((row) => row.map((c) => (c === null ? null : typeof c === "object" ? (c.z ? day(c.v) : c.v) : c)));
}
function readBack(grid) {
  return grid.map((row) => row.map((v) => (v instanceof Date ? v.toISOString().slice(0, 10) : v)));
}
// Trailing empty cells and rows carry nothing (readers differ on them).
const norm = (rows) => {
  const out = rows.map((r) => { const c = [...r]; while (c.length && c[c.length - 1] === null) c.pop(); return JSON.stringify(c); });
  while (out.length && out[out.length - 1] === "[]") out.pop();
  return out;
};

async function writeWorkbook(path, f) {
  if (f.kind === "xls") {
    const ws = utils.aoa_to_sheet(f.grid.map((row) => row.map((c) => (c !== null && typeof c === "object" ? c.v : c))));
    f.grid.forEach((row, r) => row.forEach((c, col) => { if (c?.z) ws[utils.encode_cell({ r, c: col })].z = c.z; }));
    ws["!merges"] = [{ s: { r: 0, c: 0 }, e: { r: 0, c: f.grid[1].length - 1 } }];
    const wb = utils.book_new();
    utils.book_append_sheet(wb, ws, "花名册");
    writeFileSync(path, write(wb, { type: "buffer", bookType: "biff8" }));
  } else {
    const sheet = f.grid.map((row) => row.map((v) => (v === null ? null : { value: v, type: typeof v === "number" ? Number : String })));
    await writeExcelFile(sheet, { columns: f.grid[0].map((_, i) => ({ width: i === 2 ? 22 : 14 })) }).toFile(path);
  }
}

async function main() {
  const check = process.argv.includes("--check");
  const all = clerkFiles();
  const stale = [];
  if (!check) mkdirSync(CLERK_FILES, { recursive: true });
  for (const [name, f] of Object.entries(all)) {
    const path = join(CLERK_FILES, name);
    if (!check) {
      if (f.bytes) writeFileSync(path, f.bytes);
      else await writeWorkbook(path, f);
      continue;
    }
    if (!existsSync(path)) {
      stale.push(name);
      continue;
    }
    if (f.bytes) {
      if (!Buffer.from(f.bytes).equals(readFileSync(path))) stale.push(name);
      continue;
    }
    const got = f.kind === "xls" ? gridFromWorkbook(readFileSync(path), name).grid : await readSheet(readFileSync(path));
    const a = norm(readBack(got));
    const b = norm(plainGrid(f.grid));
    if (a.length !== b.length || a.some((x, i) => x !== b[i])) stale.push(name);
  }
  if (check) {
    if (stale.length) {
      console.error(`gen-clerk-files: out of date: ${stale.join(", ")} (run node scripts/gen-clerk-files.mjs)`);
      process.exit(1);
    }
    console.log("gen-clerk-files: the committed clerk files are what the script writes");
  } else {
    console.log(`gen-clerk-files: wrote ${Object.keys(all).length} files to ${CLERK_FILES}`);
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await main();
