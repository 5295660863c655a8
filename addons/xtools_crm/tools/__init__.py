from . import phone
from . import sms_gateway
