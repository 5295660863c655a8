import logging

import requests

from odoo import models

from ..tools.sms_gateway import build_request

_logger = logging.getLogger(__name__)

SMS_PROVIDER_PARAM = "xtools_crm.sms_provider"
DEFAULT_HTTP_TIMEOUT = 10


class SmsSms(models.Model):
    """The transport behind Odoo's SMS queue: Odoo IAP (the default) or an HTTP SMS gateway.

    The choice and the gateway's URL, method, token and JSON template are ``ir.config_parameter`` values set in
    Settings (``xtools_crm.sms_*``). Each SMS is one request; a 2xx answer means sent, anything else (error status,
    timeout, connection error) marks the SMS as a server error, which the queue's callers may retry.
    """

    _inherit = "sms.sms"

    def _send(self, unlink_failed=False, unlink_sent=True, raise_exception=False):
        if self.env["ir.config_parameter"].sudo().get_param(SMS_PROVIDER_PARAM, "iap") != "http":
            return super()._send(unlink_failed=unlink_failed, unlink_sent=unlink_sent, raise_exception=raise_exception)
        gateway = self._xtools_http_gateway()
        for sms in self.sudo():
            error = sms._xtools_http_send(gateway)
            if error:
                _logger.info("SMS %s through the HTTP gateway failed: %s", sms.id, error)
                if raise_exception:
                    raise requests.RequestException(error)
                sms.sms_tracker_id._action_update_from_sms_state("error", failure_type="sms_server")
                sms.write({"state": "error", "failure_type": "sms_server", "to_delete": unlink_failed})
            else:
                sms.sms_tracker_id._action_update_from_sms_state("pending")
                sms.write({"state": "pending", "failure_type": False, "to_delete": unlink_sent})
        self.mail_message_id._notify_message_notification_update()
        return None

    def _xtools_http_gateway(self):
        get_param = self.env["ir.config_parameter"].sudo().get_param
        return {
            "url": get_param("xtools_crm.sms_http_url"),
            "method": get_param("xtools_crm.sms_http_method", "POST"),
            "token": get_param("xtools_crm.sms_http_token"),
            "template": get_param("xtools_crm.sms_http_template"),
            "timeout": float(get_param("xtools_crm.sms_http_timeout", DEFAULT_HTTP_TIMEOUT)),
        }

    def _xtools_http_send(self, gateway):
        """Send this SMS with one request; return an error text, or ``None`` when the gateway accepted it."""
        self.ensure_one()
        if not gateway["url"]:
            return "no gateway URL configured"
        try:
            request = build_request(
                gateway["url"], gateway["method"], gateway["token"], gateway["template"],
                self.number or "", self.body or "", gateway["timeout"],
            )
            timeout = request.pop("timeout")
            response = requests.request(**request, timeout=timeout)
        except (requests.RequestException, ValueError) as exc:
            return str(exc) or exc.__class__.__name__
        if not 200 <= response.status_code < 300:
            return f"HTTP {response.status_code}"
        return None
