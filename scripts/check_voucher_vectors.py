#!/usr/bin/env python3
"""Re-derives every voucher golden vector's token from docs/vouchers.md alone.

An independent implementation of the token format (Python's hmac and hashlib,
and Ed25519 from the `cryptography` package), to show that the format is what
the documentation says and that another language can produce the same bytes.
Not part of CI (it needs `cryptography`); run it after changing the format:

    python3 scripts/check_voucher_vectors.py
"""
import base64
import datetime as dt
import glob
import hashlib
import hmac
import json
import os
import sys

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
KEYS = json.load(open(os.path.join(ROOT, "tests/data/voucher-test-keys.json")))
HOLDER_KEY = KEYS["holder_key"]["ascii"].encode()
CST = dt.timezone(dt.timedelta(hours=8))
EPOCH_DAY = dt.date(2000, 1, 1)
EPOCH = dt.datetime(2000, 1, 1, tzinfo=CST)


def b64(b):
    return base64.urlsafe_b64encode(b).decode().rstrip("=")


def lp(s):
    b = s.encode()
    return bytes([len(b)]) + b


def holder(p):
    if "holder" in p:
        return bytes.fromhex(p["holder"])
    msg = b"peixun-holder-v1\0" + p["holder_id_number"].upper().encode()
    return hmac.new(HOLDER_KEY, msg, hashlib.sha256).digest()[:16]


def payload(key_id, p):
    flags = (1 if "institution" in p else 0) | (2 if p["face_value"]["kind"] == "amount" else 0)
    out = bytes([1, flags]) + lp(key_id) + lp(p["voucher_id"]) + lp(p["policy"]) + holder(p)
    if "institution" in p:
        out += p["institution"].encode()
    out += lp(p["major"])
    if flags & 2:
        yuan, fen = p["face_value"]["yuan"].split(".")
        out += (int(yuan) * 100 + int(fen)).to_bytes(4, "big")
    for d in ("valid_from", "valid_until"):
        out += (dt.date.fromisoformat(p[d]) - EPOCH_DAY).days.to_bytes(2, "big")
    issued = dt.datetime.fromisoformat(p["issued_at"])
    out += int((issued - EPOCH).total_seconds()).to_bytes(4, "big")
    return out


def token(vector):
    signer = vector["signer"]
    key_id = vector.get("key_id", signer)
    body = payload(key_id, vector["payload"])
    seed = bytes.fromhex(KEYS["signing"][signer]["seed_hex"])
    sig = Ed25519PrivateKey.from_private_bytes(seed).sign(b"peixun-voucher-v1\0" + body)
    t = b64(body + sig)
    tamper = vector.get("tamper", {})
    if "index" in tamper:
        i = tamper["index"]
        t = t[:i] + tamper["to"] + t[i + 1:]
    if "truncate" in tamper:
        t = t[: -tamper["truncate"]]
    return t


def main():
    bad = 0
    n = 0
    for path in sorted(glob.glob(os.path.join(ROOT, "tests/golden/vouchers/*.json"))):
        case = json.load(open(path))
        if "vector" not in case:
            continue
        n += 1
        if token(case["vector"]) != case["request"]["token"]:
            bad += 1
            print("differs:", os.path.basename(path))
    print(f"{n - bad} passed, {bad} failed")
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
