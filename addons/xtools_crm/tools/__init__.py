from . import fapiao
from . import payment_plan
from . import phone
from . import sms_gateway
