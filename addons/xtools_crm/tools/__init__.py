from . import phone
from . import fapiao
from . import payment_plan
