

from odoo import Command
from odoo.exceptions import AccessError, ValidationError
from odoo.tests import Form, tagged

from .import_common import XlsxImportMixin
from .pool_common import XtoolsPoolCase


@tagged("post_install", "-at_install")
class TestDuplicateCheck(XlsxImportMixin, XtoolsPoolCase):
    """查重: similar names (trigram similarity, core name, pinyin) and the same phone, across every owner's file and
    the pool; of a customer the user cannot see, only its name, owner (or pool) and lifecycle."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Customer = cls.env["xtools.customer"]
        cls.qingsong = Customer.create({
            "name": "南京青松信息技术有限公司", "short_name": "青松", "phone": "025-8400 1234",
            "user_id": cls.sales_b1.id,
            "child_ids": [Command.create({"name": "周联系", "mobile": "139 0251 0001"})],
        })
        cls.yuanjing = Customer.create({"name": "常州远航光电有限公司", "short_name": "远航光电",
                                        "user_id": cls.sales_a2.id})
        cls.yuanjing.with_user(cls.sales_a2)._release_to_pool(cls.pool, "查重测试")

    def _check(self, user, name=None, phone=None):
        wizard = self.env["xtools.customer.duplicate.wizard"].with_user(user).create({"name": name, "phone": phone})
        wizard.action_check()
        return wizard.line_ids

    def _line_of(self, lines, name):
        return lines.filtered(lambda line: line.name == name)

    def test_phone_lookup_is_indexed(self):
        """The duplicate check searches every customer's phone and mobile: PostgreSQL finds them through an index,
        not by scanning all partners (per row when an import retries a failed batch)."""
        self.env.cr.execute("SELECT indexdef FROM pg_indexes WHERE tablename = 'res_partner'")
        definitions = [definition for definition, in self.env.cr.fetchall()]
        for column in ("phone", "mobile"):
            self.assertTrue(any(f"USING btree ({column})" in definition for definition in definitions), column)

    def test_matching_table(self):
        table = [
            # (name, phone, expected match)
            ("南京青松信息技术有限公司", None, "name"),
            ("南京青松科技有限公司", None, "name"),
            ("青松（南京）软件有限公司", None, "name"),
            ("青松", None, "name"),
            ("南京青松", None, "name"),
            ("南京清松", None, "pinyin"),
            ("qingsong", None, "pinyin"),
            ("njqs", None, "pinyin"),
            (None, "025-8400 1234", "phone"),
            (None, "+86 25 8400 1234", "phone"),
            (None, "0086 25 84001234", "phone"),
            (None, "13902510001", "phone"),
            ("完全不同的名字", "139 0251 0001", "phone"),
        ]
        for name, phone, match in table:
            line = self._line_of(self._check(self.sales_a1, name, phone), self.qingsong.name)
            self.assertEqual(line.match, match, f"{name} / {phone}")
        for name, phone in [("上海红旗贸易有限公司", None), ("科技有限公司", None), (None, "025-8400 9999"),
                            ("青岛", None)]:
            self.assertFalse(self._line_of(self._check(self.sales_a1, name, phone), self.qingsong.name),
                             f"{name} / {phone} is not a duplicate")

    def test_hidden_customers_only_name_owner_lifecycle(self):
        line = self._line_of(self._check(self.sales_a1, "青松"), self.qingsong.name)
        self.assertRecordValues(line, [{"customer_id": False, "owner": self.sales_b1.name, "lifecycle": "potential"}])
        self.assertEqual(set(line.read()[0]) & {"phone", "user_id", "short_name"}, set(), "nothing else is kept")
        with self.assertRaises(AccessError):
            self.qingsong.with_user(self.sales_a1).read(["name"])
        self.assertFalse(self.env["xtools.customer"].with_user(self.sales_a1).search([("id", "=", self.qingsong.id)]))
        # The owner sees their own customer and may open it from the result.
        own = self._line_of(self._check(self.sales_b1, "青松"), self.qingsong.name)
        self.assertEqual(own.customer_id, self.qingsong)
        self.assertEqual(own.action_open_customer()["res_id"], self.qingsong.id)

    def test_pool_customers_named_by_their_pool(self):
        for user in (self.sales_b1, self.sales_a1):
            line = self._line_of(self._check(user, "远航光电"), self.yuanjing.name)
            self.assertEqual(line.owner, "Customer pool: 甲组公海")
        self.assertFalse(self._line_of(self._check(self.sales_b1, "远航光电"), self.yuanjing.name).customer_id,
                         "not a member: nothing opens it")
        self.assertEqual(self._line_of(self._check(self.sales_a1, "远航光电"), self.yuanjing.name).customer_id,
                         self.yuanjing, "a member may open it from the pool")

    def test_form_warns_before_saving(self):
        form = Form(self.env["xtools.customer"].with_user(self.sales_a1))
        form.name = "南京青松科技有限公司"
        self.assertIn(self.qingsong.name, form.duplicate_warning)
        self.assertIn(self.sales_b1.name, form.duplicate_warning)
        form.name = "杭州独一无二餐饮有限公司"
        form.short_name = "独一无二"
        self.assertFalse(form.duplicate_warning)
        form.phone = "025 8400 1234"
        self.assertIn(self.qingsong.name, form.duplicate_warning, "the same phone too")
        form.phone = False
        customer = form.save()
        self.assertFalse(Form(customer).duplicate_warning, "a saved customer is not its own duplicate")

    def test_saving_an_exact_duplicate_names_the_owner(self):
        with self.assertRaises(ValidationError) as error:
            self.env["xtools.customer"].with_user(self.sales_a1).create(
                {"name": "南京青松信息技术有限公司", "short_name": "青松二"})
        self.assertIn(f"owned by {self.sales_b1.name}", str(error.exception))
        with self.assertRaises(ValidationError) as error:
            self.env["xtools.customer"].with_user(self.sales_a1).create(
                {"name": "常州远航光电有限公司", "short_name": "远景二"})
        self.assertIn("in the customer pool “甲组公海”", str(error.exception))
        with self.assertRaises(ValidationError) as error:
            self.env["xtools.customer"].with_user(self.sales_a1).create(
                {"name": "撞号有限公司", "short_name": "撞号", "phone": "+86 25 8400 1234"})
        self.assertIn(self.sales_b1.name, str(error.exception))

    def test_import_rows_duplicating_hidden_customers_name_the_owner(self):
        rows = [["名称", "助记名称", "电话"], ["南京青松信息技术有限公司", "青松导入", ""],
                ["常州远航光电有限公司", "远航导入", ""], ["撞号导入有限公司", "撞号导入", "025-8400 1234"],
                ["全新导入有限公司", "全新导入", ""]]
        _fields, result = self._import(self._xlsx(rows), dryrun=True, user=self.sales_a1, messages_lang="en_US")
        errors = {m["rows"]["from"] + 2: m["message"] for m in result["messages"] if m["type"] == "error"}
        self.assertEqual(sorted(errors), [2, 3, 4], "the new customer on line 5 is fine")
        self.assertIn(f"owned by {self.sales_b1.name}", errors[2])
        self.assertIn("in the customer pool “甲组公海”", errors[3])
        self.assertIn(self.sales_b1.name, errors[4])

    def test_form_button_checks_the_customer(self):
        action = self.customer_a1.with_user(self.sales_a1).action_check_duplicates()
        wizard = self.env["xtools.customer.duplicate.wizard"].with_user(self.sales_a1).with_context(
            **action["context"]).create({})
        self.assertEqual(wizard.name, self.customer_a1.name)
        wizard.action_check()
        self.assertNotIn(self.customer_a1.name, wizard.line_ids.mapped("name"), "itself left out")
