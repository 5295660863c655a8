from odoo.tests import tagged

from .contract_common import XtoolsContractCase
from .service_common import DocumentAccessTests, XtoolsServiceCase


@tagged("post_install", "-at_install")
class TestServiceAccess(DocumentAccessTests, XtoolsServiceCase, XtoolsContractCase):
    """Service records are visible exactly when their customer is."""

    term_a1, term_b1 = "甲一培训", "乙一培训"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.record_b1 = cls._service(cls.customer_b1, name=cls.term_b1)
        cls.record_a1 = cls._service(cls.customer_a1, name=cls.term_a1)

    def _create_vals(self):
        return {"name": "越权服务", "content": "x", "satisfaction": "3"}

    def _hidden_links(self):
        contract_b1 = self._contract(self.customer_b1, amount=100, name="乙一合同")
        complaint_b1 = self._complaint(self.customer_b1, name="乙一的投诉")
        return super()._hidden_links() + [{"contract_id": contract_b1.id}, {"complaint_id": complaint_b1.id}]
