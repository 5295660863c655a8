import base64
from collections import defaultdict
from urllib.parse import quote

from dateutil.relativedelta import relativedelta

from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import format_date

from ..report.xtools_report_receivable import BUCKET_FIELDS
from ..report.xtools_xlsx import build_workbook

REPORT_TYPES = [("sales", "Monthly Sales Report"), ("receivable", "Receivables Aging")]
SALES_MEASURES = ["contract_count", "contract_amount", "contract_target", "payment_amount", "payment_target",
                  "customer_count", "action_count"]


class XtoolsReportExportWizard(models.TransientModel):
    """Export the monthly sales report or the receivables aging as a formatted XLSX workbook: one sheet per sales team
    plus a summary sheet. The figures are read under the user's own rules, as in the statistics views."""

    _name = "xtools.report.export.wizard"
    _description = "Export Statistics to Excel"

    def _default_date_from(self):
        return fields.Date.context_today(self).replace(day=1)

    def _default_date_to(self):
        return fields.Date.context_today(self).replace(day=1) + relativedelta(months=1, days=-1)

    def _default_team_ids(self):
        """The teams the user may see the figures of: all for the boss, led or joined for the others."""
        Team = self.env["crm.team"]
        if self.env.user.has_group("xtools_crm.group_boss"):
            return Team.search([("company_id", "in", [False] + self.env.companies.ids)])
        return Team.search(["|", ("user_id", "=", self.env.uid), ("member_ids", "in", [self.env.uid])])

    report_type = fields.Selection(REPORT_TYPES, string="Report", required=True, default="sales")
    date_from = fields.Date(string="From", required=True, default=lambda self: self._default_date_from())
    date_to = fields.Date(string="To", required=True, default=lambda self: self._default_date_to())
    team_ids = fields.Many2many("crm.team", string="Sales Teams", default=lambda self: self._default_team_ids(),
                                help="One sheet per team; leave empty for every team you may see.")
    file_data = fields.Binary(string="File", readonly=True, attachment=False)
    file_name = fields.Char(readonly=True)

    @api.constrains("date_from", "date_to")
    def _check_dates(self):
        for wizard in self:
            if wizard.date_to < wizard.date_from:
                raise UserError(_("The period ends (%(end)s) before it starts (%(start)s).",
                                  end=format_date(self.env, wizard.date_to),
                                  start=format_date(self.env, wizard.date_from)))

    def action_export(self):
        """Write the workbook into ``file_data`` and return its download."""
        self.ensure_one()
        teams = self.team_ids or self._default_team_ids()
        if not teams:
            raise UserError(_("Choose at least one sales team to export."))
        if self.report_type == "sales":
            sheets = self._sales_sheets(teams)
            name = _("Sales Report %(start)s - %(end)s", start=self.date_from, end=self.date_to)
        else:
            sheets = self._receivable_sheets(teams)
            name = _("Receivables Aging %(date)s", date=fields.Date.context_today(self))
        self.write({"file_data": base64.b64encode(build_workbook(sheets)), "file_name": f"{name}.xlsx"})
        return {
            "type": "ir.actions.act_url",
            "url": f"/web/content/{self._name}/{self.id}/file_data/{quote(self.file_name)}?download=true",
            "target": "self",
        }

    # ------------------------------------------------------------------
    # Monthly sales report
    # ------------------------------------------------------------------
    def _sales_columns(self):
        return [
            (_("Salesperson"), "text"),
            (_("Number of Contracts"), "int"),
            (_("Contract Amount"), "money"),
            (_("Contract Target"), "money"),
            (_("Contract Completion"), ("percent", 2, 3)),
            (_("Payment Amount"), "money"),
            (_("Payment Target"), "money"),
            (_("Payment Completion"), ("percent", 5, 6)),
            (_("New Customers"), "int"),
            (_("Actions Logged"), "int"),
        ]

    @staticmethod
    def _sales_row(label, figures):
        return [label, figures["contract_count"], figures["contract_amount"], figures["contract_target"], None,
                figures["payment_amount"], figures["payment_target"], None, figures["customer_count"],
                figures["action_count"]]

    def _sales_sheets(self, teams):
        members = teams.member_ids
        rows = self.env["xtools.report.sales"]._read_group(
            [("date", ">=", self.date_from), ("date", "<=", self.date_to), ("user_id", "in", members.ids)],
            ["user_id"], [f"{m}:sum" for m in SALES_MEASURES],
        )
        by_user = {user: dict(zip(SALES_MEASURES, values, strict=True)) for user, *values in rows}
        empty = dict.fromkeys(SALES_MEASURES, 0)
        period = _("%(start)s to %(end)s", start=format_date(self.env, self.date_from),
                   end=format_date(self.env, self.date_to))
        summary_rows, team_sheets = [], []
        for team in teams:
            team_rows = [self._sales_row(user.name, by_user.get(user, empty)) for user in team.member_ids]
            team_sheets.append({
                "name": team.name,
                "title": _("%(team)s — Sales Report, %(period)s", team=team.name, period=period),
                "columns": self._sales_columns(),
                "rows": team_rows,
                "total_label": _("Total"),
            })
            totals = {m: sum(by_user.get(user, empty)[m] for user in team.member_ids) for m in SALES_MEASURES}
            summary_rows.append(self._sales_row(team.name, totals))
        summary = {
            "name": _("Summary"),
            "title": _("Sales Report, %(period)s", period=period),
            "columns": [(_("Sales Team"), "text")] + self._sales_columns()[1:],
            "rows": summary_rows,
            "total_label": _("Total"),
        }
        return [summary] + team_sheets

    # ------------------------------------------------------------------
    # Receivables aging
    # ------------------------------------------------------------------
    def _receivable_columns(self, first):
        return [(first, "text"), (_("Salesperson"), "text"), (_("Not Due"), "money"), (_("1-30 Days"), "money"),
                (_("31-60 Days"), "money"), (_("61-90 Days"), "money"), (_("Over 90 Days"), "money"),
                (_("Overdue Total"), "money"), (_("Receivable Total"), "money")]

    def _receivable_sheets(self, teams):
        members = teams.member_ids
        measures = list(BUCKET_FIELDS.values()) + ["overdue_amount", "amount"]
        rows = self.env["xtools.report.receivable"]._read_group(
            [("user_id", "in", members.ids)], ["customer_id", "user_id"], [f"{m}:sum" for m in measures],
        )
        by_user = defaultdict(list)
        for customer, user, *values in rows:
            by_user[user].append((customer, values))
        summary_rows, team_sheets = [], []
        today = format_date(self.env, fields.Date.context_today(self))
        for team in teams:
            team_rows = []
            for user in team.member_ids:
                for customer, values in sorted(by_user.get(user, []), key=lambda cv: cv[0].display_name):
                    team_rows.append([customer.display_name, user.name, *values])
            team_sheets.append({
                "name": team.name,
                "title": _("%(team)s — Receivables Aging on %(date)s", team=team.name, date=today),
                "columns": self._receivable_columns(_("Customer")),
                "rows": team_rows,
                "total_label": _("Total"),
            })
            totals = [sum(row[2 + i] for row in team_rows) for i in range(len(measures))]
            summary_rows.append([team.name, team.user_id.name or "", *totals])
        summary = {
            "name": _("Summary"),
            "title": _("Receivables Aging on %(date)s", date=today),
            "columns": self._receivable_columns(_("Sales Team"))[:1] + [(_("Manager"), "text")]
            + self._receivable_columns("")[2:],
            "rows": summary_rows,
            "total_label": _("Total"),
        }
        return [summary] + team_sheets
