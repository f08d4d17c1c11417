// The portal's reading of a clerk's real files, in Node: the files of
// tests/data/clerk-files/ (made by scripts/gen-clerk-files.mjs as Excel on
// Chinese Windows, a punch clock, Excel 97-2003 and a roster with IDs typed
// into number cells give them) read into the same tables as the sample class's
// own files, each with the status notes the page shows, and the claim built
// from them accepted at the sample's 314400.00 with the deployment example.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { createEngine } from "peixun";
import { readSheet } from "read-excel-file/node";
import {
  decodeCsv, tableFromCsv, tableFromCsvBytes, tableFromGrid, momentOf, idNumberAsNumber, sourceNotes, withPunchMethod, FileError,
} from "../src/portal/tables.js";
import { gridFromWorkbook, tableFromWorkbook } from "../src/portal/xls.js";
import { classFromForm, buildClaim, claimedFromReport } from "../src/portal/claim.js";
import { sampleForm } from "../src/portal/sample-class.js";
import { demoRoot, repoRoot } from "./harness.mjs";

const samples = join(demoRoot, "public", "samples");
const clerk = join(demoRoot, "tests", "data", "clerk-files");
const bytes = (name) => new Uint8Array(readFileSync(join(clerk, name)));
const sample = (kind) => tableFromCsv(`${kind}.csv`, kind, readFileSync(join(samples, `${kind}.csv`), "utf8"));
const zh = (table) => sourceNotes(table).map((n) => n.zh);
const values = (table) => table.records.map((r) => r.values);

const GBK_NOTE = "编码：不是 UTF-8，按 GB18030（GBK）读取（中文版 Windows 上 Excel 另存的 CSV 即此编码）";
const SAVE_AS = /用 Excel 打开该文件，选“文件 → 另存为”，保存类型选“Excel 工作簿 \(\*\.xlsx\)”；或用 WPS 表格打开，选“文件 → 另存为”，文件类型选“Microsoft Excel 文件 \(\*\.xlsx\)”/;

test("the committed clerk files are what the generator writes", () => {
  const r = spawnSync(process.execPath, [join(demoRoot, "scripts", "gen-clerk-files.mjs"), "--check"], { encoding: "utf8" });
  assert.equal(r.status, 0, r.stderr + r.stdout);
});

test("a CSV's encoding: UTF-8 with a BOM, UTF-8, else GB18030; bytes that are neither are refused", () => {
  const enc = new TextEncoder();
  assert.deepEqual(decodeCsv(new Uint8Array([0xef, 0xbb, 0xbf, ...enc.encode("学员编号")])), { text: "学员编号", encoding: "utf-8-bom" });
  assert.deepEqual(decodeCsv(enc.encode("学员编号,a")), { text: "学员编号,a", encoding: "utf-8" });
  // 学员编号 in GBK, as Excel's "CSV (逗号分隔)" writes it on Chinese Windows.
  assert.deepEqual(decodeCsv(new Uint8Array([0xd1, 0xa7, 0xd4, 0xb1, 0xb1, 0xe0, 0xba, 0xc5])), { text: "学员编号", encoding: "gb18030" });
  assert.throws(() => decodeCsv(new Uint8Array([0x81, 0x20]), "x.csv"),
    (e) => e instanceof FileError && e.code === "file.encoding" && e.file === "x.csv" && /既不是 UTF-8 也不是 GB18030（GBK）/.test(e.messageZh));
  const notes = (encoding) => sourceNotes({ source: { encoding, headerRow: 1 } });
  assert.deepEqual(notes("utf-8-bom"), [{ zh: "编码：UTF-8（带 BOM）", en: "encoding: UTF-8 (with BOM)" }]);
  assert.deepEqual(notes("utf-8"), [{ zh: "编码：UTF-8", en: "encoding: UTF-8" }]);
  assert.deepEqual(notes("gb18030").map((n) => n.zh), [GBK_NOTE]);
});

test("roster-gbk.csv (Excel's CSV on Chinese Windows) reads as GB18030 into the sample's roster; read as UTF-8 it was blamed on its columns", () => {
  const b = bytes("roster-gbk.csv");
  assert.notDeepEqual([...b.subarray(0, 3)], [0xef, 0xbb, 0xbf], "no byte-order mark");
  assert.equal(Buffer.from(b).toString("latin1").split("\r\n").length, 52, "CRLF after each of 51 rows");
  const t = tableFromCsvBytes("roster-gbk.csv", "roster", b);
  assert.equal(t.source.encoding, "gb18030");
  assert.deepEqual(zh(t), [GBK_NOTE]);
  assert.equal(t.columns.id_number, "身份证号码");
  assert.deepEqual(values(t), values(sample("roster")));
  // What the portal did before: UTF-8 only, and the titles came out as replacement characters.
  assert.throws(() => tableFromCsv("roster-gbk.csv", "roster", new TextDecoder().decode(b)),
    (e) => e instanceof FileError && e.code === "file.missing_column" && e.column === "id");
});

test("punch-clock.csv: two title rows skipped, every moment without an offset read as China time, said in the status", () => {
  const t = tableFromCsvBytes("punch-clock.csv", "punches", bytes("punch-clock.csv"));
  assert.deepEqual(t.columns, { trainee: "学员编号", at: "打卡时间", kind: "打卡类型", device: "设备" });
  assert.deepEqual(t.ignored, ["姓名"]);
  assert.equal(t.records[0].row, 4);
  const want = values(sample("punches")).map(({ method, ...v }) => v);
  assert.equal(t.records.length, 24335);
  assert.deepEqual(values(t).map(({ device, ...v }) => v), want);
  assert.ok(values(t).every((v) => v.device === "考勤机01"));
  assert.deepEqual(t.source, { format: "csv", encoding: "gb18030", headerRow: 3, localMoments: 24335 });
  assert.deepEqual(zh(t), [GBK_NOTE, "列名在第 3 行，其上 2 行（标题）未读取", "未注明时区的时间按北京时间（UTC+08:00）读取：24335 个"]);
  assert.deepEqual(sourceNotes(t).map((n) => n.en).slice(1),
    ["column titles in row 3, the 2 rows above (a title) not read", "times without a time zone read as China time (UTC+08:00): 24335"]);
});

test("moments: without an offset read as +08:00 (dashes, slashes, one-digit parts, a T); with one kept as given and not counted", () => {
  assert.deepEqual(momentOf("2024-03-04 08:12:00"), { text: "2024-03-04T08:12:00+08:00", local: true });
  assert.deepEqual(momentOf("2024/3/4 8:12"), { text: "2024-03-04T08:12:00+08:00", local: true });
  assert.deepEqual(momentOf("2024-03-04T08:12:05"), { text: "2024-03-04T08:12:05+08:00", local: true });
  assert.deepEqual(momentOf("2024-03-04T08:12:00+09:00"), { text: "2024-03-04T08:12:00+09:00", local: false });
  assert.deepEqual(momentOf("2024-03-04T00:12:00Z"), { text: "2024-03-04T00:12:00Z", local: false });
  assert.deepEqual(momentOf("上午8点"), { text: "上午8点", local: false }); // for the engine to name
  const t = tableFromGrid("p.xlsx", "punches", [
    ["trainee", "at", "kind"],
    ["T01", "2023-10-09T08:20:00+08:00", "sign_in"],
    ["T01", "2023/10/9 11:50", "sign_out"],
    ["T02", new Date(Date.UTC(2023, 9, 9, 8, 21)), "sign_in"],
  ]);
  assert.deepEqual(values(t).map((v) => v.at), ["2023-10-09T08:20:00+08:00", "2023-10-09T11:50:00+08:00", "2023-10-09T08:21:00+08:00"]);
  assert.equal(t.source.localMoments, 2);
  assert.deepEqual(zh(t), ["未注明时区的时间按北京时间（UTC+08:00）读取：2 个"]);
  // A date column is a day, not a moment: nothing is said of time zones.
  const leave = tableFromCsv("leave.csv", "leave", "trainee,date,kind\r\nT01,2023-10-10,sick");
  assert.deepEqual(zh(leave), []);
});

test("the row of column titles: the first of the first ten that names every required column; none, the closest is named", () => {
  const t = tableFromCsv("p.csv", "punches", "考勤记录\r\n\r\n部门,学员编号,打卡时间,打卡类型\r\n一班,T01,2023-10-09 08:20:00,签到");
  assert.equal(t.source.headerRow, 3);
  assert.deepEqual(t.records, [{ row: 4, values: { trainee: "T01", at: "2023-10-09T08:20:00+08:00", kind: "sign_in" } }]);
  assert.deepEqual(zh(t)[0], "列名在第 3 行，其上 2 行（标题）未读取");
  assert.throws(() => tableFromCsv("p.csv", "punches", "考勤记录\r\n学员编号,打卡时间\r\nT01,2023-10-09 08:20:00"),
    (e) => e instanceof FileError && e.code === "file.missing_column" && e.row === 2 && e.column === "kind" &&
      e.messageZh === "前 3 行中没有一行含有全部必需的列（trainee、at、kind）；第 2 行最接近，缺“kind”列");
  // Titles below the tenth row are not looked for.
  const deep = [...Array(10).fill(["标题"]), ["trainee", "at", "kind"]];
  assert.throws(() => tableFromGrid("p.xlsx", "punches", deep), (e) => e.code === "file.missing_column" && e.row === 1);
});

test("roster.xls (Excel 97-2003) is read by SheetJS into the sample's roster, below its title row; the same file named .et too", () => {
  const b = bytes("roster.xls");
  assert.deepEqual([...b.subarray(0, 8)], [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1], "an OLE compound file");
  const t = tableFromWorkbook("roster.xls", "roster", b);
  assert.deepEqual(values(t), values(sample("roster")));
  assert.deepEqual(t.source, { format: "xls", sheet: "花名册", sheets: 1, headerRow: 2, localMoments: 0 });
  assert.deepEqual(zh(t), ["按 Excel 97-2003 工作簿（.xls）读取", "列名在第 2 行，其上 1 行（标题）未读取"]);
  // Its cells are of their types: text IDs, number years, date cells.
  const { grid } = gridFromWorkbook(b, "roster.xls");
  assert.deepEqual(grid[2].slice(0, 3), ["T01", "唐磊", "210211199901064360"]);
  assert.equal(grid[2][6], 2021);
  assert.deepEqual(grid[2][12], new Date(Date.UTC(2023, 8, 19)));
  const et = tableFromWorkbook("花名册.et", "roster", b);
  assert.deepEqual(values(et), values(t));
  assert.deepEqual(zh(et)[0], "按 WPS 表格文件（.et）读取");
  // Systems that "export to Excel" often write an HTML table named .xls: its cells stay text, an ID stays whole.
  const html = "<html><body><table><tr><td>学员编号</td><td>身份证号码</td></tr><tr><td>T01</td><td>210211199901064360</td></tr></table></body></html>";
  assert.deepEqual(values(tableFromWorkbook("导出.xls", "roster", new TextEncoder().encode(html))), [{ id: "T01", id_number: "210211199901064360" }]);
});

test("a workbook that cannot be read is refused with how to save it as .xlsx from Excel and WPS", () => {
  for (const b of [bytes("roster.xls").subarray(0, 600), new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0])]) {
    assert.throws(() => tableFromWorkbook("考勤.xls", "punches", b), (e) => {
      assert.ok(e instanceof FileError);
      assert.deepEqual([e.code, e.file, e.row], ["file.unreadable_workbook", "考勤.xls", null]);
      assert.match(e.messageZh, /^无法读取该工作簿：文件已损坏、已加密或不是 Excel \/ WPS 文件（/);
      assert.match(e.messageZh, SAVE_AS);
      assert.match(e.messageEn, /File → Save As and the type “Excel Workbook \(\*\.xlsx\)”; or open it in WPS Spreadsheets/);
      return true;
    });
  }
});

const ID_AS_NUMBER = "身份证号码是数字“210211199901064000”：Excel 把号码存成了数字，只保留 15 位有效数字，18 位号码的后几位已变成 0，末位的 X 也存不下，原号码已无法从本文件得出（本文件共有 45 行如此）。请先把该列的单元格格式设为“文本”，再粘贴或录入号码（或在号码前加英文单引号 '），保存后重新上传";

test("roster-id-numbers.xlsx: IDs in number cells refused at the first, with why and how to fix it (45 of 50; the 5 ending in X stayed text)", async () => {
  const grid = await readSheet(readFileSync(join(clerk, "roster-id-numbers.xlsx")));
  assert.equal(grid[1][2], 210211199901064000);
  assert.equal(grid.slice(1).filter((r) => typeof r[2] === "string").length, 5);
  assert.throws(() => tableFromGrid("roster-id-numbers.xlsx", "roster", grid, { format: "xlsx" }), (e) => {
    assert.ok(e instanceof FileError);
    assert.deepEqual([e.code, e.file, e.row, e.column], ["file.id_number_as_number", "roster-id-numbers.xlsx", 2, "身份证号码"]);
    assert.equal(e.messageZh, ID_AS_NUMBER);
    assert.match(e.messageEn, /^the ID number is the number 210211199901064000: Excel stored the ID as a number, which keeps 15 significant digits.* \(45 rows of this file are\)\. Set the column's cell format to Text/);
    return true;
  });
});

test("roster-id-exponent.csv (that workbook saved as CSV: 2.10211E+17) is refused the same way", () => {
  assert.throws(() => tableFromCsvBytes("roster-id-exponent.csv", "roster", bytes("roster-id-exponent.csv")), (e) => {
    assert.deepEqual([e.code, e.row, e.column], ["file.id_number_as_number", 2, "身份证号码"]);
    assert.equal(e.messageZh, ID_AS_NUMBER.replace("210211199901064000", "2.10211E+17"));
    return true;
  });
});

test("an ID number that is an exact number is still refused: it is too short to be an ID, and the fix is the same", () => {
  assert.deepEqual(idNumberAsNumber(12345), { shown: "12345", exact: true, digits: 5 });
  assert.deepEqual(idNumberAsNumber(210211199901064000), { shown: "210211199901064000", exact: false, digits: null });
  assert.deepEqual(idNumberAsNumber("2.10211E+17"), { shown: "2.10211E+17", exact: false, digits: null });
  assert.equal(idNumberAsNumber("21021119990106436X"), null);
  assert.equal(idNumberAsNumber("210211199901064360"), null);
  assert.throws(() => tableFromGrid("r.xlsx", "roster", [["id", "id_number"], ["T01", "21021119990106436X"], ["T02", 123456789012345]]), (e) => {
    assert.deepEqual([e.code, e.row, e.column], ["file.id_number_as_number", 3, "id_number"]);
    assert.equal(e.messageZh, "身份证号码是数字“123456789012345”，只有 15 位（身份证号码为 18 位）。请先把该列的单元格格式设为“文本”，再粘贴或录入号码（或在号码前加英文单引号 '），保存后重新上传");
    return true;
  });
});

test("the clerk's files make the sample's claim: GBK roster, the punch clock's export (电子培训券签到 stated for it), accepted at 314400.00; the .xls roster the same", async () => {
  const e = await createEngine();
  e.loadPolicy(readFileSync(join(repoRoot, "examples", "policies", "dalian-deployment-example.json"), "utf8"));
  const cls = classFromForm(sampleForm());
  const verify = (roster, punches) => {
    const [leave, certificates] = [sample("leave"), sample("certificates")];
    const zero = roster.records.map(() => ({ "DL-S1": "0.00", "DL-S2": "0.00" }));
    const first = e.call("claim.verify", buildClaim(cls, roster, punches, leave, certificates, zero).claim);
    const { claim } = buildClaim(cls, roster, punches, leave, certificates, claimedFromReport(first));
    return { claim, report: e.call("claim.verify", claim) };
  };
  const clock = withPunchMethod(tableFromCsvBytes("punch-clock.csv", "punches", bytes("punch-clock.csv")), "voucher_qr");
  const mine = verify(tableFromCsvBytes("roster-gbk.csv", "roster", bytes("roster-gbk.csv")), clock);
  assert.equal(mine.report.decision, "accept");
  assert.equal(mine.report.totals.recomputed, "314400.00");
  // The sample's own files give the same claim, but for the punch clock's device column.
  const theirs = verify(sample("roster"), withPunchMethod(sample("punches"), ""));
  const noDevice = (c) => ({ ...c, attendance: { ...c.attendance, punches: c.attendance.punches.map(({ device, ...p }) => p) } });
  assert.deepEqual(noDevice(mine.claim), theirs.claim);
  const xls = verify(tableFromWorkbook("roster.xls", "roster", bytes("roster.xls")), clock);
  assert.deepEqual(xls.claim, mine.claim);
});
