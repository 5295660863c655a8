"""18.0.1.1.0: everything filed under a customer follows it through one global rule (xtools_customer_visible).

The former per-group rules of the documents lived in a ``noupdate`` file, so an upgrade would keep them: remove
them, so that a database upgraded from 18.0.1.0.0 has exactly the rules of a new one.
"""

OBSOLETE_RULES = [
    "xtools_contract_rule_company",
    "xtools_contract_rule_sales",
    "xtools_contract_rule_manager",
    "xtools_contract_rule_boss",
    "xtools_payment_plan_rule_company",
    "xtools_payment_plan_rule_sales",
    "xtools_payment_plan_rule_manager",
    "xtools_payment_plan_rule_boss",
    "xtools_payment_rule_company",
    "xtools_payment_rule_sales",
    "xtools_payment_rule_manager",
    "xtools_payment_rule_boss",
    "xtools_invoice_rule_company",
    "xtools_invoice_rule_sales",
    "xtools_invoice_rule_manager",
    "xtools_invoice_rule_boss",
    "xtools_delivery_rule_company",
    "xtools_delivery_rule_sales",
    "xtools_delivery_rule_manager",
    "xtools_delivery_rule_boss",
    "xtools_delivery_record_rule_company",
    "xtools_delivery_record_rule_sales",
    "xtools_delivery_record_rule_manager",
    "xtools_delivery_record_rule_boss",
    "xtools_contract_line_rule_company",
    "xtools_contract_line_rule_sales",
    "xtools_contract_line_rule_manager",
    "xtools_contract_line_rule_boss",
    "xtools_opportunity_rule_company",
    "xtools_opportunity_rule_sales",
    "xtools_opportunity_rule_manager",
    "xtools_opportunity_rule_boss",
    "xtools_opportunity_history_rule_company",
    "xtools_opportunity_history_rule_sales",
    "xtools_opportunity_history_rule_manager",
    "xtools_opportunity_history_rule_boss",
    "xtools_opportunity_requirement_rule_company",
    "xtools_opportunity_requirement_rule_sales",
    "xtools_opportunity_requirement_rule_manager",
    "xtools_opportunity_requirement_rule_boss",
    "xtools_opportunity_solution_rule_company",
    "xtools_opportunity_solution_rule_sales",
    "xtools_opportunity_solution_rule_manager",
    "xtools_opportunity_solution_rule_boss",
    "xtools_quote_rule_company",
    "xtools_quote_rule_sales",
    "xtools_quote_rule_manager",
    "xtools_quote_rule_boss",
    "xtools_quote_line_rule_company",
    "xtools_quote_line_rule_sales",
    "xtools_quote_line_rule_manager",
    "xtools_quote_line_rule_boss",
    "xtools_competitor_rule_company",
    "xtools_competitor_rule_sales",
    "xtools_competitor_rule_manager",
    "xtools_competitor_rule_boss",
    "xtools_action_rule_company",
    "xtools_action_rule_sales",
    "xtools_action_rule_manager",
    "xtools_action_rule_boss",
    "xtools_forecast_report_rule_company",
    "xtools_forecast_report_rule_sales",
    "xtools_forecast_report_rule_manager",
    "xtools_forecast_report_rule_boss",
    "res_partner_rule_xtools_sales",
    "res_partner_rule_xtools_manager",
    "res_partner_rule_xtools_boss",
    "xtools_call_rule_boss",
]


def migrate(cr, version):
    cr.execute(
        """
        DELETE FROM ir_rule WHERE id IN (
            SELECT res_id FROM ir_model_data WHERE module = 'xtools_crm' AND model = 'ir.rule' AND name = ANY(%s)
        )
        """,
        [OBSOLETE_RULES],
    )
    cr.execute(
        "DELETE FROM ir_model_data WHERE module = 'xtools_crm' AND model = 'ir.rule' AND name = ANY(%s)",
        [OBSOLETE_RULES],
    )
