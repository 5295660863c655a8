from datetime import date, timedelta

from odoo import Command, fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import XtoolsCrmCase, linked_models

REFUSED = UserError  # AccessError and ValidationError are user errors too
# Written by the system only (no create/write rights for anybody).
SYSTEM_MODELS = {"xtools.opportunity.history"}


@tagged("post_install", "-at_install")
class TestCustomerLinked(XtoolsCrmCase):
    """One walk over every model that follows its customer (``xtools.customer.linked``): a salesperson can neither
    see, nor create into, nor move into, nor link to the file of a customer they cannot see.

    A complete file is built for the salesperson's own customer and for a colleague's; every record of the
    colleague's file is then attacked from the salesperson's session, as an RPC would."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["ir.config_parameter"].set_param("xtools_crm.contract_text_required", False)
        cls.product = cls.env["product.product"].create({"name": "巡检服务", "type": "service", "list_price": 1000})
        cls.user = cls.sales_a1
        cls.own = cls._make_file(cls.customer_a1, "甲一")
        cls.hidden = cls._make_file(cls.customer_b1, "乙一")

    @classmethod
    def _make_file(cls, customer, label):
        """Every kind of record filed under ``customer``, created as superuser: ``{model: record}``."""
        env = cls.env
        contact = env["res.partner"].create({"name": f"{label}联系人", "parent_id": customer.partner_id.id,
                                             "email": f"{customer.id}@example.cn"})
        opportunity = env["xtools.opportunity"].create({"name": f"{label}项目", "customer_id": customer.id,
                                                        "contact_id": contact.id, "expected_amount": 50000,
                                                        "expected_date": date.today()})
        requirement = env["xtools.opportunity.requirement"].create({"name": f"{label}需求",
                                                                    "opportunity_id": opportunity.id,
                                                                    "contact_id": contact.id})
        solution = env["xtools.opportunity.solution"].create({"name": f"{label}方案", "opportunity_id": opportunity.id,
                                                              "requirement_ids": [Command.set(requirement.ids)]})
        quote = env["xtools.quote"].create({"opportunity_id": opportunity.id})
        quote_line = env["xtools.quote.line"].create({"quote_id": quote.id, "product_id": cls.product.id})
        competitor = env["xtools.competitor"].create({"name": f"{label}对手", "opportunity_id": opportunity.id})
        contract = env["xtools.contract"].create({
            "name": f"{label}合同", "customer_id": customer.id, "contact_id": contact.id,
            "opportunity_id": opportunity.id,
            "line_ids": [Command.create({"product_id": cls.product.id, "quantity": 10, "price_unit": 1000})],
            "plan_ids": [Command.create({"due_date": date.today(), "amount": 10000})],
        })
        contract.action_sign()
        plan = contract.plan_ids
        # Plans and lines of a signed contract are the manager's: the salesperson's forms add them to drafts.
        draft = env["xtools.contract"].create({"name": f"{label}草稿合同", "customer_id": customer.id})
        invoice = env["xtools.invoice"].create({
            "contract_id": contract.id, "invoice_type": "receipt", "number": f"R-{customer.id}", "amount": 100,
        })
        payment = env["xtools.payment"].create({"contract_id": contract.id, "amount": 100, "plan_id": plan.id,
                                                "invoice_id": invoice.id})
        delivery = env["xtools.delivery"].create({"contract_id": contract.id, "product_id": cls.product.id,
                                                  "planned_qty": 1, "planned_date": date.today()})
        delivery_record = env["xtools.delivery.record"].create({"delivery_id": delivery.id, "qty": 0.1})
        action = env["xtools.action"].create({"customer_id": customer.id, "contact_id": contact.id,
                                              "opportunity_id": opportunity.id, "contract_id": contract.id,
                                              "subject": f"{label}拜访"})
        call = env["xtools.call"].create({"phone": "138 0013 8000", "customer_id": customer.id,
                                          "contact_id": contact.id, "action_id": action.id})
        expense = env["xtools.expense"].create({
            "customer_id": customer.id, "contact_id": contact.id, "opportunity_id": opportunity.id,
            "user_id": customer.user_id.id, "category_id": env.ref("xtools_crm.expense_category_entertainment").id,
            "amount": 100, "description": f"{label}招待",
        })
        # A submitted one too, for the expense statistics (drafts are not claims yet); the draft is attacked.
        expense.copy({"description": f"{label}差旅"}).action_submit()
        complaint = env["xtools.complaint"].create({"name": f"{label}投诉", "customer_id": customer.id,
                                                    "contact_id": contact.id, "contract_id": contract.id,
                                                    "description": "送货晚了"})
        service = env["xtools.service"].create({"name": f"{label}服务", "customer_id": customer.id,
                                                "contact_id": contact.id, "contract_id": contract.id,
                                                "complaint_id": complaint.id, "content": "回访", "satisfaction": "4"})
        start = fields.Datetime.now() + timedelta(days=1)
        event = env["calendar.event"].create({
            "name": f"{label}日程", "start": start, "stop": start + timedelta(hours=1),
            "res_model_id": env["ir.model"]._get_id("xtools.customer"), "res_id": customer.id,
            "partner_ids": [Command.link(contact.id)],
        })
        return {
            "res.partner": contact,
            "xtools.opportunity": opportunity,
            "xtools.opportunity.history": opportunity.history_ids[:1],
            "xtools.opportunity.requirement": requirement,
            "xtools.opportunity.solution": solution,
            "xtools.quote": quote,
            "xtools.quote.line": quote_line,
            "xtools.competitor": competitor,
            "xtools.contract": contract,
            "xtools.contract.line": contract.line_ids,
            "draft_contract": draft,
            "xtools.payment.plan": plan,
            "xtools.payment": payment,
            "xtools.invoice": invoice,
            "xtools.delivery": delivery,
            "xtools.delivery.record": delivery_record,
            "xtools.action": action,
            "xtools.call": call,
            "xtools.expense": expense,
            "xtools.complaint": complaint,
            "xtools.service": service,
            "calendar.event": event,
            "calendar.attendee": event.attendee_ids.filtered(lambda a: a.partner_id == contact)[:1],
        } | {
            # Reports (SQL views): a row about the customer, found once its documents are written.
            model: env[model].search([(env[model]._xtools_customer_path, "=", customer.id)], limit=1)
            for model in cls._read_only_models()
        }

    @classmethod
    def _read_only_models(cls):
        """SQL views: nothing to create or write."""
        return {model for model in linked_models(cls.env) if not cls.env[model]._auto}

    def _as_user(self, record):
        return record.with_user(self.user).with_context(lang="en_US")

    def _vals_for_copy(self, record, model, file):
        """What a form would send to create a record like ``record`` (in its file)."""
        vals = record.copy_data()[0]
        if model in ("xtools.payment.plan", "xtools.contract.line"):
            vals["contract_id"] = file["draft_contract"].id
        if model == "xtools.invoice":
            vals["number"] = f"R-{record.id}-2"
        if model == "calendar.attendee":
            vals["partner_id"] = self.env["res.partner"].create({"name": "路人"}).id
        return vals

    def test_every_linked_model_is_walked(self):
        self.assertEqual(set(linked_models(self.env)) - set(self.own), set(),
                         "add the new model to _make_file so that its file is attacked too")
        for model in linked_models(self.env):
            self.assertTrue(self.hidden[model], f"the fixture has a {model}")

    def test_hidden_file_is_invisible(self):
        for model in linked_models(self.env):
            hidden = self.hidden[model]
            with self.subTest(model=model):
                Model = self.env[model].with_user(self.user)
                with self.assertRaises(AccessError):
                    self._as_user(hidden).read(["display_name"])
                self.assertFalse(Model.search([("id", "=", hidden.id)]))
                self.assertEqual(Model.search_count([("id", "=", hidden.id)]), 0)
                self.assertFalse(Model.read_group([("id", "=", hidden.id)], ["id:count"], []) [0]["__count"])
                if hidden.display_name:
                    self.assertNotIn(hidden.id, [r[0] for r in Model.name_search(hidden.display_name[:4])])
                # The salesperson's own record of the same kind is there.
                self.assertEqual(Model.search([("id", "=", self.own[model].id)]), self.own[model])

    def test_create_into_hidden_file(self):
        for model in linked_models(self.env):
            hidden = self.hidden[model]
            if model in self._read_only_models() | SYSTEM_MODELS:
                continue
            with self.subTest(model=model):
                Model = self.env[model].with_user(self.user).with_context(lang="en_US")
                # The same form, filled for the salesperson's own file, saves...
                Model.create(self._vals_for_copy(self.own[model], model, self.own))
                # ...and filled for the hidden file, is refused.
                count = self.env[model].search_count([])
                with self.assertRaises(REFUSED):
                    Model.create(self._vals_for_copy(hidden, model, self.hidden))
                self.assertEqual(self.env[model].search_count([]), count)

    def test_move_into_hidden_file(self):
        for model in linked_models(self.env):
            own, hidden = self.own[model], self.hidden[model]
            if model in self._read_only_models() | SYSTEM_MODELS:
                continue
            for fname in sorted(own._xtools_move_fields()):
                field = own._fields[fname]
                if field.type not in ("many2one", "many2one_reference", "integer") or not hidden[fname]:
                    continue
                value = hidden[fname].id if field.type == "many2one" else hidden[fname]
                current = own[fname].id if field.type == "many2one" else own[fname]
                if value == current:
                    continue
                with self.subTest(model=model, field=fname):
                    before = own._xtools_customer()
                    with self.assertRaises(REFUSED):
                        self._as_user(own).write({fname: value})
                    own.invalidate_recordset()
                    self.assertEqual(own._xtools_customer(), before)

    def test_link_to_hidden_file(self):
        for model in linked_models(self.env):
            own, hidden = self.own[model], self.hidden[model]
            if model in self._read_only_models() | SYSTEM_MODELS:
                continue
            links = own._xtools_link_fields() + own._xtools_readable_fields()
            for fname in sorted(set(links) - own._xtools_move_fields()):
                field = own._fields[fname]
                targets = hidden[fname]
                if not targets:
                    continue
                value = targets.id if field.type == "many2one" else [Command.set(targets.ids)]
                with self.subTest(model=model, field=fname):
                    with self.assertRaises(REFUSED) as error:
                        self._as_user(own).write({fname: value})
                    for target in targets.filtered(lambda t: not t.with_user(self.user).has_access("read")):
                        self.assertNotIn(target.sudo().display_name, str(error.exception),
                                         "the refusal never names what the user may not see")

    def test_onchange_never_names_a_hidden_record(self):
        """Typing a hidden id into a form's many2one is refused instead of answered with its display name."""
        own, hidden = self.own["xtools.payment"], self.hidden["xtools.payment"]
        Payment = self.env["xtools.payment"].with_user(self.user)
        with self.assertRaises(AccessError):
            Payment.onchange({"contract_id": hidden.contract_id.id}, ["contract_id"],
                             {"contract_id": {"fields": {"display_name": {}}}})
        result = Payment.onchange({"contract_id": own.contract_id.id}, ["contract_id"],
                                  {"contract_id": {"fields": {"display_name": {}}}, "plan_id": {}})
        self.assertEqual(result["value"]["plan_id"], own.contract_id.plan_ids.id)
