from . import xtools_customer_batch_wizard
from . import xtools_customer_lost_wizard
from . import xtools_customer_message_wizard
from . import mail_compose_message
from . import sms_composer
from . import xtools_payment_plan_generate
from . import xtools_opportunity_lost_wizard
from . import xtools_expense_reject_wizard
