"""Formatted XLSX workbooks of the statistics (xlsxwriter), written from plain rows: no ORM here.

A sheet is a dict ``{"name", "title", "columns", "rows", "total_label"}``; ``columns`` lists ``(header, kind)`` with
``kind`` one of ``"text"``, ``"int"``, ``"money"`` or ``("percent", numerator index, denominator index)``. The first
column of each row is its label. Every sheet gets a title line, a bold frozen header row, number formats and a totals
row (formulas with their values, so readers that do not calculate see the numbers too).
"""
import io
import re

import xlsxwriter
from xlsxwriter.utility import xl_rowcol_to_cell

SHEET_NAME_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")


def sheet_name(name, taken):
    """A valid, unique sheet name (at most 31 characters, none of ``[]:*?/\\``)."""
    base = SHEET_NAME_FORBIDDEN.sub("-", name or "-").strip("'")[:31] or "-"
    candidate, number = base, 2
    while candidate.lower() in taken:
        suffix = f" ({number})"
        candidate, number = base[: 31 - len(suffix)] + suffix, number + 1
    taken.add(candidate.lower())
    return candidate


def _ratio(numerator, denominator):
    return numerator / denominator if denominator else 0.0


def build_workbook(sheets):
    """The bytes of an XLSX workbook with one worksheet per sheet of ``sheets``."""
    output = io.BytesIO()
    workbook = xlsxwriter.Workbook(output, {"in_memory": True})
    title_format = workbook.add_format({"bold": True, "font_size": 14})
    header_format = workbook.add_format({"bold": True, "bg_color": "#E8EEF7", "border": 1, "align": "center",
                                         "valign": "vcenter", "text_wrap": True})
    formats = {
        "text": workbook.add_format({"border": 1}),
        "int": workbook.add_format({"border": 1, "num_format": "#,##0"}),
        "money": workbook.add_format({"border": 1, "num_format": "#,##0.00"}),
        "percent": workbook.add_format({"border": 1, "num_format": "0.0%"}),
    }
    total_formats = {
        kind: workbook.add_format({"bold": True, "top": 2, "border": 1, "num_format": fmt.num_format or "General"})
        for kind, fmt in formats.items()
    }
    taken = set()
    for sheet in sheets:
        worksheet = workbook.add_worksheet(sheet_name(sheet["name"], taken))
        columns = sheet["columns"]
        worksheet.write(0, 0, sheet.get("title") or sheet["name"], title_format)
        header_row = 2
        for col, (header, _kind) in enumerate(columns):
            worksheet.write(header_row, col, header, header_format)
            worksheet.set_column(col, col, 24 if col == 0 else 14)
        worksheet.freeze_panes(header_row + 1, 1)
        first = header_row + 1
        rows = sheet["rows"]
        for index, row in enumerate(rows):
            for col, (_header, kind) in enumerate(columns):
                value = row[col]
                if isinstance(kind, tuple):
                    worksheet.write_number(first + index, col, _ratio(row[kind[1]], row[kind[2]]), formats["percent"])
                elif kind == "text":
                    worksheet.write_string(first + index, col, str(value or ""), formats["text"])
                else:
                    worksheet.write_number(first + index, col, value or 0, formats[kind])
        total_row = first + len(rows)
        totals = {}
        for col, (_header, kind) in enumerate(columns):
            if col == 0:
                worksheet.write_string(total_row, 0, sheet.get("total_label", "Total"), total_formats["text"])
            elif kind == "text":
                worksheet.write_blank(total_row, col, None, total_formats["text"])
            elif isinstance(kind, tuple):
                continue
            else:
                totals[col] = sum(row[col] or 0 for row in rows)
                if rows:
                    formula = f"=SUM({xl_rowcol_to_cell(first, col)}:{xl_rowcol_to_cell(total_row - 1, col)})"
                else:
                    formula = "=0"
                worksheet.write_formula(total_row, col, formula, total_formats[kind], totals[col])
        for col, (_header, kind) in enumerate(columns):
            if isinstance(kind, tuple):
                numerator = xl_rowcol_to_cell(total_row, kind[1])
                denominator = xl_rowcol_to_cell(total_row, kind[2])
                worksheet.write_formula(
                    total_row, col, f"=IF({denominator}=0,0,{numerator}/{denominator})", total_formats["percent"],
                    _ratio(totals[kind[1]], totals[kind[2]]),
                )
    workbook.close()
    return output.getvalue()
