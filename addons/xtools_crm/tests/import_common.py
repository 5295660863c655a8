import io

import xlsxwriter

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
OPTIONS = {"has_headers": True, "quoting": '"', "separator": ",", "date_format": "", "datetime_format": "",
           "float_thousand_separator": ",", "float_decimal_separator": ".", "advanced": True}


class XlsxImportMixin:
    """Customers imported as a user does: an XLSX file with Chinese headers through ``base_import``."""

    def _xlsx(self, rows):
        buffer = io.BytesIO()
        workbook = xlsxwriter.Workbook(buffer, {"in_memory": True})
        sheet = workbook.add_worksheet()
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                sheet.write_string(r, c, str(value))
        workbook.close()
        return buffer.getvalue()

    def _import(self, content, dryrun=False, user=None, messages_lang=None):
        """``(fields, result)`` of importing ``content``: headers matched in Chinese, messages in ``messages_lang``
        (the environment's language by default)."""
        importer = self.env["base_import.import"].with_user(user or self.env.user).with_context(lang="zh_CN").create(
            {"res_model": "xtools.customer", "file": content, "file_type": XLSX, "file_name": "customers.xlsx"}
        )
        preview = importer.parse_preview(dict(OPTIONS))
        self.assertNotIn("error", preview, preview.get("error"))
        fields = [
            "/".join(preview["matches"][index]) if index in preview["matches"] else False
            for index in range(len(preview["headers"]))
        ]
        if messages_lang:
            importer = importer.with_context(lang=messages_lang)
        return fields, importer.execute_import(fields, preview["headers"], dict(OPTIONS), dryrun=dryrun)
