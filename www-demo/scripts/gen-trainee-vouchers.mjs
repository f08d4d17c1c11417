#!/usr/bin/env node
// Writes src/trainee/data/demo-vouchers.json: the demo vouchers of the trainee
// page, signed by the real CLI (`peixun keygen`, `peixun voucher issue`).
//
//   node scripts/gen-trainee-vouchers.mjs            (PEIXUN_BIN, default ../target/debug/peixun)
//
// A fresh demo signing key and holder key are made in a temporary directory
// and deleted afterwards: only the PUBLIC key set (what the page trusts), the
// tokens, the demo trainee's holder pseudonym and the authority's event log
// for the vouchers are written. Re-running the script makes a new key and new
// tokens; the page reads whatever the file holds.
//
// Validity is relative to the day the script runs (China date): the current
// vouchers are valid from 90 days before to two years after it, the expired one
// ended on 31 December of the year before.
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const demoRoot = fileURLToPath(new URL("..", import.meta.url));
const bin = process.env.PEIXUN_BIN || join(demoRoot, "..", "target", "debug", "peixun");
const out = join(demoRoot, "src", "trainee", "data", "demo-vouchers.json");

const POLICY = "dalian-2023-major-conversion";
const MAJOR = "大数据开发";
const INSTITUTION = "91350100M000100Y43"; // the demo institution (examples/server/demo.toml)
const KEY_ID = "demo-trainee-1";
// The demo trainee and someone else (made-up numbers with valid check characters).
const TRAINEE_ID_NUMBER = "210202200103151231";
const OTHER_ID_NUMBER = "210203200008152013";

function chinaDate(offsetDays = 0) {
  const t = new Date(Date.now() + 8 * 3600 * 1000 + offsetDays * 86400 * 1000);
  return t.toISOString().slice(0, 10);
}

const peixun = (...args) => execFileSync(bin, args, { encoding: "utf8" });

const dir = mkdtempSync(join(tmpdir(), "peixun-demo-keys-"));
try {
  peixun("keygen", "--out", dir, "--key-id", KEY_ID, "--holder-key", "--json");
  const keys = JSON.parse(readFileSync(join(dir, "keys.json"), "utf8"));
  const today = chinaDate();
  const from = chinaDate(-90);
  const until = chinaDate(730);
  const lastYear = Number(today.slice(0, 4)) - 1;

  const issue = (id, holderId, validFrom, validUntil) => {
    const args = ["voucher", "issue", "--key", join(dir, `${KEY_ID}.private.json`),
      "--holder-key", join(dir, "holder-key.json"), "--holder-id", holderId,
      "--policy", POLICY, "--major", MAJOR, "--institution", INSTITUTION,
      "--valid-from", validFrom, "--valid-until", validUntil, "--face-value", "1500.00",
      "--id", id, "--at", `${validFrom}T09:00:00+08:00`, "--json"];
    return JSON.parse(peixun(...args));
  };

  const mine = issue("DL-DEMO-0001", TRAINEE_ID_NUMBER, from, until);
  const others = issue("DL-DEMO-0002", OTHER_ID_NUMBER, from, until);
  const expired = issue("DL-DEMO-0003", TRAINEE_ID_NUMBER, `${lastYear}-03-01`, `${lastYear}-12-31`);
  const revoked = issue("DL-DEMO-0004", TRAINEE_ID_NUMBER, from, until);
  const holder = mine.voucher.holder;
  const otherHolder = others.voucher.holder;

  // The authority's log for these vouchers (JZ-V1 lifecycle), oldest first.
  const at = (d, hm) => `${d}T${hm}:00+08:00`;
  const events = [
    { event_id: "e01", voucher_id: "DL-DEMO-0003", kind: "apply", holder, at: at(`${lastYear}-02-20`, "09:00") },
    { event_id: "e02", voucher_id: "DL-DEMO-0003", kind: "issue", at: at(`${lastYear}-03-01`, "09:00") },
    { event_id: "e03", voucher_id: "DL-DEMO-0003", kind: "expire", at: at(`${lastYear + 1}-01-01`, "00:00") },
    { event_id: "e04", voucher_id: "DL-DEMO-0004", kind: "apply", holder, at: at(from, "08:00") },
    { event_id: "e05", voucher_id: "DL-DEMO-0004", kind: "issue", at: at(from, "09:00") },
    { event_id: "e06", voucher_id: "DL-DEMO-0004", kind: "revoke", reason: "duplicate application", at: at(from, "10:00") },
    { event_id: "e07", voucher_id: "DL-DEMO-0001", kind: "apply", holder, at: at(from, "10:30") },
    { event_id: "e08", voucher_id: "DL-DEMO-0001", kind: "issue", at: at(from, "11:00") },
    { event_id: "e09", voucher_id: "DL-DEMO-0001", kind: "claim", institution: INSTITUTION, at: at(from, "15:00") },
    { event_id: "e10", voucher_id: "DL-DEMO-0001", kind: "check_in", at: at(chinaDate(-30), "08:10") },
    { event_id: "e11", voucher_id: "DL-DEMO-0002", kind: "apply", holder: otherHolder, at: at(from, "10:40") },
    { event_id: "e12", voucher_id: "DL-DEMO-0002", kind: "issue", at: at(from, "11:10") },
  ];

  const data = {
    note: "DEMO ONLY: written by www-demo/scripts/gen-trainee-vouchers.mjs with a throw-away key (the private key was deleted).",
    generated_on: today,
    policy: POLICY,
    keys,
    trainee: { holder },
    vouchers: [
      { id: "DL-DEMO-0001", label: { zh: "我的培训券", en: "My voucher" }, token: mine.token },
      { id: "DL-DEMO-0002", label: { zh: "别人的培训券", en: "Someone else's voucher" }, token: others.token },
      { id: "DL-DEMO-0003", label: { zh: "已过期的培训券", en: "An expired voucher" }, token: expired.token },
      { id: "DL-DEMO-0004", label: { zh: "已撤销的培训券", en: "A revoked voucher" }, token: revoked.token },
    ],
    events,
  };
  writeFileSync(out, JSON.stringify(data, null, 2) + "\n");
  console.log(`wrote ${out}`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
