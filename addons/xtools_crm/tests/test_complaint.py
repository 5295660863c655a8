from datetime import datetime, timedelta

from odoo.exceptions import UserError, ValidationError
from odoo.tests import Form, freeze_time, tagged

from .service_common import XtoolsServiceCase

RECEIVED = datetime(2025, 3, 3, 9, 0, 0)


@tagged("post_install", "-at_install")
class TestComplaint(XtoolsServiceCase):
    def test_state_machine_with_buttons(self):
        complaint = self._complaint(self.customer_a1).with_user(self.sales_a1)
        self.assertEqual(complaint.state, "new")
        with self.assertRaisesRegex(UserError, "cannot be closed"):
            complaint.action_close()
        complaint.action_start()
        self.assertEqual(complaint.state, "processing")
        with self.assertRaisesRegex(UserError, "Write down the resolution"):
            complaint.action_resolve()
        complaint.resolution = "更换了配件"
        complaint.action_resolve()
        self.assertEqual(complaint.state, "resolved")
        self.assertTrue(complaint.resolved_date)
        complaint.action_reopen()
        self.assertEqual((complaint.state, complaint.resolved_date), ("processing", False))
        complaint.action_resolve()
        complaint.action_close()
        self.assertEqual(complaint.state, "closed")
        with self.assertRaisesRegex(UserError, "cannot be taken on"):
            complaint.action_start()
        complaint.action_reopen()
        self.assertEqual(complaint.state, "processing")

    def test_status_changes_only_through_buttons(self):
        Complaint = self.env["xtools.complaint"].with_user(self.sales_a1)
        vals = {"name": "越权", "customer_id": self.customer_a1.id, "description": "x"}
        with self.assertRaisesRegex(UserError, "changes only through its buttons"):
            Complaint.create({**vals, "state": "resolved"})
        with self.assertRaisesRegex(UserError, "Resolve button"):
            Complaint.create({**vals, "resolved_date": "2025-01-01 00:00:00"})
        self.assertEqual(Complaint.with_context(default_state="closed").create(vals).state, "new")
        complaint = Complaint.create(vals)
        for field_vals in ({"state": "closed"}, {"resolved_date": "2025-01-01 00:00:00"}):
            with self.assertRaisesRegex(UserError, "only through its buttons"):
                complaint.write(field_vals)
        self.assertEqual(complaint.state, "new")

    def test_deadline_from_urgency_hours_in_settings(self):
        settings = self.env["xtools.crm.settings"].create({})
        self.assertEqual((settings.xtools_complaint_hours_normal, settings.xtools_complaint_hours_urgent,
                          settings.xtools_complaint_hours_critical), (72, 24, 4))
        complaint = self._complaint(self.customer_a1, date=RECEIVED, urgency="critical")
        self.assertEqual(complaint.deadline, RECEIVED + timedelta(hours=4))
        self.env["xtools.crm.settings"].create({"xtools_complaint_hours_urgent": 8}).execute()
        complaint.with_user(self.sales_a1).urgency = "urgent"
        self.assertEqual(complaint.deadline, RECEIVED + timedelta(hours=8))
        complaint.with_user(self.sales_a1).urgency = "normal"
        self.assertEqual(complaint.deadline, RECEIVED + timedelta(hours=72))
        with self.assertRaisesRegex(ValidationError, "positive number of hours, not 0"):
            self.env["xtools.crm.settings"].create({"xtools_complaint_hours_critical": 0})

    def test_overdue_flag_follows_the_clock(self):
        Complaint = self.env["xtools.complaint"].with_user(self.sales_a1)
        complaint = self._complaint(self.customer_a1, date=RECEIVED, urgency="urgent")  # due 2025-03-04 09:00
        resolved = self._complaint(self.customer_a1, date=RECEIVED, urgency="urgent", resolution="已处理")
        resolved.with_user(self.sales_a1).action_resolve()
        ours = [("id", "in", (complaint | resolved).ids)]

        def overdue_now():
            self.env.invalidate_all()
            return complaint.with_user(self.sales_a1).is_overdue, Complaint.search(ours + [("is_overdue", "=", True)])

        with freeze_time("2025-03-04 08:59:00"):
            self.assertEqual(overdue_now(), (False, Complaint))
            self.assertEqual(Complaint.search(ours + [("is_overdue", "=", False)]), complaint | resolved)
        with freeze_time("2025-03-04 09:01:00"):
            self.assertEqual(overdue_now(), (True, complaint))
            self.assertEqual(Complaint.search(ours + [("is_overdue", "!=", True)]), resolved)
            complaint.with_user(self.sales_a1).action_start()
            self.assertEqual(overdue_now(), (True, complaint), "still overdue while it is being handled")
            complaint.with_user(self.sales_a1).resolution = "补发"
            complaint.with_user(self.sales_a1).action_resolve()
            self.assertEqual(overdue_now(), (False, Complaint))

    def test_handler_changes_are_tracked(self):
        complaint = self._complaint(self.customer_a1)
        self.customer_a1._share_with(self.sales_a2)
        self._commit_tracking()  # a record is not tracked in the transaction that creates it
        complaint.with_user(self.sales_a1).user_id = self.sales_a2
        self._commit_tracking()
        tracking = complaint.message_ids.tracking_value_ids.filtered(lambda t: t.field_id.name == "user_id")
        self.assertEqual(len(tracking), 1)
        self.assertEqual((tracking.old_value_char, tracking.new_value_char), ("销售A1", "销售A2"))

    def _commit_tracking(self):
        """Write the tracking as a commit would."""
        self.env.flush_all()
        self.env.cr.precommit.run()

    def test_unresolved_domain_and_links(self):
        new = self._complaint(self.customer_a1)
        processing = self._complaint(self.customer_a1)
        processing.with_user(self.sales_a1).action_start()
        resolved = self._complaint(self.customer_a1, resolution="ok")
        resolved.with_user(self.sales_a1).action_resolve()
        Complaint = self.env["xtools.complaint"].with_user(self.sales_a1)
        found = Complaint.search(Complaint._get_unresolved_domain() + [("customer_id", "=", self.customer_a1.id)])
        self.assertEqual(found, new | processing)
        self.assertEqual(self.customer_a1.with_user(self.sales_a1).complaint_count, 3)
        self.customer_a2._share_with(self.sales_a1)
        contract_a2 = self.env["xtools.contract"].create({"name": "甲二合同", "customer_id": self.customer_a2.id})
        with self.assertRaisesRegex(ValidationError, "甲二合同"):
            self._complaint(self.customer_a1, contract_id=contract_a2.id)

    def test_complaint_from_the_customer_view(self):
        with Form(self.customer_a1.with_user(self.sales_a1)) as form:
            with form.complaint_ids.new() as line:
                line.name = "客户视图里登记的投诉"
                line.description = "送货晚了三天"
                line.complaint_type = "delivery"
        complaint = self.customer_a1.complaint_ids
        self.assertEqual((complaint.customer_id, complaint.user_id, complaint.state),
                         (self.customer_a1, self.sales_a1, "new"))
