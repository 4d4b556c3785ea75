#!/usr/bin/env python3
"""Split a rated review CSV by product into a tuning half and a reporting half (docs/text.md).

A product's reviews stay on one side: its `Clothing ID`'s MD5 decides (even: tune, odd: report). The sentiment
head's settings were chosen on tune.csv only; the figures in the README and docs/text.md come from report.csv.
Usage: split-reviews.py SOURCE.csv OUT_DIR
"""
import csv
import hashlib
import os
import sys

source, out = sys.argv[1], sys.argv[2]
with open(source, newline="", encoding="utf-8") as f:
    rows = list(csv.reader(f))
header, body = rows[0], rows[1:]
product = header.index("Clothing ID")
os.makedirs(out, exist_ok=True)
parts = {"tune": [], "report": []}
for r in body:
    parts["tune" if int(hashlib.md5(r[product].encode()).hexdigest(), 16) % 2 == 0 else "report"].append(r)
for name, part in parts.items():
    with open(os.path.join(out, name + ".csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(header)
        w.writerows(part)
    print(f"{name}.csv: {len(part)} reviews of {len({r[product] for r in part})} products")
