"""Benchmark: import N enterprise customers (with one contact each) through Odoo's standard import, as a
salesperson would with the shipped template's columns, then roll back. Run inside `odoo-bin shell`:

    bash bench/run.sh            (N=10000 by default; BENCH_ROWS=2000 bash bench/run.sh)

Prints the row count, the time and the rate; the figures go to bench/results/ (one line per run).
"""
import io
import os
import time

import xlsxwriter

rows_wanted = int(os.environ.get("BENCH_ROWS", "10000"))
env = env(context=dict(env.context, lang="zh_CN"))  # noqa: F821 (odoo shell's env)

buffer = io.BytesIO()
book = xlsxwriter.Workbook(buffer, {"in_memory": True})
sheet = book.add_worksheet()
header = ["名称", "助记名称", "客户类型", "电话", "联系人/名称", "联系人/手机"]
for col, title in enumerate(header):
    sheet.write_string(0, col, title)
for i in range(rows_wanted):
    values = [f"基准测试客户{i:05d}有限公司", f"基准{i:05d}", "企业客户", f"0571-8{i:07d}"[:14],
              f"联系人{i:05d}", f"139{i:08d}"]
    for col, value in enumerate(values):
        sheet.write_string(i + 1, col, value)
book.close()

importer = env["base_import.import"].create({
    "res_model": "xtools.customer", "file": buffer.getvalue(), "file_name": "bench.xlsx",
    "file_type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
})
options = {"has_headers": True, "quoting": '"', "separator": ",", "advanced": True}
preview = importer.parse_preview(dict(options))
fields = ["/".join(preview["matches"][i]) for i in range(len(header))]
start = time.perf_counter()
result = importer.execute_import(fields, header, dict(options))
elapsed = time.perf_counter() - start
errors = [m for m in result["messages"] if m["type"] == "error"]
line = (f"{time.strftime('%Y-%m-%d %H:%M')} import rows={rows_wanted} imported={len(result['ids'] or [])} "
        f"errors={len(errors)} seconds={elapsed:.1f} rows_per_second={rows_wanted / elapsed:.0f}")
print(line)
if errors:
    print(errors[:3])
env.cr.rollback()
with open(os.path.join("bench", "results", "import.txt"), "a", encoding="utf-8") as f:
    f.write(line + "\n")
