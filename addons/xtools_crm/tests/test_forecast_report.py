from datetime import date

from odoo.tests import tagged

from .contract_common import XtoolsContractCase


@tagged("post_install", "-at_install")
class TestForecastVsActual(XtoolsContractCase):
    def test_forecast_beside_signed_contracts_under_rules(self):
        today = date.today()
        self.env["xtools.opportunity"].create({
            "name": "预测机会", "customer_id": self.customer_a1.id, "user_id": self.sales_a1.id,
            "expected_amount": 10000.0, "probability": 40.0, "expected_date": today,
        })
        self._contract(self.customer_a1, amount=3000.0, sign_date=today)
        self._contract(self.customer_b1, amount=7000.0, sign_date=today)
        self.env.flush_all()

        def totals(user):
            Report = self.env["xtools.forecast.report"].with_user(user)
            groups = Report._read_group(
                [("date", "=", today), ("customer_id", "in", (self.customer_a1 | self.customer_b1).ids)],
                ["kind"], ["weighted_amount:sum", "contract_amount:sum"],
            )
            return {kind: (weighted, signed) for kind, weighted, signed in groups}

        self.assertEqual(totals(self.boss), {"forecast": (4000.0, 0.0), "actual": (0.0, 10000.0)})
        self.assertEqual(totals(self.sales_a1), {"forecast": (4000.0, 0.0), "actual": (0.0, 3000.0)},
                         "a salesperson compares only their customers")
