from odoo.exceptions import UserError, ValidationError
from odoo.tests import Form, tagged

from .contract_common import XtoolsContractCase
from .service_common import XtoolsServiceCase


@tagged("post_install", "-at_install")
class TestService(XtoolsServiceCase, XtoolsContractCase):
    def test_hours_and_average_satisfaction_by_type_and_handler(self):
        self.customer_a1._share_with(self.sales_a2)
        self._service(self.customer_a1, service_type="training", hours=2, satisfaction="5")
        self._service(self.customer_a1, service_type="training", hours=3, satisfaction="3")
        self._service(self.customer_a1, user=self.sales_a2, service_type="training", hours=1, satisfaction="2")
        self._service(self.customer_a1, service_type="maintenance", hours=4, satisfaction="4")
        Service = self.env["xtools.service"].with_user(self.sales_a1)
        groups = Service._read_group([("customer_id", "=", self.customer_a1.id)], ["service_type", "user_id"],
                                     ["hours:sum", "satisfaction_score:avg", "__count"])
        by_key = {(t, u): (h, s, c) for t, u, h, s, c in groups}
        self.assertEqual(by_key[("training", self.sales_a1)], (5, 4, 2))
        self.assertEqual(by_key[("training", self.sales_a2)], (1, 2, 1))
        self.assertEqual(by_key[("maintenance", self.sales_a1)], (4, 4, 1))
        pivot = Service.get_views([(False, "pivot")])["views"]["pivot"]["arch"]
        for name in ('name="service_type" type="row"', 'name="user_id" type="col"', 'name="satisfaction_score"'):
            self.assertIn(name, pivot)
        self.assertEqual(self.customer_a1.with_user(self.sales_a1).service_count, 4)

    def test_bad_input_is_refused(self):
        with self.assertRaisesRegex(ValidationError, "cannot be negative"):
            self._service(self.customer_a1, hours=-1)
        self.customer_a2._share_with(self.sales_a1)
        complaint_a2 = self._complaint(self.customer_a2, name="甲二投诉")
        with self.assertRaisesRegex(ValidationError, "甲二投诉"):
            self._service(self.customer_a1, complaint_id=complaint_a2.id)

    def test_service_from_the_customer_view(self):
        with Form(self.customer_a1.with_user(self.sales_a1)) as form:
            with form.service_ids.new() as line:
                line.name = "客户视图里的培训"
                line.service_type = "training"
                line.content = "讲解报表"
                line.hours = 1.5
                line.satisfaction = "5"
        service = self.customer_a1.service_ids
        self.assertEqual((service.customer_id, service.user_id, service.satisfaction_score),
                         (self.customer_a1, self.sales_a1, 5))


@tagged("post_install", "-at_install")
class TestReturnVisit(XtoolsServiceCase, XtoolsContractCase):
    def _visit_type(self):
        return self.env.ref("xtools_crm.mail_activity_type_return_visit")

    def test_plan_and_record_from_a_resolved_complaint(self):
        complaint = self._complaint(self.customer_a1, name="包装破损", resolution="补发")
        as_sales = complaint.with_user(self.sales_a1)
        with self.assertRaisesRegex(UserError, "resolved complaint"):
            as_sales.action_plan_return_visit()
        as_sales.action_resolve()
        action = as_sales.action_plan_return_visit()
        activity = self.env["mail.activity"].browse(action["res_id"])
        self.assertEqual((activity.res_model, activity.res_id, activity.activity_type_id, activity.user_id),
                         ("xtools.complaint", complaint.id, self._visit_type(), self.sales_a1))
        self.assertEqual(action["res_model"], "mail.activity")
        self.assertEqual(as_sales.return_visit_activity_id, activity)
        # The task is one of "My Tasks".
        tasks = self.env["mail.activity"].with_user(self.sales_a1).action_xtools_my_tasks()
        self.assertIn(activity, self.env["mail.activity"].search(tasks["domain"]))
        # The task opens the service form, filled in; saving the service marks the task done.
        form_action = as_sales.action_record_return_visit()
        self.assertEqual(form_action["res_model"], "xtools.service")
        Service = self.env["xtools.service"].with_user(self.sales_a1).with_context(**form_action["context"])
        with Form(Service) as form:
            self.assertEqual(form.service_type, "return_visit")
            self.assertEqual(form.customer_id, self.customer_a1)
            self.assertEqual(form.complaint_id, complaint)
            self.assertEqual(form.name, "Return visit: 包装破损")
            form.content = "电话回访"
            form.satisfaction = "5"
        service = form.record
        self.assertFalse(activity.exists(), "the return visit task is done")
        self.assertEqual(complaint.service_ids, service)
        done = complaint.message_ids.filtered(lambda m: m.mail_activity_type_id == self._visit_type())
        self.assertIn(service.name, done.body)

    def test_plan_and_record_from_a_signed_contract(self):
        contract = self._contract(self.customer_a1, amount=5000, name="甲一实施合同")
        draft = self._contract(self.customer_a1, amount=100, sign=False, name="甲一草稿合同")
        with self.assertRaisesRegex(UserError, "signed contract"):
            draft.with_user(self.sales_a1).action_plan_return_visit()
        contract.with_user(self.sales_a1).action_plan_return_visit()
        activity = contract.return_visit_activity_id
        self.assertEqual(activity.activity_type_id, self._visit_type())
        form_action = activity.with_user(self.sales_a1).action_xtools_record_return_visit()
        self.assertEqual(form_action["context"]["default_contract_id"], contract.id)
        service = self.env["xtools.service"].with_user(self.sales_a1).with_context(**form_action["context"]).create(
            {"content": "上线一个月回访", "satisfaction": "4"})
        self.assertEqual((service.service_type, service.contract_id, service.customer_id),
                         ("return_visit", contract, self.customer_a1))
        self.assertFalse(activity.exists())

    def test_a_service_of_another_file_leaves_the_task_open(self):
        contract = self._contract(self.customer_a1, amount=5000)
        contract.with_user(self.sales_a1).action_plan_return_visit()
        activity = contract.return_visit_activity_id
        other = self._contract(self.customer_a1, amount=100, name="另一份合同")
        self.env["xtools.service"].with_user(self.sales_a1).with_context(xtools_return_visit_activity_id=activity.id).create({
            "name": "别的服务", "customer_id": self.customer_a1.id, "contract_id": other.id, "content": "x",
            "satisfaction": "3",
        })
        self.assertTrue(activity.exists())
        todo = self.env["mail.activity"].create({
            "res_model_id": self.env["ir.model"]._get_id("xtools.customer"), "res_id": self.customer_a1.id,
            "activity_type_id": self.env.ref("xtools_crm.mail_activity_type_call").id, "user_id": self.sales_a1.id,
        })
        with self.assertRaisesRegex(UserError, "not a return visit"):
            todo.with_user(self.sales_a1).action_xtools_record_return_visit()
