// Excel 97-2003 workbooks (.xls, BIFF8) and WPS Spreadsheets files (.et, the
// same compound-file format) as a grid of cells, read by SheetJS Community
// Edition (@e965/xlsx: the SheetJS authors' release, republished unchanged to
// the npm registry; see docs/demo.md for why this library). The page imports
// this module only when such a file is chosen, so the library is not part of
// the page's first download.
//
// The grid is what read-excel-file gives for an .xlsx: strings, numbers,
// booleans, null for an empty cell, and a Date (its UTC wall clock being the
// cell's, as tables.js expects) for a number cell formatted as a date. Rows
// start at the sheet's row 1, so that a row's index + 1 is its row number.
//
// No DOM here: the same code runs in the page and in the Node tests.

import { read, utils, SSF } from "@e965/xlsx";
import { FileError, tableFromGrid } from "./tables.js";

/** Days from 1899-12-30 (Excel's day 0 in the 1900 date system) to 1970-01-01. */
const EPOCH_1900 = 25569;
/** The same in the 1904 date system (old Mac workbooks). */
const EPOCH_1904 = 24107;

/** How to save a workbook as .xlsx, in Excel and in WPS: the end of every refusal. */
export const SAVE_AS_XLSX = {
  zh: "请用 Excel 打开该文件，选“文件 → 另存为”，保存类型选“Excel 工作簿 (*.xlsx)”；或用 WPS 表格打开，选“文件 → 另存为”，文件类型选“Microsoft Excel 文件 (*.xlsx)”。然后上传另存的 .xlsx 文件。",
  en: "Open the file in Excel, choose File → Save As and the type “Excel Workbook (*.xlsx)”; or open it in WPS Spreadsheets, choose File → Save As and the type “Microsoft Excel File (*.xlsx)”. Then upload the .xlsx file.",
};

function cellValue(cell, epoch) {
  if (!cell) return null;
  switch (cell.t) {
    case "s":
    case "str":
      return cell.v;
    case "b":
      return cell.v;
    case "n":
      // A number formatted as a date or time is a day count: its wall clock, as UTC.
      if (cell.z && SSF.is_date(cell.z)) return new Date(Math.round((cell.v - epoch) * 86400) * 1000);
      return cell.v;
    case "d":
      return cell.v;
    default:
      return null; // an error cell (#N/A) or a stub
  }
}

/**
 * A workbook's bytes (`.xls`, `.et`; an .xlsx or an HTML table saved under
 * such a name is read too) → `{ grid, sheet, sheets }`, the first sheet's
 * cells. `file` is the name for a refusal: a FileError
 * (`file.unreadable_workbook`) that says how to save the file as .xlsx.
 *
 * ```js
 * const { grid } = gridFromWorkbook(bytes, "花名册.xls");
 * grid[0]; // ["学员编号", "姓名", …]
 * ```
 */
export function gridFromWorkbook(bytes, file) {
  let wb;
  try {
    // raw: text formats (an HTML table saved as .xls) keep their cells as text, so an ID stays an ID.
    wb = read(bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes), { type: "array", cellNF: true, cellDates: false, raw: true, dense: false });
  } catch (err) {
    throw refusal(file, String(err?.message || err));
  }
  const name = wb.SheetNames[0];
  const ws = name === undefined ? undefined : wb.Sheets[name];
  if (!ws) throw refusal(file, "no worksheet");
  const epoch = wb.Workbook?.WBProps?.date1904 ? EPOCH_1904 : EPOCH_1900;
  const grid = [];
  if (ws["!ref"]) {
    const range = utils.decode_range(ws["!ref"]);
    for (let r = 0; r <= range.e.r; r++) {
      const row = [];
      for (let c = 0; c <= range.e.c; c++) row.push(cellValue(ws[utils.encode_cell({ r, c })], epoch));
      grid.push(row);
    }
  }
  return { grid, sheet: name, sheets: wb.SheetNames.length };
}

function refusal(file, why) {
  return new FileError(file, null, null,
    `cannot read this workbook: damaged, encrypted or not an Excel or WPS file (${why}). ${SAVE_AS_XLSX.en}`,
    `无法读取该工作簿：文件已损坏、已加密或不是 Excel / WPS 文件（${why}）。${SAVE_AS_XLSX.zh}`,
    "file.unreadable_workbook");
}

/**
 * A workbook file → table (tables.js's tableFromGrid), with `source.format`
 * "et" for a WPS file and "xls" otherwise, and the sheet read.
 */
export function tableFromWorkbook(file, kind, bytes) {
  const { grid, sheet, sheets } = gridFromWorkbook(bytes, file);
  return tableFromGrid(file, kind, grid, { format: /\.et$/i.test(file) ? "et" : "xls", sheet, sheets });
}
