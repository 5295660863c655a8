from odoo import Command, _, api, fields, models
from odoo.exceptions import UserError

from ..tools import payment_plan


class XtoolsPaymentPlanGenerate(models.TransientModel):
    """Generate a contract's payment plans from a rule: percentages (30/60/10) or N equal monthly installments."""

    _name = "xtools.payment.plan.generate"
    _description = "Generate Payment Plans"

    contract_id = fields.Many2one("xtools.contract", required=True, ondelete="cascade")
    # Read with the user's rights, not as superuser (the default of related fields): the wizard never shows the
    # amount of a contract the user cannot see.
    currency_id = fields.Many2one(related="contract_id.currency_id", compute_sudo=False)
    amount = fields.Monetary(related="contract_id.amount", string="Contract Amount", compute_sudo=False)
    rule = fields.Selection(
        [("percentage", "By Percentages"), ("monthly", "Equal Monthly Installments")],
        required=True,
        default="percentage",
    )
    percentages = fields.Char(default="30/60/10", help="e.g. 30/60/10: they must add up to 100.")
    installments = fields.Integer(string="Number of Installments", default=3)
    first_date = fields.Date(string="First Due Date", required=True, default=fields.Date.context_today)
    interval_months = fields.Integer(string="Months Between Installments", default=1)
    replace_existing = fields.Boolean(
        string="Replace Unpaid Plans", default=True,
        help="Delete the contract's plans that have received nothing before adding the new ones.",
    )

    @api.model
    def _get_weights(self, rule, percentages, installments):
        if rule == "percentage":
            try:
                return payment_plan.parse_percentages(percentages)
            except ValueError:
                raise UserError(
                    _("“%(rule)s” is not a valid percentage rule: give positive numbers adding up to 100, "
                      "e.g. 30/60/10.", rule=percentages or "")
                ) from None
        if installments < 1 or installments > 120:
            raise UserError(
                _("The number of installments must be between 1 and 120, not %(count)s.", count=installments)
            )
        return [1.0] * installments

    def action_generate(self):
        self.ensure_one()
        contract = self.contract_id
        if contract.state not in ("draft", "running"):
            raise UserError(_("Payment plans can only be generated for a draft or running contract."))
        if contract.amount <= 0:
            raise UserError(_("Give the contract “%(name)s” an amount first.", name=contract.display_name))
        if self.interval_months < 1:
            raise UserError(_("The months between installments must be at least 1."))
        weights = self._get_weights(self.rule, self.percentages, self.installments)
        digits = contract.currency_id.decimal_places
        amounts = payment_plan.split_amount(contract.amount, weights, digits)
        dates = payment_plan.installment_dates(self.first_date, len(amounts), self.interval_months)
        commands = []
        if self.replace_existing:
            commands += [Command.delete(plan.id) for plan in contract.plan_ids if not plan.paid_amount]
        commands += [
            Command.create({
                "name": _("Installment %(number)s/%(count)s", number=i + 1, count=len(amounts)),
                "due_date": due_date,
                "amount": amount,
                "user_id": contract.user_id.id,
            })
            for i, (amount, due_date) in enumerate(zip(amounts, dates, strict=True))
        ]
        contract.write({"plan_ids": commands})
        return {"type": "ir.actions.act_window_close"}
