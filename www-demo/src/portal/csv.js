// A small RFC 4180 reader: fields separated by commas, records by CRLF (or a
// bare LF or CR), a field in double quotes may hold commas, line breaks and
// doubled quotes (""), a UTF-8 byte-order mark at the start is dropped.
//
// Rows are numbered as a spreadsheet numbers them: the first record is row 1,
// whatever line breaks a quoted field holds. Blank lines keep their number and
// come back as empty records, so row numbers always match the file.

export class CsvError extends Error {
  constructor(row, column, en, zh) {
    super(en);
    this.name = "CsvError";
    this.row = row;
    this.column = column;
    this.messageEn = en;
    this.messageZh = zh;
  }
}

/** Parses CSV text into an array of records, each an array of strings. */
export function parseCsv(text) {
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const records = [];
  let record = [];
  let field = "";
  let i = 0;
  let quoted = false; // inside a quoted field
  let wasQuoted = false; // the current field was quoted (only a separator may follow)
  const n = text.length;
  const endField = () => {
    record.push(field);
    field = "";
    wasQuoted = false;
  };
  const endRecord = () => {
    endField();
    records.push(record.length === 1 && record[0] === "" ? [] : record);
    record = [];
  };
  while (i < n) {
    const c = text[i];
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
        wasQuoted = true;
        i++;
        continue;
      }
      field += c;
      i++;
      continue;
    }
    if (c === '"') {
      if (field !== "" || wasQuoted) {
        throw new CsvError(records.length + 1, record.length + 1,
          "a quote inside an unquoted field (write the field in quotes and double the quote)",
          "未加引号的字段中出现引号（应将字段用引号括起，字段内的引号写两次）");
      }
      quoted = true;
      i++;
      continue;
    }
    if (c === ",") {
      endField();
      i++;
      continue;
    }
    if (c === "\r" || c === "\n") {
      endRecord();
      i += c === "\r" && text[i + 1] === "\n" ? 2 : 1;
      continue;
    }
    if (wasQuoted) {
      throw new CsvError(records.length + 1, record.length + 1,
        "text after the closing quote of a field",
        "字段的右引号之后还有文字");
    }
    field += c;
    i++;
  }
  if (quoted) {
    throw new CsvError(records.length + 1, record.length + 1,
      "a quoted field is never closed",
      "带引号的字段没有结束引号");
  }
  if (field !== "" || wasQuoted || record.length > 0) endRecord();
  return records;
}
