from odoo.exceptions import AccessError, UserError

from .common import XtoolsCrmCase


class XtoolsServiceCase(XtoolsCrmCase):
    """Service fixtures: expense categories and helpers to record expenses, complaints and services as the owner
    of the customer; access assertions shared by the access tests of the service models."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["ir.config_parameter"].set_param("xtools_crm.expense_notify_email", False)
        cls.category_dinner = cls.env.ref("xtools_crm.expense_category_entertainment")
        cls.category_travel = cls.env.ref("xtools_crm.expense_category_travel")
        cls.customer_manager_a = cls.env["xtools.customer"].create(
            {"name": "经甲自营有限公司", "short_name": "经甲自营", "user_id": cls.manager_a.id}
        )

    @classmethod
    def _expense(cls, customer, amount=100.0, user=None, submit=False, **vals):
        """An expense of ``customer`` recorded by ``user`` (default: the customer's owner), submitted on demand."""
        user = user or customer.user_id
        expense = cls.env["xtools.expense"].with_user(user).create({
            "customer_id": customer.id,
            "category_id": vals.pop("category_id", cls.category_dinner.id),
            "amount": amount,
            "description": vals.pop("description", f"费用{amount:g}"),
            **vals,
        })
        if submit:
            expense.action_submit()
        return expense.with_env(cls.env)

    @classmethod
    def _complaint(cls, customer, user=None, **vals):
        user = user or customer.user_id
        return cls.env["xtools.complaint"].with_user(user).create({
            "name": vals.pop("name", "测试投诉"),
            "customer_id": customer.id,
            "description": vals.pop("description", "客户不满意"),
            **vals,
        }).with_env(cls.env)

    @classmethod
    def _service(cls, customer, user=None, **vals):
        user = user or customer.user_id
        return cls.env["xtools.service"].with_user(user).create({
            "name": vals.pop("name", "测试服务"),
            "customer_id": customer.id,
            "content": vals.pop("content", "上门服务"),
            "satisfaction": vals.pop("satisfaction", "4"),
            **vals,
        }).with_env(cls.env)

    # ------------------------------------------------------------------
    # Access assertions
    # ------------------------------------------------------------------
    def assertHidden(self, user, record, search_term):
        """Reading raises; search, search_count, read_group and name_search leave the record out."""
        Model = self.env[record._name].with_user(user)
        with self.assertRaises(AccessError):
            record.with_user(user).read(["display_name"])
        domain = [("id", "=", record.id)]
        self.assertFalse(Model.search(domain))
        self.assertEqual(Model.search_count(domain), 0)
        self.assertFalse(Model.read_group(domain, ["customer_id"], ["customer_id"]))
        self.assertFalse(Model._read_group(domain, ["create_uid"], ["__count"]))
        self.assertNotIn(record.id, [r[0] for r in Model.name_search(search_term)])

    def assertVisible(self, user, record, search_term):
        Model = self.env[record._name].with_user(user)
        record.with_user(user).read(["display_name"])
        self.assertEqual(Model.search_count([("id", "=", record.id)]), 1)
        self.assertIn(record.id, [r[0] for r in Model.name_search(search_term)])


class DocumentAccessTests:
    """Access tests shared by the service documents filed under a customer (expenses, complaints, services).

    The concrete test class (one per model) sets ``record_a1`` / ``record_b1`` (of the customers of sales A1 and
    B1, found by name_search with ``term_a1`` / ``term_b1``) and ``_create_vals()``; ``_hidden_links()`` gives
    the values that would link a record of A1 to records of B1's file.
    """

    def _create_vals(self):
        raise NotImplementedError

    def _hidden_links(self):
        contact_b1 = self.env["res.partner"].create({"name": "乙一联系人", "parent_id": self.customer_b1.partner_id.id})
        return [{"contact_id": contact_b1.id}]

    def test_sales_sees_only_their_customers_records(self):
        self.assertHidden(self.sales_a1, self.record_b1, self.term_b1)
        self.assertVisible(self.sales_b1, self.record_b1, self.term_b1)
        self.assertVisible(self.sales_a1, self.record_a1, self.term_a1)
        groups = (
            self.env[self.record_a1._name].with_user(self.sales_a1).read_group([], ["customer_id"], ["customer_id"])
        )
        self.assertEqual([g["customer_id"][0] for g in groups], [self.customer_a1.id])

    def test_manager_sees_team_boss_sees_all(self):
        self.assertHidden(self.manager_a, self.record_b1, self.term_b1)
        self.assertVisible(self.manager_a, self.record_a1, self.term_a1)
        self.assertVisible(self.manager_b, self.record_b1, self.term_b1)
        self.assertVisible(self.boss, self.record_b1, self.term_b1)
        self.assertVisible(self.boss, self.record_a1, self.term_a1)

    def test_share_and_transfer_move_the_records(self):
        self.customer_b1._share_with(self.sales_a1)
        self.assertVisible(self.sales_a1, self.record_b1, self.term_b1)
        self.customer_b1._unshare_with(self.sales_a1)
        self.customer_b1._transfer_to(self.sales_a2)
        self.assertHidden(self.sales_b1, self.record_b1, self.term_b1)
        self.assertVisible(self.sales_a2, self.record_b1, self.term_b1)
        self.assertVisible(self.manager_a, self.record_b1, self.term_b1)

    def test_no_creating_into_a_hidden_customers_file(self):
        Model = self.env[self.record_a1._name].with_user(self.sales_a1)
        before = Model.sudo().search_count([])
        with self.assertRaises(AccessError):
            Model.create({**self._create_vals(), "customer_id": self.customer_b1.id})
        with self.assertRaises(AccessError):
            Model.with_context(default_customer_id=self.customer_b1.id).create(self._create_vals())
        self.assertEqual(Model.sudo().search_count([]), before)

    def test_no_moving_into_a_hidden_customers_file(self):
        with self.assertRaises(AccessError):
            self.record_a1.with_user(self.sales_a1).write({"customer_id": self.customer_b1.id})
        self.assertEqual(self.record_a1.customer_id, self.customer_a1)

    def test_no_linking_to_a_hidden_customers_records(self):
        Model = self.env[self.record_a1._name].with_user(self.sales_a1)
        for vals in self._hidden_links():
            with self.assertRaises(UserError):
                self.record_a1.with_user(self.sales_a1).write(vals)
            with self.assertRaises(UserError):
                Model.create({**self._create_vals(), "customer_id": self.customer_a1.id, **vals})
            for fname in vals:
                self.assertFalse(self.record_a1[fname])

    def test_no_writing_or_deleting_hidden_records(self):
        with self.assertRaises(AccessError):
            self.record_b1.with_user(self.sales_a1).write({"customer_id": self.customer_a1.id})
        with self.assertRaises(AccessError):
            self.record_b1.with_user(self.sales_a1).unlink()

    def test_portal_sees_nothing(self):
        with self.assertRaises(AccessError):
            self.env[self.record_a1._name].with_user(self.portal).search([])
