from odoo.exceptions import AccessError
from odoo.tests import tagged

from .contract_common import XtoolsContractCase
from .service_common import DocumentAccessTests, XtoolsServiceCase


@tagged("post_install", "-at_install")
class TestComplaintAccess(DocumentAccessTests, XtoolsServiceCase, XtoolsContractCase):
    """Complaints are visible exactly when their customer is."""

    term_a1, term_b1 = "甲一投诉", "乙一投诉"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.record_b1 = cls._complaint(cls.customer_b1, name=cls.term_b1)
        cls.record_a1 = cls._complaint(cls.customer_a1, name=cls.term_a1)

    def _create_vals(self):
        return {"name": "越权投诉", "description": "x"}

    def _hidden_links(self):
        contract_b1 = self._contract(self.customer_b1, amount=100, name="乙一合同")
        return super()._hidden_links() + [{"contract_id": contract_b1.id}]

    def test_buttons_on_hidden_complaints_are_refused(self):
        with self.assertRaises(AccessError):
            self.record_b1.with_user(self.sales_a1).action_start()
        self.assertEqual(self.record_b1.state, "new")
