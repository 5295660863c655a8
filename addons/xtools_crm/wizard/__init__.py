from . import xtools_customer_batch_wizard
