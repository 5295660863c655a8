from . import xtools_customer_batch_wizard
from . import xtools_payment_plan_generate
