#!/usr/bin/env python3
"""Writes the fitted values of a `llosim calibrate` folder into the calibrated block of
scenarios/baseline.cfg (the settings the calibration file moves), rounded to 4 significant digits:

    /usr/bin/python3 docs/tools/apply_calibration.py out/calibration-baseline/calibrated.cfg scenarios/baseline.cfg

Reads the "Parameters moved" lines of calibrated.cfg's header; a setting with an index replaces
that element of the list. Standard library only."""
import re
import sys


def fitted(path):
    out = []
    for line in open(path):
        m = re.match(r"#\s+([a-z_]+)\.([a-z_0-9]+)(?:\[(\d+)\])?: \S+ -> (\S+) within", line)
        if m:
            out.append((m.group(1), m.group(2), None if m.group(3) is None else int(m.group(3)), float(m.group(4))))
    return out


def fmt(v):
    return "%.4g" % v if abs(v) >= 1e-3 else "%.4e" % v


def main():
    calibrated, baseline = sys.argv[1], sys.argv[2]
    text = open(baseline).read()
    for group, key, index, value in fitted(calibrated):
        block = re.search(r"(?ms)^%s = \{\n(.*?)^\};" % re.escape(group), text)
        if not block:
            sys.exit("%s: no block %s = { ... }" % (baseline, group))
        line = re.search(r"(?m)^(\s+%s = )(.*);$" % re.escape(key), block.group(1))
        if not line:
            sys.exit("%s: no %s.%s in the block" % (baseline, group, key))
        if index is None:
            new = fmt(value)
            if "." not in new and "e" not in new:
                new += ".0"
        else:
            items = [x.strip() for x in line.group(2).strip("[]").split(",")]
            items[index] = fmt(value) if "." in fmt(value) or "e" in fmt(value) else fmt(value) + ".0"
            new = "[" + ", ".join(items) + "]"
        start = block.start(1) + line.start(2)
        text = text[:start] + new + text[block.start(1) + line.end(2):]
    open(baseline, "w").write(text)


if __name__ == "__main__":
    main()
