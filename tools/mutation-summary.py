#!/usr/bin/env python3
"""Prints the mutation score of a Stryker.NET JSON report per folder of src/ZeebeOperator.Core.

Score = detected / (detected + undetected), where detected is Killed or Timeout and undetected is Survived or
NoCoverage; mutants that did not compile or were ignored do not count. Message mutants are scored apart: a string
literal or an interpolated string emptied or changed, and any mutant of a call to a source-generated log method
(`LogSomething(...)`: the call removed, or its arguments changed). They change what a person reads, which the
tests deliberately do not pin. Mutants equivalent by rule (`ConfigureAwait(false)` turned into `true`: the operator
runs without a synchronization context) are counted apart and not scored. Survivors are listed, so that each gets
a test, a simpler code path, or a reason.
"""
import argparse
import json
import os
import re
import sys
from collections import defaultdict

DETECTED = {"Killed", "Timeout"}
UNDETECTED = {"Survived", "NoCoverage"}
TEXT_MUTATORS = ("String mutation", "Interpolated string mutation", "String Mutation", "Interpolated String Mutation")

# The targets of issue 15: folders not named here are held to the default.
TARGETS = {"Planning": 90, "Reconciliation": 90, "Observation": 90, "Leadership": 85, "Queue": 85, "Spec": 85}
DEFAULT_TARGET = 75


def folder_of(path):
    marker = "ZeebeOperator.Core" + os.sep
    rel = path.split(marker, 1)[1] if marker in path else path
    parts = rel.split(os.sep)
    return parts[0] if len(parts) > 1 else "(root)"


LOG_CALL = re.compile(r"^(await\s+)?(\w+\.)?Log[A-Z]\w*\(")


def original(lines, mutant):
    """The source text the mutant replaces (Stryker's lines and columns are 1-based, the end column exclusive)."""
    start, end = mutant["location"]["start"], mutant["location"]["end"]
    if not (0 < start["line"] <= len(lines) and 0 < end["line"] <= len(lines)):
        return ""
    if start["line"] == end["line"]:
        return lines[start["line"] - 1][start["column"] - 1:end["column"] - 1]
    first = lines[start["line"] - 1][start["column"] - 1:]
    middle = lines[start["line"]:end["line"] - 1]
    return "\n".join([first, *middle, lines[end["line"] - 1][:end["column"] - 1]])


def kind(lines, mutant):
    """'message', 'equivalent' or 'logic'."""
    name = mutant.get("mutatorName", "")
    if any(name.startswith(t) for t in TEXT_MUTATORS):
        return "message"
    line = mutant["location"]["start"]["line"]
    code = lines[line - 1].strip() if 0 < line <= len(lines) else ""
    if LOG_CALL.match(code) or LOG_CALL.match(original(lines, mutant).strip()):
        return "message"
    if name.startswith("Boolean mutation") and original(lines, mutant) == "false":
        start = mutant["location"]["start"]
        if lines[start["line"] - 1][:start["column"] - 1].endswith("ConfigureAwait("):
            return "equivalent"
    return "logic"


def score(counts):
    total = counts["detected"] + counts["undetected"]
    return None if total == 0 else 100.0 * counts["detected"] / total


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("report")
    parser.add_argument("--elapsed", type=int, default=None, help="seconds the run took")
    parser.add_argument("--folders", default="", help="the folders the run covered (empty: all)")
    parser.add_argument("--survivors", type=int, default=40, help="how many non-text survivors to list")
    args = parser.parse_args()

    with open(args.report, encoding="utf-8") as f:
        report = json.load(f)

    logic = defaultdict(lambda: {"detected": 0, "undetected": 0, "other": 0})
    text = defaultdict(lambda: {"detected": 0, "undetected": 0, "other": 0})
    equivalent = defaultdict(int)
    survivors = []
    for path, entry in report["files"].items():
        folder = folder_of(path)
        lines = entry.get("source", "").splitlines()
        for mutant in entry["mutants"]:
            status = mutant["status"]
            key = "detected" if status in DETECTED else "undetected" if status in UNDETECTED else "other"
            what = kind(lines, mutant)
            if what == "equivalent":
                if key != "other":
                    equivalent[folder] += 1
                continue
            bucket = text if what == "message" else logic
            bucket[folder][key] += 1
            if key == "undetected" and what == "logic":
                line = mutant["location"]["start"]["line"]
                code = lines[line - 1].strip() if 0 < line <= len(lines) else ""
                survivors.append((folder, os.path.basename(path), line, status, mutant["mutatorName"], mutant.get("replacement", ""), code))

    folders = sorted(f for f in set(logic) | set(text) | set(equivalent) if equivalent[f] > 0 or logic[f]["detected"] + logic[f]["undetected"] + text[f]["detected"] + text[f]["undetected"] > 0)
    print(f"Mutation score per folder of src/ZeebeOperator.Core ({args.folders or 'all folders'})")
    if args.elapsed is not None:
        print(f"run took {args.elapsed // 60} min {args.elapsed % 60} s")
    print()
    print("| folder | logic mutants | detected | score | target | message mutants | message score | equivalent by rule |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    below = []
    for folder in folders:
        l, t = logic[folder], text[folder]
        ls, ts = score(l), score(t)
        target = TARGETS.get(folder, DEFAULT_TARGET)
        mark = "" if ls is None or ls >= target else " (below)"
        if mark:
            below.append(folder)
        print(f"| {folder} | {l['detected'] + l['undetected']} | {l['detected']} | {'-' if ls is None else f'{ls:.1f} %'}{mark} | {target} % "
              f"| {t['detected'] + t['undetected']} | {'-' if ts is None else f'{ts:.1f} %'} | {equivalent[folder]} |")
    all_logic = {k: sum(logic[f][k] for f in folders) for k in ("detected", "undetected")}
    total = score(all_logic)
    print(f"| all | {all_logic['detected'] + all_logic['undetected']} | {all_logic['detected']} | {'-' if total is None else f'{total:.1f} %'} | | | | {sum(equivalent[f] for f in folders)} |")
    print()
    if survivors:
        print(f"Logic survivors ({len(survivors)}; first {min(len(survivors), args.survivors)}):")
        for folder, file, line, status, mutator, replacement, code in survivors[: args.survivors]:
            print(f"  {folder}/{file}:{line} {status} [{mutator}] {code[:100]}  ->  {replacement[:80]}")
    if below:
        print(f"\nbelow target: {', '.join(below)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
