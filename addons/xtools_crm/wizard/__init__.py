from . import xtools_customer_batch_wizard
from . import xtools_opportunity_lost_wizard
