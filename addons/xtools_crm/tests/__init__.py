from . import test_install
from . import test_customer
from . import test_access
from . import test_ui
from . import test_i18n
from . import test_follow_up
from . import test_ui_follow_up
