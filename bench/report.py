"""Render bench/results/*.json as Markdown tables and put them into README.md between the bench markers.

    python bench/report.py            (make bench runs it after the measures)
"""
import json
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
RESULTS = os.path.join(ROOT, "bench", "results")
START, END = "<!-- bench:start -->", "<!-- bench:end -->"


def load(name):
    path = os.path.join(RESULTS, name)
    if not os.path.exists(path):
        return None
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def ms(value):
    return f"{value * 1000:.1f}" if value is not None else ""


def measures_table(latest, others):
    settings = ", ".join(f"`{name} = {value}`" for name, value in latest.get("postgresql", {"jit": "on"}).items())
    lines = [
        f"Measured at commit `{latest['commit']}`, scale **{latest['scale']}** ({latest['customers']:,} customers), "
        f"{latest['date']}, {latest['machine']}, PostgreSQL {settings}, median of {latest['rounds']} interleaved "
        "rounds (A B A B…).",
        "",
        "| " + " | ".join(["call", "role", "ours ms", "ours queries", "Odoo ms", "Odoo queries", "ours/Odoo"]
                          + [f"queries at {o['scale']}" for o in others]) + " |",
        "|---|---|---:|---:|---:|---:|---:|" + "---:|" * len(others),
    ]
    for row in latest["results"]:
        ours, odoo = row["ours"], row.get("odoo")
        per = row.get("per", 1)
        unit = f" (per row, {ours['per_second']:.0f}/s)" if per > 1 else ""
        cells = [row["name"] + unit, row["role"], ms(ours["median_s"]), f"{ours['queries']:g}",
                 ms(odoo["median_s"]) if odoo else "—", f"{odoo['queries']:g}" if odoo else "—",
                 f"**{row['ratio']:.2f}**" if odoo and row["ratio"] > 1.2 else (f"{row['ratio']:.2f}" if odoo else "—")]
        for other in others:
            twin = next((r for r in other["results"] if r["name"] == row["name"] and r["role"] == row["role"]), None)
            cells.append(f"{twin['ours']['queries']:g}" if twin else "")
        lines.append("| " + " | ".join(cells) + " |")
    return lines


def load_table(load, title):
    lines = [
        f"{title}: {load['users']} simulated salespeople for {load['duration']} on {', '.join(load['hosts'])} "
        f"({load['workers_per_server']} workers per server)"
        + (f", database `{load['database']}`" if load.get("database") else "")
        + f", commit `{load['commit']}`, {load['date']}.",
        "",
        "| request | count | failures | p50 ms | p95 ms |",
        "|---|---:|---:|---:|---:|",
    ]
    for r in load["requests"]:
        lines.append(f"| {r['name']} | {r['count']} | {r['failures']} | {r['p50_ms']:.0f} | {r['p95_ms']:.0f} |")
    return lines


def main():
    latest = load("latest.json")
    if not latest:
        sys.exit("no bench/results/latest.json: run make bench first")
    others = [r for r in (load(f"{s}.json") for s in ("small", "medium", "large"))
              if r and r["scale"] != latest["scale"]]
    lines = measures_table(latest, others)
    for name, title in (("load.json", "Load test, one server"), ("load-scaleout.json", "Load test, two servers "
                                                                                         "and a read replica")):
        data = load(name)
        if data:
            lines += [""] + load_table(data, title)
    block = "\n".join([START, *lines, END])
    readme = os.path.join(ROOT, "README.md")
    with open(readme, encoding="utf-8") as f:
        text = f.read()
    if START in text:
        text = text[:text.index(START)] + block + text[text.index(END) + len(END):]
    else:
        text = text.rstrip("\n") + "\n\n" + block + "\n"
    with open(readme, "w", encoding="utf-8") as f:
        f.write(text)
    print("\n".join(lines))


if __name__ == "__main__":
    main()
