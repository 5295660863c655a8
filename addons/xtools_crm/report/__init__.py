from . import xtools_forecast_report
