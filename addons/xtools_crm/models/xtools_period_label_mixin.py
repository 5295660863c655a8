from datetime import date

from odoo import api, models
from odoo.tools.misc import get_lang

from ..tools.period import period_label


class XtoolsPeriodLabelMixin(models.AbstractModel):
    """Date groups (list group-bys, pivots, graphs) labelled 2026年12月 rather than Babel's 十二月 2026 for Chinese
    users. Inherited by the module's models that are grouped by date."""

    _name = "xtools.period.label.mixin"
    _description = "Chinese Labels of Date Groups"

    @api.model
    def read_group(self, domain, fields, groupby, offset=0, limit=None, orderby=False, lazy=True):
        result = super().read_group(domain, fields, groupby, offset=offset, limit=limit, orderby=orderby, lazy=lazy)
        lang = get_lang(self.env).code
        if not lang.startswith("zh"):
            return result
        specs = [groupby] if isinstance(groupby, str) else list(groupby or [])
        for spec in specs[:1] if lazy else specs:
            fname, _sep, granularity = spec.partition(":")
            field = self._fields.get(fname.split(".")[0])
            if not field or field.type not in ("date", "datetime"):
                continue
            for row in result:
                start = (row.get("__range") or {}).get(spec, {}).get("from") if row.get(spec) else None
                label = start and period_label(date.fromisoformat(start[:10]), granularity or "month", lang)
                if label:
                    row[spec] = label
        return result
