#!/usr/bin/env python3
"""The table of what the scenario library's levers do (docs/levers.md), from one
`llosim compare` folder of the baseline against every library scenario.

    build/llosim compare scenarios/baseline.cfg scenarios/<each>.cfg ... --scale 0.05 --replicates 8 -o out/levers
    /usr/bin/python3 docs/tools/lever_table.py out/levers > table.md

Reads comparison.csv (paired differences with their 95% intervals, last five years) and scales
money and counts to 1:1 with the run's scale (from the base's scenario.resolved.cfg). Public
money is every public instrument's spending and overhead plus what organising costs (staff, a
front office, meetings, outreach, the public part of company scans); the sector funds are the
employers' levy and count as employers' money, except in a scenario whose name holds
"sector-funds", where the public tops the funds up: there the change in their spending and
overhead is public. Public euros per extra participant are given only where both changes are
clear of zero in their direction. Standard library only."""
import csv
import os
import re
import sys

PUBLIC = ["jobseeker_fund", "regional_fund", "sme_subsidy", "learning_budget", "public_provider"]
ORGANISING = ["orchestrator_staff_eur", "front_office_eur", "convening_eur", "outreach_eur", "company_scans_public_eur"]
POTS = ["jobseeker_fund", "regional_fund", "sme_subsidy", "sector_funds", "learning_budget"]


def read(folder):
    rows = {}
    with open(os.path.join(folder, "comparison.csv"), newline="") as f:
        for r in csv.DictReader(f):
            if r["region"] != "all" or r["period"] != "last5":
                continue
            key = (r["dimension"], r["group"], r["indicator"])
            rows.setdefault(r["scenario"], {})[key] = r
    return rows


def scale_of(folder, base):
    text = open(os.path.join(folder, base, "scenario.resolved.cfg")).read()
    m = re.search(r"\bscale\s*=\s*([0-9.eE+-]+)", text)
    return float(m.group(1)) if m else 1.0


def pp(r):
    """A difference in shares as percentage points with its paired interval."""
    d, lo, hi = (100 * float(r[k]) for k in ("difference", "ci_low", "ci_high"))
    if lo == hi == d:
        return "%+.2f (exact)" % d
    return "%+.2f [%+.2f, %+.2f]" % (d, lo, hi)


def series(s, name, field="difference", dim="", group=""):
    r = s.get((dim, group, name))
    return float(r[field]) if r else 0.0


def public_money(s, field, name=""):
    total = 0.0
    if "sector-funds" in name:
        total += series(s, "sector_funds_spent_eur", field) + series(s, "sector_funds_overhead_eur", field)
    for k in PUBLIC:
        total += series(s, k + "_spent_eur", field) + series(s, k + "_overhead_eur", field)
    for k in ORGANISING:
        total += series(s, k, field)
    return total


def main():
    folder = sys.argv[1]
    rows = read(folder)
    if not rows:
        sys.exit("no comparison rows in " + folder)
    base = next(iter(rows.values()))[("", "", "workers")]["base"]
    scale = scale_of(folder, base)
    print("| scenario | employed (pp) | low-educated (pp) | small firms (pp) | job seekers (pp) | "
          "public EUR a year, 1:1 (change) | public EUR per extra participant | deadweight of the starts paid (share) |")
    print("|---|---|---|---|---|---|---|---|")
    for name, s in rows.items():
        emp = s[("", "", "participation_24m_employed")]
        une = s[("", "", "participation_24m_unemployed")]
        low = s[("", "", "participation_24m_low_educated")]
        small = s[("", "", "participation_24m_small_firms")]
        # Monthly means at the run's scale -> a year at 1:1.
        d_public = public_money(s, "difference", name) * 12 / scale
        # Extra participants in a two-year window, at 1:1: the change in the shares times the
        # base's head counts.
        extra = (float(emp["difference"]) * series(s, "employed", "base_mean") +
                 float(une["difference"]) * series(s, "unemployed", "base_mean")) / scale
        clear = any(float(r["ci_low"]) > 0 or float(r["ci_high"]) < 0 for r in (emp, une))
        if extra <= 0:
            per = "n/a (no extra participants)"
        elif not clear:
            per = "n/a (change not clear)"
        elif d_public <= 0:
            per = "none (public money falls)"
        else:
            per = "%.0f" % (d_public * 2 / extra)
        dead = []
        for k in POTS:
            starts = series(s, k + "_starts", "mean")
            if starts > 0:
                dead.append("%s %.2f" % (k.replace("_", " "), series(s, k + "_deadweight_starts", "mean") / starts))
        print("| %s | %s | %s | %s | %s | %+.3g M | %s | %s |" % (
            name, pp(emp), pp(low), pp(small), pp(une), d_public / 1e6, per, "; ".join(dead) or "-"))


if __name__ == "__main__":
    main()
