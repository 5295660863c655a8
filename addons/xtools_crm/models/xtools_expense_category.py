from odoo import fields, models


class XtoolsExpenseCategory(models.Model):
    """What a sales expense was spent on (招待, 差旅, 礼品, 交通, 其他); configured by the boss."""

    _name = "xtools.expense.category"
    _description = "Expense Category"
    _order = "sequence, id"

    name = fields.Char(string="Category", required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    description = fields.Text(translate=True)
