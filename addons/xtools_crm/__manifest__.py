{
    "name": "XTools CRM",
    "summary": "销售管理：客户、跟单、销售机会、合同与回款的中文销售 CRM",
    "description": """
XToolsCRM inside Odoo: customers with ownership and sharing, follow-up,
sales opportunities, contracts and receivables, for Chinese sales teams.
""",
    "version": "18.0.1.0.0",
    "category": "Sales/CRM",
    "author": "XTools CRM for Odoo",
    "website": "https://github.com/xtools-crm/xtools_crm",
    "license": "LGPL-3",
    "application": True,
    "installable": True,
    "depends": [
        "mail",
        "calendar",
        "calendar_sms",
        "sms",
        "sales_team",
        "product",
        "phone_validation",
        "base_import",
        "web",
    ],
    "data": [
        "security/xtools_crm_groups.xml",
        "security/ir.model.access.csv",
        "security/ir_rules.xml",
        "data/ir_sequence_data.xml",
        "data/xtools_customer_group_data.xml",
        "wizard/xtools_customer_batch_wizard_views.xml",
        "views/res_config_settings_views.xml",
        "views/xtools_customer_group_views.xml",
        "views/xtools_customer_views.xml",
        "views/xtools_crm_menus.xml",
    ],
    "demo": [
        "demo/xtools_crm_demo.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "xtools_crm/static/tests/tours/**/*",
        ],
    },
}
