from . import xtools_forecast_report
from . import xtools_report_sales
from . import xtools_report_receivable
from . import xtools_report_funnel
from . import xtools_report_customer
from . import xtools_report_complaint
from . import xtools_report_expense
