#!/usr/bin/env python3
"""Generate a realistic Dalian claim for a class of N trainees (default 50).

    scripts/gen_claim.py [--trainees 50] [--seed 7] [--tamper] > claim.json
    peixun claim verify claim.json

Every trainee gets a valid resident ID number (GB 11643-1999 check character),
eligibility facts, an attendance summary over the class's 89 working days
(2023-10-09 .. 2024-02-08, two sessions a day), certificates and the amounts the
Dalian policy gives, computed here independently of the engine:

- DL-S1: 1800.00 (qualification or skill-level certificate) or 1200.00
  (special-ability certificate) x 4 filed months, only with a certificate and at
  least 90% attendance (leave not counted);
- DL-S2: 200.00 / 100.00 for a certificate from a first appraisal.

The institution and its premises are the example entries of
examples/policies/dalian-deployment-example.toml (DL-P1's catalogue and register).

The claim is right line by line, so `peixun claim verify --policy-file
examples/policies/dalian-deployment-example.toml` accepts it (exit 0); under the
shipped policy, whose rates, catalogue and register are examples or unset, it
needs review. With --tamper one claimed line is one fen too high, and the claim
is rejected.
"""

import argparse
import json
import random
from decimal import Decimal

WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
CHECK = "10X98765432"
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
GIVEN = ["伟", "芳", "娜", "敏", "静", "磊", "洋", "艳", "勇", "杰", "娟", "涛", "明", "超", "秀英", "晨", "宇", "欣怡", "子涵", "浩然"]
DISTRICTS = ["210202", "210203", "210204", "210211", "210212", "210213", "210281", "210283"]
EXPECTED = 178  # 89 working days x 2 sessions
RATES = {"qualification": Decimal("1800.00"), "skill_level": Decimal("1800.00"), "special_ability": Decimal("1200.00")}
FEES = {"qualification": Decimal("200.00"), "skill_level": Decimal("200.00"), "special_ability": Decimal("100.00")}
MONTHS = 4


def id_number(area: str, birth: str, seq: int) -> str:
    body = f"{area}{birth}{seq:03d}"
    return body + CHECK[sum(int(c) * w for c, w in zip(body, WEIGHTS)) % 11]


def money(d: Decimal) -> str:
    return str(d.quantize(Decimal("0.01")))


def trainee(rng: random.Random, i: int) -> dict:
    year = rng.choice([2021, 2022, 2023])
    birth = f"{year - 22}{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}"
    attended = rng.choice([rng.randint(161, 178), rng.randint(161, 178), rng.randint(120, 160)])
    sick = rng.randint(0, min(6, EXPECTED - attended))
    cert = rng.choice(["skill_level", "skill_level", "qualification", "special_ability", None])
    certificates = [] if cert is None else [{"type": cert, "first_time": rng.random() < 0.9}]
    meets = attended * 100 >= 90 * EXPECTED
    s1 = RATES[cert] * MONTHS if cert and meets else Decimal(0)
    s2 = FEES[cert] if cert and certificates[0]["first_time"] else Decimal(0)
    return {
        "name": rng.choice(SURNAMES) + rng.choice(GIVEN),
        "id_number": id_number(rng.choice(DISTRICTS), birth, i + 1),
        "eligibility": {
            "hukou_province": "21", "school_province": "21", "education": "full_time_college",
            "graduation_year": year, "employed_since_graduation": False,
            "unit_social_insurance_record": False, "participations_this_year": 0, "dishonest": False,
        },
        "attendance": {"expected_sessions": EXPECTED, "attended_sessions": attended,
                       # Two sessions a day: an odd count needs the extra day.
                       "attended_days": (attended + 1) // 2, "sick_leave": sick},
        "not_employed_verified": {"institution": "2023-09-25", "district": "2023-09-27"},
        **({"stamped_roster": True} if year == 2024 else {}),
        "certificates": certificates,
        "claimed": {"DL-S1": money(s1), "DL-S2": money(s2)},
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--trainees", type=int, default=50)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--tamper", action="store_true", help="claim one line one fen too high")
    args = ap.parse_args()
    rng = random.Random(args.seed)
    trainees = [trainee(rng, i) for i in range(args.trainees)]
    if args.tamper:
        t = rng.choice(trainees)
        t["claimed"]["DL-S1"] = money(Decimal(t["claimed"]["DL-S1"]) + Decimal("0.01"))
    total = sum(Decimal(v) for t in trainees for v in t["claimed"].values())
    claim = {
        "policy": "dalian-2023-major-conversion",
        "class": {"name": "2023年软件系统操作专业2班期", "major": "软件系统操作",
                  "start": "2023-10-09", "end": "2024-02-08", "filed_months": MONTHS,
                  "filed_on": "2023-09-25", "approved_on": "2023-09-27",
                  "acceptance_applied_on": "2024-01-25"},
        "institution": {"name": "大连市某职业技能培训学校", "credit_code": "91350100M000100Y43",
                        "in_catalogue": True, "premises_verified": True,
                        "premises": "大连市沙河口区示例路8号", "dishonest": False,
                        "majors": ["软件系统操作", "大数据开发"]},
        "trainees": trainees,
        "claimed_total": money(total),
    }
    print(json.dumps(claim, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
