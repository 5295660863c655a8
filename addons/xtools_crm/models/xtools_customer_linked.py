from itertools import repeat

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.osv import expression
from odoo.tools import SQL

# Marks, in the context, the search of the customers whose file a user sees (``_xtools_visible_domain``): the pool
# rule is left out of it (``ir.rule._get_rules``). An object cannot come from an RPC's JSON context, so no caller
# can set the mark.
_SEARCHING_VISIBLE_CUSTOMERS = object()


class XtoolsCustomerLinked(models.AbstractModel):
    """What is visible exactly when its customer is — the one place where that is decided and enforced.

    The customer's record rules (``security/ir_rules.xml``) decide who sees which customer. Every model linked to
    a customer (its documents, their parts, its partners and schedules, the reports) has one global rule
    ``[('xtools_customer_visible', '=', True)]``: the field's search reads the customers through the customer's own
    rules for the real user, so a share, a transfer or a new team leader moves the whole file at once.

    Odoo checks record rules on the records *before* a write. So, after create and write, on the final records
    (``default_*`` context values included), this mixin also checks:

    - every many2one to another customer-linked record points into the same customer's file (a payment's plan, a
      contract's opportunity, an action's contact...): nobody links a record of a file they cannot see, or of
      another file;
    - a record moved by a write (its customer or the record it takes its customer from changed) is still
      visible to the user: nobody files a record into a file they cannot see;
    - partners added to a many2many (attendees...) are partners the user may read;
    - ``state`` (see ``_xtools_state``) is not written by the user: it starts in its first state and changes only
      through the model's ``action_*`` methods, which write it as superuser after their own checks.
    """

    _name = "xtools.customer.linked"
    _description = "Linked to a Customer"

    # Path from a record to its customer (a many2one to ``xtools.customer``), "id" for the customer itself.
    _xtools_customer_path = "customer_id"
    # Whether a record without customer is visible to everybody (a partner, an event) rather than to nobody.
    _xtools_unlinked_visible = False
    # ``(state field, first state)`` of a model whose state changes only through its ``action_*`` methods.
    _xtools_state = None
    # Links to partners that need only be readable, not of the same file (attendees are anybody one may see).
    # Stored many2many fields to partners are always of this kind.
    _xtools_readable_links = ()
    # Whether the model has the global rule on ``xtools_customer_visible`` (security/ir_rules.xml, pinned by
    # test_access): then whatever a user's search finds is visible with its customer.
    _xtools_follows_customer_rule = True
    # Whether the record's stored ``company_id`` is always its customer's (computed from it, and ``check_company``
    # refuses another): then a user whose customer rules are their companies' alone reads that column instead.
    _xtools_company_is_customers = False

    xtools_customer_visible = fields.Boolean(
        string="Visible with its Customer",
        compute="_compute_xtools_customer_visible",
        search="_search_xtools_customer_visible",
        help="Technical: the record follows its customer's visibility (used by the record rules).",
    )

    @api.depends(lambda self: [] if self._xtools_customer_path == "id" else [
        self._xtools_customer_path, f"{self._xtools_customer_path}.user_id",
        f"{self._xtools_customer_path}.shared_user_ids",
    ])
    @api.depends_context("uid")
    def _compute_xtools_customer_visible(self):
        # Odoo checks the rules of given records in memory (``filtered_domain``), which reads this value: the same
        # domain as the search, run in SQL for the real user.
        real = self.filtered("id")
        if real:
            # Only the customers of these records are searched through the customer's rules (by id, through its
            # primary key), not every customer the user may see (a scan of the whole customer table per check).
            records_sudo = real.sudo().with_context(active_test=False)
            path = self._xtools_customer_path
            customer_ids = real.ids if path == "id" else records_sudo.mapped(path).ids
            visible = records_sudo.search([("id", "in", real.ids), *self._xtools_visible_domain(customer_ids)])
        else:
            visible = real
        for record in self:
            record.xtools_customer_visible = record in visible

    def _search_xtools_customer_visible(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            return NotImplemented
        domain = self._xtools_visible_domain()
        return domain if (operator == "=") == value else ["!", *domain]

    @api.model
    @api.readonly
    def search_fetch(self, domain, field_names, offset=0, limit=None, order=None):
        records = super().search_fetch(domain, field_names, offset=offset, limit=limit, order=order)
        if not self.env.su and self._xtools_follows_customer_rule and self._xtools_customer_path != "id":
            # Found through the user's rules, whose condition is this field: the access check of what is read next
            # (``fetch`` → ``check_access``, in memory and as superuser, whose cache key differs) need not search
            # their customers again. The value is the real user's in both environments (see the compute).
            field = self._fields["xtools_customer_visible"]
            for found in (records, records.sudo()):
                self.env.cache.update(found, field, repeat(True))
        return records

    @api.model
    def _xtools_visible_domain(self, customer_ids=None):
        """The records whose customer the current user may read. Record rules are evaluated as superuser: the
        customers are searched with the real user's rights (``su=False``), so the customer's rules apply.

        :param customer_ids: when the records' customers are known (checking given records), only those customers
            are searched, instead of every customer the user may see.
        """
        path = self._xtools_customer_path
        real = self.env(su=False)
        if not real["ir.model.access"].check("xtools.customer", "read", raise_exception=False):
            return [(path, "=", False)] if self._xtools_unlinked_visible else expression.FALSE_DOMAIN
        Customer = real["xtools.customer"].with_context(
            active_test=False, xtools_searching_visible_customers=_SEARCHING_VISIBLE_CUSTOMERS
        )
        # The rules of that search, as ``Customer._search`` applies them (after computing the access relations a
        # share or a transfer left pending).
        Customer._xtools_flush_access()
        rules = Customer.env["ir.rule"]._compute_domain("xtools.customer", "read")
        restrict = [] if customer_ids is None else [("id", "in", list(customer_ids))]
        if self._xtools_unlinked_visible and path in self._fields and self._fields[path].auto_join:
            # "No customer, or a visible one": as a subquery under an OR, PostgreSQL would read every visible
            # customer into a hash for each statement (the whole table for a manager or the boss), even to check
            # one contact. Joined (``auto_join``) with the customer's rules, each row's customer is checked through
            # the primary key.
            return ["|", (path, "=", False), (path, "any", expression.AND([restrict, rules]))]
        domain = self._xtools_company_visible_domain(Customer, rules) if customer_ids is None else None
        if domain is None:
            domain = [(path, "in", Customer._search(restrict))]
        if self._xtools_unlinked_visible:
            domain = expression.OR([[(path, "=", False)], domain])
        return domain

    @api.model
    def _xtools_company_visible_domain(self, Customer, rules):
        """For a record whose company is always its customer's (``_xtools_company_is_customers``), the visible
        ones by that column when the customer's ``rules`` for the user are their companies' alone (the boss), or
        their companies' and one access relation (a salesperson, a manager); ``None`` otherwise."""
        if not self._xtools_company_is_customers:
            return None
        real = Customer.env
        companies = [("company_id", "in", real.companies.ids)]
        if rules == companies:
            # Every customer of their companies: the record's own indexed column, not a subquery of all those
            # customers in each statement.
            return companies
        relation = rules[2][0] if len(rules) == 3 and rules[:2] == ["&", companies[0]] else None
        if relation in ("access_user_ids", "team_access_user_ids") and tuple(rules[2][1:]) == ("in", real.uid):
            # Their companies' customers that the user's access relation holds: read from the relation itself, so
            # that PostgreSQL hashes the user's customers from its index once instead of looking each record's
            # customer up in the customers and then in the relation.
            field = Customer._fields[relation]
            return [*companies, (self._xtools_customer_path, "in", SQL(
                "(SELECT %s FROM %s WHERE %s = %s)", SQL.identifier(field.column1),
                SQL.identifier(field.relation), SQL.identifier(field.column2), real.uid,
            ))]
        return None

    # ------------------------------------------------------------------
    # The checks
    # ------------------------------------------------------------------
    @api.model
    def _xtools_is_linked_model(self, model_name):
        return model_name == "xtools.customer" or hasattr(self.env.registry[model_name], "_xtools_customer_path")

    @api.model
    def _xtools_link_fields(self):
        """Stored many2one and many2many fields to records linked to a customer (partners of a many2many are only
        to be readable): they must stay within the record's file."""
        return [
            name for name, field in self._fields.items()
            if field.store and name not in self._xtools_readable_links
            and (field.type == "many2one" or (field.type == "many2many" and field.comodel_name != "res.partner"))
            and name != self._xtools_customer_path.split(".")[0]
            and self._xtools_is_linked_model(field.comodel_name)
        ]

    @api.model
    def _xtools_readable_fields(self):
        """Stored fields whose partners must be readable by the user who sets them."""
        return [
            name for name, field in self._fields.items()
            if field.store and field.comodel_name == "res.partner"
            and (field.type == "many2many" or name in self._xtools_readable_links)
        ]

    @api.model
    def _xtools_move_fields(self):
        """The fields whose change may move a record into another file: its customer, and every stored field the
        customer is computed from, transitively."""
        names, todo = set(), [self._xtools_customer_path.split(".")[0]]
        while todo:
            name = todo.pop()
            if name in names or name not in self._fields or name == "id":
                continue
            names.add(name)
            field = self._fields[name]
            if field.compute or field.related:
                todo.extend(dependency.split(".")[0] for dependency in self.pool.field_depends.get(field, ()))
        return names

    def _xtools_customer(self):
        """The customer of each record, read as superuser (only compared, never shown)."""
        path = self._xtools_customer_path
        if path == "id":
            return {record.id: record.id for record in self}
        return {record.id: record.sudo().mapped(path).id for record in self}

    @api.constrains(lambda self: self._xtools_link_fields() + [
        fname for fname in [self._xtools_customer_path.split(".")[0]] if fname != "id"
    ])
    def _check_xtools_same_file(self):
        """A many2one to another customer-linked record (contract, plan, opportunity, contact...) stays within the
        record's own customer file. Checked as a constraint: it holds for everybody, superuser included."""
        link_fields = self._xtools_link_fields()
        if not link_fields:
            return
        own = self._xtools_customer()
        for fname in link_fields:
            targets = self.sudo().mapped(fname)
            if not targets:
                continue
            target_customers = targets._xtools_customer()
            for record in self:
                for target in record.sudo()[fname]:
                    if target_customers.get(target.id) != own[record.id]:
                        record._xtools_raise_other_file(fname, target, own[record.id])

    def _xtools_raise_other_file(self, fname, target, customer_id):
        """Name what the user may see, and only by number what they may not."""
        real = self.env(su=False)
        field_label = self._fields[fname]._description_string(self.env)
        target_label = self._xtools_visible_label(target.with_env(real))
        if not customer_id:
            raise ValidationError(
                _("%(field)s: “%(target)s” belongs to a customer; choose a customer first.",
                  field=field_label, target=target_label)
            )
        raise ValidationError(
            _(
                "%(field)s: “%(target)s” does not belong to the customer “%(customer)s”.",
                field=field_label,
                target=target_label,
                customer=self._xtools_visible_label(real["xtools.customer"].browse(customer_id)),
            )
        )

    @api.model
    def _xtools_visible_label(self, record):
        """The record's name if the user may see it, else only its number."""
        return record.display_name if record.has_access("read") else f"#{record.id}"

    def _xtools_label(self):
        self.ensure_one()
        return f"{self.env['ir.model']._get(self._name).name} #{self.id}" if self.id else self._description

    def _xtools_check_visible(self):
        """After a write: a record moved into a file the user cannot see is refused."""
        self.invalidate_recordset(["xtools_customer_visible"])
        hidden = self - self._filtered_access("read")
        if hidden:
            raise AccessError(
                _(
                    "You cannot file %(record)s under a customer you cannot see.",
                    record=hidden[0]._xtools_label(),
                )
            )

    def _xtools_partner_snapshot(self, fnames):
        return {fname: {record.id: set(record[fname].ids) for record in self} for fname in fnames}

    def _xtools_check_partners_readable(self, snapshot):
        """Partners set in a readable-only link (attendees, recipients) are partners the user may read: the
        many2one's display name and a many2many's names and e-mails would otherwise show a hidden contact."""
        for fname, before in snapshot.items():
            added = self.env["res.partner"].browse(
                {pid for record in self for pid in record[fname].ids if pid not in before.get(record.id, ())}
            )
            forbidden = added - added._filtered_access("read")
            if forbidden:
                raise AccessError(
                    _(
                        "%(field)s: you cannot add the contact #%(id)s, whom you are not allowed to see.",
                        field=self._fields[fname]._description_string(self.env),
                        id=forbidden[0].id,
                    )
                )

    @api.model
    def _xtools_check_state_vals(self, vals_list, creating):
        if not self._xtools_state or self.env.su:
            return
        fname, first = self._xtools_state
        for vals in vals_list:
            if fname in vals and (not creating or vals[fname] != first):
                label = self._fields[fname]._description_string(self.env)
                raise UserError(
                    _(
                        "%(field)s of %(model)s changes only through its buttons, not to “%(value)s”.",
                        field=label,
                        model=self._description,
                        value=vals[fname],
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su and self._xtools_state:
            self._xtools_check_state_vals(vals_list, creating=True)
            # A default_<state> in the context never applies: a record starts in its first state.
            fname, first = self._xtools_state
            vals_list = [dict(vals, **{fname: first}) for vals in vals_list]
        records = super().create(vals_list)
        # The create rules (global, following the customer) already refused records filed under a hidden customer.
        if not self.env.su:
            records._xtools_check_partners_readable({fname: {} for fname in records._xtools_readable_fields()})
        return records

    def write(self, vals):
        if self.env.su:
            return super().write(vals)
        self._xtools_check_state_vals([vals], creating=False)
        snapshot = self._xtools_partner_snapshot([f for f in self._xtools_readable_fields() if f in vals])
        res = super().write(vals)
        if self._xtools_move_fields() & vals.keys():
            self._xtools_check_visible()
        if snapshot:
            self._xtools_check_partners_readable(snapshot)
        return res

    def onchange(self, values, field_names, fields_spec):
        """A form's links are ones the user may see: an onchange would otherwise send back the display name of
        any record whose id is typed into a many2one (Odoo reads it as superuser)."""
        if not self.env.su:
            path = self._xtools_customer_path.split(".")[0]
            for fname in self._xtools_link_fields() + list(self._xtools_readable_links) + [path]:
                if fname not in self._fields:
                    continue
                field = self._fields[fname]
                value = values.get(fname)
                if field.type != "many2one" or not isinstance(value, int) or not value:
                    continue
                target = self.env[field.comodel_name].browse(value)
                if not target._filtered_access("read"):
                    raise AccessError(
                        _("%(field)s: you are not allowed to see %(model)s #%(id)s.",
                          field=field._description_string(self.env),
                          model=self.env["ir.model"]._get(field.comodel_name).name, id=value)
                    )
        return super().onchange(values, field_names, fields_spec)

    def _xtools_write_state(self, vals):
        """Write ``state`` (and what goes with it) from an ``action_*`` method, once its own checks passed: the
        user must be allowed to write the records; the state field itself is written as superuser."""
        self.check_access("write")
        return self.sudo().write(vals)

    # ------------------------------------------------------------------
    # Parent-row locks
    # ------------------------------------------------------------------
    def _lock_for_update(self):
        """Lock the rows until the end of the transaction, so that a check over several rows hanging off them
        (payments ≤ contract amount, deliveries ≤ plan, one claim of a pool customer) cannot be passed by two
        concurrent transactions at once. Under Odoo's REPEATABLE READ isolation the second transaction waits here,
        and fails with a serialization error (then is retried) when the first one changed the locked rows."""
        if self.ids:
            self.env.cr.execute(
                SQL("SELECT id FROM %s WHERE id IN %s FOR NO KEY UPDATE", SQL.identifier(self._table), tuple(self.ids))
            )
