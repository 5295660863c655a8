"""The HTTP SMS gateway's request, built from the settings. Pure functions: no ORM, no network."""

import json

DEFAULT_TEMPLATE = '{"to": "{number}", "content": "{message}"}'


def _fill(value, number, message):
    if isinstance(value, str):
        return value.replace("{number}", number).replace("{message}", message)
    if isinstance(value, dict):
        return {key: _fill(item, number, message) for key, item in value.items()}
    if isinstance(value, list):
        return [_fill(item, number, message) for item in value]
    return value


def render_payload(template, number, message):
    """Return the request payload: ``template`` (a JSON object) with ``{number}`` and ``{message}`` replaced.

    The template is parsed before the values are put in, so a message with quotes or braces can never break
    the JSON or add keys. Raises ``ValueError`` when the template is not a JSON object.
    """
    payload = json.loads(template or DEFAULT_TEMPLATE)
    if not isinstance(payload, dict):
        raise ValueError("the SMS template must be a JSON object")
    return _fill(payload, number, message)


def build_request(url, method, token, template, number, message, timeout):
    """Keyword arguments for ``requests.request``: POST sends the payload as a JSON body, GET as query
    parameters; a token is sent as a bearer ``Authorization`` header."""
    payload = render_payload(template, number, message)
    method = (method or "POST").upper()
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    request = {"method": method, "url": url, "headers": headers, "timeout": timeout}
    if method == "GET":
        request["params"] = {
            key: value if isinstance(value, str) else json.dumps(value) for key, value in payload.items()
        }
    else:
        request["json"] = payload
    return request
