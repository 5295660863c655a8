from . import xtools_customer_group
from . import xtools_customer
from . import xtools_customer_document
from . import res_partner
from . import res_config_settings
