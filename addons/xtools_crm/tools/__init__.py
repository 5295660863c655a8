from . import fapiao
from . import payment_plan
from . import phone
from . import pinyin
from . import sms_gateway
